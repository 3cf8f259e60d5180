/**
 * Who may do what: the one table of role × resource × operation. Anything not listed here is
 * denied, including routes that forget to declare what they need.
 */
export const roles = ['reader', 'auditor', 'editor', 'admin'] as const;
export type Role = (typeof roles)[number];

export const operations = ['list', 'get', 'create', 'update', 'delete'] as const;
export type Operation = (typeof operations)[number];

export const resources = [
  'processing-activities',
  'organisations',
  'purposes',
  'legal-bases',
  'data-subject-categories',
  'data-categories',
  'collection-channels',
  'recipients',
  'retention-rules',
  'security-measures',
  'privacy-policies',
  'data-subject-rights',
  // Computed from the register, never written: every role may read them (list/get).
  'findings',
  'privacy-notice',
  // Who changed what, and the register as it was: auditors and admins only.
  'audit-events',
  'register-history',
  // The whole register as one document (JSON, JSON-LD, CSV): every role may export it.
  'register',
  // Signed, stored snapshots of the export: auditors and admins create and read them; never changed.
  'register-snapshots',
  // Bringing a whole register in (JSON export or ICO CSV): admins only.
  'register-import',
] as const;
export type Resource = (typeof resources)[number];

/** Resources only auditors and admins may read. */
const auditOnly: Resource[] = ['audit-events', 'register-history', 'register-snapshots'];

/** Resources that are one admin operation, not something to read. */
const adminOnly: Resource[] = ['register-import'];

/** Snapshots are append-only evidence: made and read, never updated or deleted (no route does). */
const snapshots: Operation[] = ['list', 'get', 'create'];

export interface Permission {
  resource: Resource;
  operation: Operation;
}

const read: Operation[] = ['list', 'get'];
const write: Operation[] = ['list', 'get', 'create', 'update'];
const all: Operation[] = ['list', 'get', 'create', 'update', 'delete'];

/** Every resource (except the audit-only ones, unless asked) with the same operations. */
const everything = (ops: Operation[], withAudit = false) =>
  Object.fromEntries(
    resources
      .filter((resource) => !adminOnly.includes(resource) && (withAudit || !auditOnly.includes(resource)))
      .map((resource) => [resource, ops]),
  ) as Partial<Record<Resource, Operation[]>>;

export const permissionTable: Record<Role, Partial<Record<Resource, Operation[]>>> = {
  // Internal tools: read the register.
  reader: everything(read),
  // Auditors: read everything, the audit trail and the register's history included.
  auditor: { ...everything(read, true), 'register-snapshots': snapshots },
  // Editors keep the register entries up to date; organisations, own legal bases and deletions are the admin's.
  editor: {
    ...everything(read),
    'processing-activities': write,
    purposes: write,
    'data-subject-categories': write,
    'data-categories': write,
    'collection-channels': write,
    recipients: write,
    'retention-rules': write,
    'security-measures': write,
    'privacy-policies': write,
  },
  admin: { ...everything(all, true), 'register-snapshots': snapshots, 'register-import': ['create'] },
};

export function isAllowed(userRoles: readonly Role[], { resource, operation }: Permission): boolean {
  return userRoles.some((role) => permissionTable[role][resource]?.includes(operation) ?? false);
}

export function rolesAllowed(permission: Permission): Role[] {
  return roles.filter((role) => isAllowed([role], permission));
}
