/**
 * Who may do what: the one table of role × resource × operation. Anything not listed here is
 * denied, including routes that forget to declare what they need.
 */
export const roles = ['reader', 'auditor', 'editor', 'admin', 'dpo', 'approver'] as const;
export type Role = (typeof roles)[number];

/**
 * Who acts across organisational units: everyone else who may write an entry writes only those of
 * the units their token names (auth/unit-scope.ts).
 */
export const acrossUnits: readonly Role[] = ['admin', 'dpo'];

export const operations = ['list', 'get', 'create', 'update', 'delete'] as const;
export type Operation = (typeof operations)[number];

export const resources = [
  'processing-activities',
  // The departments and business functions that own entries, and that scope editors: admins keep them.
  'organisational-units',
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
  // Where personal data lives (the data map): kept up to date like the other building blocks.
  'systems',
  'data-flows',
  // Computed from the register, never written: every role may read them (list/get).
  'findings',
  'privacy-notice',
  // Who changed what, the register as it was, and the register keeper's internal notes: auditors and admins only.
  'audit-events',
  'register-history',
  'internal-notes',
  // The whole register as one document (JSON, JSON-LD, CSV): every role may export it.
  'register',
  // Signed, stored snapshots of the export: auditors and admins create and read them; never changed.
  'register-snapshots',
  // Bringing a whole register in (JSON export or ICO CSV): admins only.
  'register-import',
  // Webhook subscriptions, their delivery log and redelivery: admins only (a subscription sends the register's changes elsewhere).
  'webhooks',
  // Approving a submitted activity, or returning it to draft (src/reviews): approvers only, never its last editor.
  'activity-approvals',
  // Reviews due (GET /v1/reviews/due): every role may read them.
  'reviews',
] as const;
export type Resource = (typeof resources)[number];

export interface Permission {
  resource: Resource;
  operation: Operation;
}

const read: Operation[] = ['list', 'get'];
const write: Operation[] = ['list', 'get', 'create', 'update'];
const all: Operation[] = ['list', 'get', 'create', 'update', 'delete'];
/** Snapshots are append-only evidence: made and read, never updated or deleted (no route does). */
const snapshots: Operation[] = ['list', 'get', 'create'];
const none: Operation[] = [];

/** The DPO's and the approver's grants are derived (see below), so a row names the other roles only. */
type Grants = Record<Exclude<Role, 'dpo' | 'approver'>, Operation[]>;
/** Everyone reads; editors keep the entries up to date; admins also delete. */
const editable: Grants = { reader: read, auditor: read, editor: write, admin: all };
/** Everyone reads; editors may not change it (organisations, own legal bases): admins do. */
const adminEdits: Grants = { reader: read, auditor: read, editor: read, admin: all };
/** Read by everyone, never written (reference data; what the register computes). */
const readOnly: Grants = { reader: read, auditor: read, editor: read, admin: all };
/** Auditors and admins only. */
const auditOnly: Grants = { reader: none, auditor: read, editor: none, admin: all };

/**
 * The table, one row per resource: a resource without a row does not compile, and a role without
 * a grant in a row is denied.
 */
const grants = {
  'processing-activities': editable,
  'organisational-units': adminEdits,
  organisations: adminEdits,
  purposes: editable,
  'legal-bases': adminEdits,
  'data-subject-categories': editable,
  'data-categories': editable,
  'collection-channels': editable,
  recipients: editable,
  'retention-rules': editable,
  'security-measures': editable,
  'privacy-policies': editable,
  'data-subject-rights': readOnly,
  systems: editable,
  'data-flows': editable,
  findings: readOnly,
  'privacy-notice': readOnly,
  'audit-events': auditOnly,
  'register-history': auditOnly,
  'internal-notes': auditOnly,
  register: readOnly,
  'register-snapshots': { reader: none, auditor: snapshots, editor: none, admin: snapshots },
  'register-import': { reader: none, auditor: none, editor: none, admin: ['create'] },
  webhooks: { reader: none, auditor: none, editor: none, admin: all },
  'activity-approvals': { reader: none, auditor: none, editor: none, admin: none },
  reviews: readOnly,
} satisfies Record<Resource, Grants>;

/**
 * The DPO holds what editors and auditors hold together — keeps entries up to date and reads the
 * trail, the history and the internal notes — across every unit; it deletes, imports and manages
 * webhooks no more than they do.
 */
const dpoGrants = (row: Grants): Operation[] =>
  operations.filter((operation) => row.editor.includes(operation) || row.auditor.includes(operation));

/**
 * The approver (four eyes: src/reviews) reads what a reader reads and approves or returns
 * submitted activities; a token holding it with `editor` also edits (but never approves its own edit).
 */
const approverGrants = (resource: Resource): Operation[] => (resource === 'activity-approvals' ? ['create'] : grants[resource].reader);

const grantOf = (resource: Resource, role: Role): Operation[] =>
  role === 'dpo' ? dpoGrants(grants[resource]) : role === 'approver' ? approverGrants(resource) : grants[resource][role];

/** The same table by role: role × resource × operation. */
export const permissionTable: Record<Role, Record<Resource, Operation[]>> = Object.fromEntries(
  roles.map((role) => [role, Object.fromEntries(resources.map((resource) => [resource, grantOf(resource, role)]))]),
) as Record<Role, Record<Resource, Operation[]>>;

export function isAllowed(userRoles: readonly Role[], { resource, operation }: Permission): boolean {
  return userRoles.some((role) => permissionTable[role][resource].includes(operation));
}

export function rolesAllowed(permission: Permission): Role[] {
  return roles.filter((role) => isAllowed([role], permission));
}
