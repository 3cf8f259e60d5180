import type { FastifyInstance, InjectOptions } from 'fastify';
import { SignJWT } from 'jose';
import t, { type Test } from 'tap';
import {
  operations,
  permissionTable,
  resources,
  roles,
  rolesAllowed,
  type Operation,
  type Resource,
  type Role,
} from '../../src/auth/permissions';
import { createTestDatabase, testConfig, testSecret } from '../helper';
import { send as sendRequest, type SentResponse as Response } from '../support/send';
import { servedRoutes } from '../support/served-routes';
import { buildApp } from '../../src/app';

/**
 * The permission table, through HTTP: every role (and some role claims that are not one plain
 * role) against every route that exists, on ONE app. Granted operations are sent with valid
 * bodies and must really succeed; refused ones must be 403 FORBIDDEN and change nothing.
 *
 * The matrix is generated from `permissionTable`, `roles`, `resources` and `operations`: each
 * (resource, operation) whose conventional route (GET/POST /v1/<resource>, GET/PATCH/DELETE
 * /v1/<resource>/:id) the app serves. Any other /v1 route (computed views such as findings) is
 * checked against the roles its OpenAPI operation documents (`x-roles`).
 */

/** The conventional route of a table entry. */
function routeOf(resource: Resource, operation: Operation): { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string } {
  switch (operation) {
    case 'list':
      return { method: 'GET', url: `/v1/${resource}` };
    case 'get':
      return { method: 'GET', url: `/v1/${resource}/:id` };
    case 'create':
      return { method: 'POST', url: `/v1/${resource}` };
    case 'update':
      return { method: 'PATCH', url: `/v1/${resource}/:id` };
    case 'delete':
      return { method: 'DELETE', url: `/v1/${resource}/:id` };
  }
}

/** Whether a table route is the conventional one (so its body and effect are known). */
function isConventional({
  resource,
  operation,
  method,
  url,
}: {
  resource: Resource;
  operation: Operation;
  method: string;
  url: string;
}): boolean {
  const conventional = routeOf(resource, operation);
  return conventional.method === method && conventional.url === url;
}

const expectedStatus: Record<Operation, number> = { list: 200, get: 200, create: 201, update: 200, delete: 204 };

// ---- one app for the whole file ----------------------------------------------------------------

interface Fixture {
  app: FastifyInstance;
  admin: string;
  /** One entry per resource that has entries, made by an admin, that get and update use. */
  entries: Partial<Record<Resource, any>>;
  organisationId: string;
  /** The table entries the app serves a conventional route for. */
  matrix: Array<{ resource: Resource; operation: Operation; method: string; url: string }>;
  /** The other /v1 routes, with the roles their OpenAPI operation documents. */
  others: Array<{ method: string; url: string; roles: Role[] }>;
}

let fixture: Promise<Fixture> | undefined;
/** The ends the matrix's data flows go between (made with the fixture). */
let flowEnds = { from: '', to: '' };

function shared(): Promise<Fixture> {
  fixture ??= (async () => {
    const database = await createTestDatabase(t);
    const app = await buildApp(testConfig({ PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0' }), { database });
    await app.ready();
    t.teardown(() => app.close());
    const admin = await token(['admin']);
    matrixUnitId = (await adminCreate(app, admin, 'organisational-units', { name: 'Matrix unit', key: matrixUnitKey })).id;
    const organisation = await adminCreate(app, admin, 'organisations', { name: 'Matrix fixture organisation', roles: ['controller'] });
    // A data flow goes between two entries that exist.
    flowEnds = {
      from: (await adminCreate(app, admin, 'data-subject-categories', { name: 'Matrix flow subjects' })).id,
      to: (await adminCreate(app, admin, 'recipients', { name: 'Matrix flow recipient' })).id,
    };
    // Table routes: the operations whose operationId is `<operation>-<resource>` (the routes'
    // naming convention), each checked to be served with the method and path documented.
    const spec = (await send(app, admin, 'GET', '/docs/json')).data;
    const documented = Object.entries(spec.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        url: path.replace(/\{(\w+)\}/g, ':$1'),
        operationId: String(operation.operationId),
        roles: (operation['x-roles'] ?? []) as Role[],
      })),
    );
    const matrix = resources.flatMap((resource) =>
      operations.flatMap((operation) =>
        documented
          .filter((route) => route.operationId === `${operation}-${resource}` && route.url.startsWith('/v1/'))
          .map(({ method, url }) => ({ resource, operation, method, url })),
      ),
    );
    const entries: Partial<Record<Resource, any>> = {};
    for (const resource of resources) {
      const has = (operation: Operation) =>
        matrix.some((entry) => entry.resource === resource && entry.operation === operation && isConventional(entry));
      if (has('create')) {
        entries[resource] = await adminCreate(app, admin, resource, bodyFor(resource, organisation.id));
      } else if (has('list') && has('get')) {
        // Reference data: take an existing entry.
        entries[resource] = (await send(app, admin, 'GET', `/v1/${resource}?limit=1`)).data.items[0];
      }
    }
    const others = servedRoutes(app)
      .filter(({ url }) => url.startsWith('/v1/'))
      .filter(({ method, url }) => !matrix.some((entry) => entry.method === method && entry.url === url))
      .map(({ method, url }) => ({
        method,
        url,
        roles: documented.find((route) => route.method === method && route.url === url)?.roles ?? [],
      }));
    return { app, admin, entries, organisationId: organisation.id, matrix, others };
  })();
  return fixture;
}

