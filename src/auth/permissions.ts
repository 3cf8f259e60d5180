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
] as const;
export type Resource = (typeof resources)[number];

export interface Permission {
  resource: Resource;
  operation: Operation;
}

const read: Operation[] = ['list', 'get'];
const write: Operation[] = ['list', 'get', 'create', 'update'];
const all: Operation[] = ['list', 'get', 'create', 'update', 'delete'];

const everything = (ops: Operation[]) => Object.fromEntries(resources.map((resource) => [resource, ops])) as Record<Resource, Operation[]>;

export const permissionTable: Record<Role, Partial<Record<Resource, Operation[]>>> = {
  // Internal tools: read the register.
  reader: everything(read),
  // Auditors: read everything (the audit trail and exports join this row when they exist).
  auditor: everything(read),
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
  admin: everything(all),
};

export function isAllowed(userRoles: readonly Role[], { resource, operation }: Permission): boolean {
  return userRoles.some((role) => permissionTable[role][resource]?.includes(operation) ?? false);
}

export function rolesAllowed(permission: Permission): Role[] {
  return roles.filter((role) => isAllowed([role], permission));
}