// ---- tokens, requests and bodies ---------------------------------------------------------------

/** An HS256 token the test app accepts, with any `roles` claim (undefined leaves the claim out). */
function token(rolesClaim: unknown, sub = 'matrix-user'): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  // Every token names the fixture's unit, which owns the fixture's entries: this file tests the
  // roles; the units are test/auth/bola.test.ts's.
  return new SignJWT({ ...(rolesClaim === undefined ? {} : { roles: rolesClaim }), units: [matrixUnitKey] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer('processing-register')
    .setAudience('processing-register-api')
    .setIssuedAt(now)
    .setExpirationTime(now + 900)
    .sign(new TextEncoder().encode(testSecret));
}

/** One request with `bearer` (null: none); PATCH and DELETE carry the ETag read with the admin token. */
const send = (
  app: FastifyInstance,
  bearer: string | null,
  method: InjectOptions['method'],
  url: string,
  payload?: object,
  admin?: string,
) => sendRequest(app, method, url, { bearer, payload, etagWith: admin });

async function adminCreate(app: FastifyInstance, admin: string, resource: Resource, body: Record<string, unknown>) {
  const response = await send(app, admin, 'POST', `/v1/${resource}`, body);
  if (response.statusCode !== 201) throw new Error(`fixture POST /v1/${resource} → ${response.statusCode}: ${response.body}`);
  return response.data;
}

let counter = 0;

const matrixUnitKey = 'matrix-unit';
/** The organisational unit that owns the matrix's entries (made with the fixture). */
let matrixUnitId: string | undefined;

/** A valid create body with a unique name (and code) for each resource; owned entries are the matrix unit's. */
function bodyFor(resource: Resource, organisationId: string): Record<string, unknown> {
  return resource === 'organisational-units'
    ? { name: `Matrix unit ${++counter}`, key: `matrix-unit-${counter}` }
    : { ...ownBodyFor(resource, organisationId), ownerUnitId: matrixUnitId };
}

function ownBodyFor(resource: Resource, organisationId: string): Record<string, unknown> {
  const n = ++counter;
  const name = `Matrix ${resource} ${n}`;
  switch (resource) {
    case 'legal-bases':
      return { code: `matrix-basis-${n}`, name, kind: 'lawful-basis', article: `Art. ${n}`, jurisdiction: 'NL' };
    case 'collection-channels':
      return { name, sourceType: 'data-subject', mechanism: 'email' };
    case 'recipients':
      return { name, kind: 'processor', category: 'hosting-provider' };
    case 'retention-rules':
      return { name, duration: 'P30D', startEvent: 'collection' };
    case 'security-measures':
      return { name, type: 'technical' };
    case 'privacy-policies':
      return { name, organisationId, language: 'nl' };
    case 'data-flows':
      return { name, fromKind: 'data-subject-category', fromId: flowEnds.from, toKind: 'recipient', toId: flowEnds.to };
    default:
      return { name };
  }
}

const roleList = (list: readonly Role[]) => list.map((role) => `\`${role}\``).join(', ');

function assertForbidden(t: Test, response: Response, label: string, needed: readonly Role[]) {
  t.equal(response.statusCode, 403, `${label}: 403`);
  t.match(response.headers['content-type'], /^application\/problem\+json/, `${label}: problem+json`);
  t.equal(response.data?.code, 'FORBIDDEN', `${label}: FORBIDDEN`);
  t.match(response.headers['www-authenticate'], /error="insufficient_scope"/, `${label}: insufficient_scope challenge`);
  t.ok(String(response.data?.detail).includes(roleList(needed)), `${label}: detail names the roles that may`);
}

/**
 * Every route with `bearer`, whose effective roles are `effective`: granted ones must succeed,
 * the others must be 403 and leave the data as it was (checked with the admin token).
 */
async function checkEveryRoute(t: Test, bearer: string, effective: readonly Role[]) {
  const { app, admin, entries, organisationId, matrix, others } = await shared();
  const granted = grantedTo(effective);
  for (const { resource, operation, method, url } of matrix) {
    const entry = entries[resource];
    const allowed = granted(resource, operation);
    const label = `${method} ${url}: ${operation} ${resource} (${allowed ? 'granted' : 'refused'})`;
    const base = `/v1/${resource}`;
    let response: Response;
    if (!isConventional({ resource, operation, method, url }) || !entry) {
      // A route named after a table entry but not shaped like the CRUD ones (e.g. GET
      // /v1/privacy-notice, POST /v1/register/snapshots): sent as is; granted means served.
      response = await send(app, bearer, method as InjectOptions['method'], url.replace(/:id\b/g, entries['processing-activities']?.id));
      if (allowed)
        t.ok(![401, 403].includes(response.statusCode) && response.statusCode < 500, `${label}: served (${response.statusCode})`);
      else assertForbidden(t, response, label, rolesAllowed({ resource, operation }));
      continue;
    }
    switch (operation) {
      case 'list':
        response = await send(app, bearer, 'GET', `${base}?limit=5`);
        break;
      case 'get':
        response = await send(app, bearer, 'GET', `${base}/${entry.id}`);
        if (allowed) t.equal(response.data?.id, entry.id, `${label}: the entry`);
        break;
      case 'create': {
        const before = (await send(app, admin, 'GET', `${base}?limit=1`)).data.total;
        response = await send(app, bearer, 'POST', base, bodyFor(resource, organisationId));
        const after = (await send(app, admin, 'GET', `${base}?limit=1`)).data.total;
        t.equal(after, before + (allowed ? 1 : 0), `${label}: ${allowed ? 'one entry created' : 'nothing created'}`);
        break;
      }
      case 'update': {
        const name = `Renamed ${resource} ${++counter}`;
        response = await send(app, bearer, 'PATCH', `${base}/${entry.id}`, { name }, admin);
        const now = (await send(app, admin, 'GET', `${base}/${entry.id}`)).data;
        t.equal(now.name === name, allowed, `${label}: ${allowed ? 'renamed' : 'unchanged'}`);
        break;
      }
      case 'delete': {
        const fresh = await adminCreate(app, admin, resource, bodyFor(resource, organisationId));
        response = await send(app, bearer, 'DELETE', `${base}/${fresh.id}`, undefined, admin);
        const still = await send(app, admin, 'GET', `${base}/${fresh.id}`);
        t.equal(still.statusCode, allowed ? 404 : 200, `${label}: ${allowed ? 'gone' : 'still there'}`);
        break;
      }
    }
    if (allowed) {
      t.equal(response.statusCode, expectedStatus[operation], `${label}: ${expectedStatus[operation]}`);
    } else {
      assertForbidden(t, response, label, rolesAllowed({ resource, operation }));
    }
  }
  for (const { method, url, roles: documented } of others) {
    const allowed = documented.some((role) => effective.includes(role));
    const label = `${method} ${url} (${allowed ? 'granted' : 'refused'})`;
    const concrete = url.replace(/:id\b/g, entries['processing-activities']?.id ?? '00000000-0000-4000-8000-000000000000');
    const response = await send(app, bearer, method as InjectOptions['method'], concrete, undefined, admin);
    if (allowed) {
      t.ok(![401, 403].includes(response.statusCode) && response.statusCode < 500, `${label}: served (${response.statusCode})`);
    } else {
      assertForbidden(t, response, label, documented);
    }
  }
}

const grantedTo = (list: readonly Role[]) => (resource: Resource, operation: Operation) =>
  list.some((role) => permissionTable[role][resource]?.includes(operation) ?? false);

// ---- the table itself ------------------------------------------------------------------------------

/** The register itself: its entries and reference data (the table may list more, e.g. audit views). */
const registerResources: readonly Resource[] = [
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
  'systems',
  'data-flows',
];

/** The register entries editors keep up to date (everything else is read-only to them). */
const editorWritable: readonly Resource[] = [
  'processing-activities',
  'purposes',
  'data-subject-categories',
  'data-categories',
  'collection-channels',
  'recipients',
  'retention-rules',
  'security-measures',
  'privacy-policies',
  'systems',
  'data-flows',
];

t.test('the permission table: readers and auditors read the register, editors also write its entries, admins do everything', async (t) => {
  const writes: Operation[] = ['create', 'update', 'delete'];
  for (const resource of registerResources) {
    t.ok(resources.includes(resource), `${resource} is in the table`);
    for (const operation of operations) {
      const write = writes.includes(operation);
      t.equal(grantedTo(['admin'])(resource, operation), true, `admin may ${operation} ${resource}`);
      for (const role of ['reader', 'auditor'] as const) {
        t.equal(grantedTo([role])(resource, operation), !write, `${role} ${write ? 'may not' : 'may'} ${operation} ${resource}`);
      }
      const editor = !write || (operation !== 'delete' && editorWritable.includes(resource));
      t.equal(grantedTo(['editor'])(resource, operation), editor, `editor ${editor ? 'may' : 'may not'} ${operation} ${resource}`);
    }
  }
  t.same(rolesAllowed({ resource: 'activity-approvals', operation: 'create' }), ['approver'], 'only approvers approve');
  // Whatever else the table lists: admins may do what any role may, nobody but an admin deletes,
  // readers and auditors never change anything, and readers see no more than auditors.
  for (const resource of resources) {
    for (const operation of operations) {
      // Except approving an activity: that is the approver's own act (four eyes), not an admin's.
      if (resource !== 'activity-approvals' && roles.some((role) => grantedTo([role])(resource, operation))) {
        t.ok(grantedTo(['admin'])(resource, operation), `${operation} ${resource}: admins may what anyone may`);
      }
      if (operation === 'delete' || operation === 'update') {
        t.notOk(grantedTo(['reader', 'auditor'])(resource, operation), `${operation} ${resource}: not readers or auditors`);
      }
      if (operation === 'delete') t.notOk(grantedTo(['editor'])(resource, operation), `delete ${resource}: not editors`);
      if (grantedTo(['reader'])(resource, operation))
        t.ok(grantedTo(['auditor'])(resource, operation), `${operation} ${resource}: auditors see what readers see`);
    }
  }
  t.same([...roles].sort(), ['admin', 'approver', 'auditor', 'dpo', 'editor', 'reader']);
  // The DPO: what editors and auditors may together, across units; no deletes, no import, no webhooks.
  for (const resource of resources) {
    for (const operation of operations) {
      t.equal(
        grantedTo(['dpo'])(resource, operation),
        grantedTo(['editor', 'auditor'])(resource, operation),
        `dpo ${operation} ${resource}: as editor and auditor together`,
      );
    }
  }
  t.notOk(grantedTo(['dpo'])('register-import', 'create'), 'the DPO does not import');
  t.same(grantedTo([])('purposes', 'list'), false, 'no roles, no permission');
});

t.test('the matrix covers every /v1 route, and the OpenAPI document states the same roles', async (t) => {
  const { app, admin, matrix, others } = await shared();
  const spec = (await send(app, admin, 'GET', '/docs/json')).data;
  for (const resource of ['processing-activities', 'organisations', 'purposes', 'legal-bases', 'privacy-policies'] as const) {
    t.equal(matrix.filter((entry) => entry.resource === resource).length, 5, `${resource}: all five routes are in the matrix`);
  }
  t.same(
    matrix.filter((entry) => entry.resource === 'data-subject-rights').map((entry) => entry.operation),
    ['list', 'get'],
    'data-subject-rights is read-only: list and get only',
  );
  for (const method of ['POST', 'PATCH', 'DELETE', 'PUT']) {
    t.notOk(
      app.hasRoute({ method: method as 'POST', url: '/v1/data-subject-rights' }) ||
        app.hasRoute({ method: method as 'POST', url: '/v1/data-subject-rights/:id' }),
      `no ${method} on data-subject-rights`,
    );
  }
  t.ok(matrix.length >= 57, `${matrix.length} routes from the table`);
  for (const { resource, operation, method, url } of matrix) {
    t.ok(app.hasRoute({ method: method as 'GET', url }), `${method} ${url} is served`);
    const documented = spec.paths[url.replace(':id', '{id}')]?.[method.toLowerCase()];
    t.same(documented?.['x-roles'], rolesAllowed({ resource, operation }), `${method} ${url}: x-roles are the table's`);
    t.same(documented?.security, [{ bearerAuth: [] }], `${method} ${url}: bearer security`);
    t.ok(documented?.responses?.['401'] && documented?.responses?.['403'], `${method} ${url}: 401 and 403 documented`);
  }
  for (const { method, url, roles: documented } of others) {
    t.ok(documented.length > 0, `${method} ${url} (not a table route) documents the roles it needs: ${documented.join(', ')}`);
  }
  t.comment(`other /v1 routes: ${others.map((route) => `${route.method} ${route.url}`).join(', ') || 'none'}`);
});

// ---- the matrix, one role at a time --------------------------------------------------------------

for (const role of roles) {
  t.test(`role ${role}: every route, granted ones succeed, the others are 403 and change nothing`, async (t) => {
    await checkEveryRoute(t, await token([role], `matrix-${role}`), [role]);
  });
}

t.test('a token with no roles is 403 everywhere', async (t) => {
  await checkEveryRoute(t, await token([]), []);
});

t.test('a token with two roles gets the union of their permissions', async (t) => {
  await checkEveryRoute(t, await token(['auditor', 'editor']), ['auditor', 'editor']);
  const { app, entries, admin } = await shared();
  // reader + admin: admin's delete applies, whichever order the claim lists them in.
  for (const claim of [
    ['reader', 'admin'],
    ['admin', 'reader'],
  ]) {
    const bearer = await token(claim);
    const response = await send(
      app,
      bearer,
      'PATCH',
      `/v1/organisations/${entries.organisations.id}`,
      { description: `by ${claim.join('+')}` },
      admin,
    );
    t.equal(response.statusCode, 200, `${claim.join(' + ')} may update organisations`);
  }
});

t.test('unknown role names in the claim are ignored', async (t) => {
  await checkEveryRoute(t, await token(['superuser', 'root', 'reader', 'Admin', 'admin ']), ['reader']);
  const { app } = await shared();
  for (const claim of [['superuser'], ['ADMIN'], ['Admin'], ['admin ', ' admin'], ['*'], ['__proto__'], ['constructor'], 'toString']) {
    const bearer = await token(claim);
    const list = await send(app, bearer, 'GET', '/v1/purposes');
    t.equal(list.statusCode, 403, `roles ${JSON.stringify(claim)}: no role, 403`);
  }
});

t.test('a space-separated roles string works like an array', async (t) => {
  await checkEveryRoute(t, await token('reader editor'), ['reader', 'editor']);
  const { app } = await shared();
  const cases: Array<[unknown, number, string]> = [
    ['admin', 200, 'a single role as a string'],
    ['reader  admin', 200, 'repeated spaces'],
    ['admin,editor', 403, 'a comma-separated string is not a role list'],
    [{ admin: true }, 403, 'an object is not a role list'],
    [42, 403, 'a number is not a role list'],
    [null, 403, 'null is no roles'],
    [undefined, 403, 'a missing roles claim is no roles'],
  ];
  for (const [claim, status, label] of cases) {
    const response = await send(app, await token(claim), 'GET', '/v1/legal-bases');
    t.equal(response.statusCode, status, `roles ${JSON.stringify(claim)}: ${label}`);
  }
  const deleted = await send(
    app,
    await token('reader admin'),
    'DELETE',
    `/v1/purposes/00000000-0000-4000-8000-000000000000`,
    undefined,
    await token('admin'),
  );
  t.equal(deleted.statusCode, 428, 'reader + admin as a string may delete (428: it needs If-Match, not 403)');
});
