import type { FastifyInstance } from 'fastify';
import t, { type Test } from 'tap';
import { acrossUnits, permissionTable, resources, roles, type Operation, type Resource, type Role } from '../../src/auth/permissions';
import { buildTestApp, tokenFor, type Caller } from '../helper';
import { send as sendRequest, type SentResponse } from '../support/send';

/**
 * Broken object-level authorization (OWASP API1), by organisational unit. The matrix is generated
 * from the permission table and the spec: every write operation (POST, PATCH, DELETE) of every
 * resource the table lets editors write, with an editor of unit A against an entry of unit B
 * (refused, nothing changed), against its own (allowed as the table says), against one of no unit
 * (refused: admins and the DPO only), and the DPO and the admin across units. Then the paths
 * around it: links (another unit's building block on one's own activity is allowed — it does not
 * change the block — but changing another unit's activity by linking is not), handing an entry
 * to another unit, bulk import (admins only), and the history endpoints (auditors, the DPO and
 * admins; units never widen a role).
 */

const writeOperations: Operation[] = ['create', 'update', 'delete'];
const methodOf: Record<string, Operation> = { POST: 'create', PATCH: 'update', DELETE: 'delete' };

/** The resources editors may write, by the table. */
const editorWritable = resources.filter((resource) =>
  writeOperations.some((operation) => permissionTable.editor[resource].includes(operation)),
);

interface Fixture {
  app: FastifyInstance;
  units: { a: any; b: any };
  bearer: (caller: Caller) => Promise<string>;
  admin: string;
  spec: any;
  /** Entries made by an admin for the fixture (organisation, data flow ends). */
  organisationId: string;
  flowEnds: { from: string; to: string };
}

let fixture: Promise<Fixture> | undefined;
function shared(): Promise<Fixture> {
  fixture ??= (async () => {
    const app = await buildTestApp(t);
    const bearer = (caller: Caller) => tokenFor(app, caller);
    const admin = await bearer('admin');
    const unit = async (key: string) =>
      (await send(app, admin, 'POST', '/v1/organisational-units', { name: `Unit ${key}`, key, kind: 'department' })).data;
    const units = { a: await unit('unit-a'), b: await unit('unit-b') };
    const organisationId = (await send(app, admin, 'POST', '/v1/organisations', { name: 'BOLA organisation' })).data.id;
    const flowEnds = {
      from: (await send(app, admin, 'POST', '/v1/data-subject-categories', { name: 'BOLA flow subjects' })).data.id,
      to: (await send(app, admin, 'POST', '/v1/recipients', { name: 'BOLA flow recipient' })).data.id,
    };
    const spec = (await send(app, admin, 'GET', '/docs/json')).data;
    return { app, units, bearer, admin, spec, organisationId, flowEnds };
  })();
  return fixture;
}

const send = (
  app: FastifyInstance,
  bearer: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  etagWith?: string,
) => sendRequest(app, method, url, { bearer, payload, etagWith });

let counter = 0;
/** A valid create body with a unique name for each resource the table lets editors write. */
function bodyFor(resource: Resource, f: Fixture): Record<string, unknown> {
  const name = `BOLA ${resource} ${++counter}`;
  switch (resource) {
    case 'collection-channels':
      return { name, sourceType: 'data-subject', mechanism: 'email' };
    case 'recipients':
      return { name, kind: 'processor', category: 'hosting-provider' };
    case 'retention-rules':
      return { name, duration: 'P30D', startEvent: 'collection' };
    case 'security-measures':
      return { name, type: 'technical' };
    case 'privacy-policies':
      return { name, organisationId: f.organisationId, language: 'nl' };
    case 'data-flows':
      return { name, fromKind: 'data-subject-category', fromId: f.flowEnds.from, toKind: 'recipient', toId: f.flowEnds.to };
    default:
      return { name };
  }
}

/** An entry of `resource` owned by `unitId` (null: not assigned), made by an admin. */
async function entry(f: Fixture, resource: Resource, unitId: string | null) {
  const response = await send(f.app, f.admin, 'POST', `/v1/${resource}`, { ...bodyFor(resource, f), ownerUnitId: unitId });
  if (response.statusCode !== 201) throw new Error(`fixture POST /v1/${resource} → ${response.statusCode}: ${response.body}`);
  return response.data;
}

function assertProblem(t: Test, response: SentResponse, status: number, code: string, label: string) {
  t.equal(
    response.statusCode,
    status,
    `${label}: ${status} (${response.statusCode === status ? 'as expected' : response.body.slice(0, 300)})`,
  );
  t.equal(response.data?.code, code, `${label}: ${code}`);
  t.match(response.headers['content-type'], /^application\/problem\+json/, `${label}: problem+json`);
  if (status === 403) t.match(response.headers['www-authenticate'], /error="insufficient_scope"/, `${label}: insufficient_scope challenge`);
}

/** The write operations the spec documents on a resource's own paths (so a write route added later is covered). */
function writeRoutesOf(spec: any, resource: Resource) {
  return Object.entries(spec.paths as Record<string, Record<string, any>>)
    .filter(([path]) => path === `/v1/${resource}` || path.startsWith(`/v1/${resource}/`))
    .flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['post', 'patch', 'delete', 'put'].includes(method))
        .map(([method, operation]) => ({ method: method.toUpperCase() as 'POST' | 'PATCH' | 'DELETE', path, operation })),
    );
}

t.test('the matrix covers every resource editors write, and only those are owned per unit', async (t) => {
  const f = await shared();
  t.ok(editorWritable.length >= 10, `${editorWritable.length} resources editors write: ${editorWritable.join(', ')}`);
  t.ok(editorWritable.includes('processing-activities'), 'activities among them');
  for (const resource of editorWritable) {
    const schema = f.spec.paths[`/v1/${resource}`]?.post?.requestBody?.content?.['application/json']?.schema;
    t.ok(schema, `${resource}: a create route`);
    t.ok(writeRoutesOf(f.spec, resource).length >= 2, `${resource}: its write routes are in the spec`);
  }
  t.same(acrossUnits, ['admin', 'dpo'], 'admins and the DPO act across units');
  t.notOk(permissionTable.editor['organisational-units'].includes('create'), 'editors do not keep the units');
});

for (const resource of editorWritable) {
  t.test(`${resource}: an editor of unit A against entries of unit B, of A and of no unit`, async (t) => {
    const f = await shared();
    const editorA = await f.bearer({ roles: 'editor', units: ['unit-a'], sub: 'editor-a' });
    const dpo = await f.bearer({ roles: 'dpo', sub: 'the-dpo' });
    for (const { method, path, operation } of writeRoutesOf(f.spec, resource)) {
      // The row of the permission table the route declares (approving an activity is not an update of it).
      const permission = operation['x-permission'] ?? { resource, operation: methodOf[method] ?? 'update' };
      const granted = (role: Role) => permissionTable[role][permission.resource as Resource].includes(permission.operation);
      const label = (whose: string) => `editor of A ${method} ${path} on ${whose}`;
      t.same(operation['x-roles'], roles.filter(granted), `${method} ${path}: x-roles are the table's`);
      if (method === 'POST' && path === `/v1/${resource}`) {
        const refused = await send(f.app, editorA, 'POST', path, { ...bodyFor(resource, f), ownerUnitId: f.units.b.id });
        if (!granted('editor')) {
          assertProblem(t, refused, 403, 'FORBIDDEN', label("B's unit"));
          continue;
        }
        assertProblem(t, refused, 403, 'OUTSIDE_UNITS', label("B's unit"));
        assertProblem(
          t,
          await send(f.app, editorA, 'POST', path, { ...bodyFor(resource, f), ownerUnitId: null }),
          403,
          'OUTSIDE_UNITS',
          label('no unit'),
        );
        const own = await send(f.app, editorA, 'POST', path, { ...bodyFor(resource, f), ownerUnitId: f.units.a.id });
        t.equal(own.statusCode, 201, `${label("A's unit")}: created`);
        const implied = await send(f.app, editorA, 'POST', path, bodyFor(resource, f));
        t.equal(implied.statusCode, 201, `${label('no unit named')}: created`);
        t.equal(implied.data.ownerUnitId, f.units.a.id, 'an editor of one unit creates for that unit when it names none');
        const several = await f.bearer({ roles: 'editor', units: ['unit-a', 'unit-b'] });
        assertProblem(
          t,
          await send(f.app, several, 'POST', path, bodyFor(resource, f)),
          422,
          'OWNER_UNIT_REQUIRED',
          `editor of A and B ${method} ${path} naming no unit`,
        );
        const none = await f.bearer('editor');
        assertProblem(
          t,
          await send(f.app, none, 'POST', path, bodyFor(resource, f)),
          403,
          'OUTSIDE_UNITS',
          `editor of no unit ${method} ${path}`,
        );
        const dpoCreated = await send(f.app, dpo, 'POST', path, { ...bodyFor(resource, f), ownerUnitId: f.units.b.id });
        t.equal(dpoCreated.statusCode, granted('dpo') ? 201 : 403, `the DPO ${method} ${path} for B`);
        continue;
      }
      // A write of one entry (PATCH, DELETE, or any other route on /v1/<resource>/{id}…).
      const ofB = await entry(f, resource, f.units.b.id);
      const ofA = await entry(f, resource, f.units.a.id);
      const unowned = await entry(f, resource, null);
      const payload = method === 'DELETE' ? undefined : method === 'PATCH' ? { description: 'changed by the editor of A' } : {};
      const at = (target: any) => path.replace('{id}', target.id);
      const attempt = (bearer: string, target: any) => send(f.app, bearer, method, at(target), payload, f.admin);
      const unchanged = async (target: any, whose: string) => {
        const now = await send(f.app, f.admin, 'GET', `/v1/${resource}/${target.id}`);
        t.equal(now.data?.version, target.version, `${label(whose)}: the entry is unchanged`);
      };
      const onB = await attempt(editorA, ofB);
      if (!granted('editor')) {
        assertProblem(t, onB, 403, 'FORBIDDEN', label("B's entry"));
        assertProblem(t, await attempt(editorA, ofA), 403, 'FORBIDDEN', label("A's entry (the table does not grant it)"));
        await unchanged(ofB, "B's entry");
        await unchanged(ofA, "A's entry");
        continue;
      }
      if (method === 'PATCH' || method === 'DELETE') {
        assertProblem(t, onB, 403, 'OUTSIDE_UNITS', label("B's entry"));
        assertProblem(t, await attempt(editorA, unowned), 403, 'OUTSIDE_UNITS', label('an entry of no unit'));
        const own = await attempt(editorA, ofA);
        t.equal(own.statusCode, method === 'DELETE' ? 204 : 200, `${label("A's entry")}: allowed (${own.statusCode})`);
        await unchanged(ofB, "B's entry");
        await unchanged(unowned, 'the entry of no unit');
        const byDpo = await attempt(dpo, ofB);
        t.equal(byDpo.statusCode, granted('dpo') ? (method === 'DELETE' ? 204 : 200) : 403, `the DPO ${method} ${path} on B's entry`);
      } else {
        // A write route this matrix has no body for: whatever it answers, never success on B's entry.
        t.ok(onB.statusCode >= 400 && onB.statusCode < 500, `${label("B's entry")}: refused (${onB.statusCode})`);
        await unchanged(ofB, "B's entry");
      }
    }
  });
}

t.test('an editor cannot hand its entry to another unit, or to none; the DPO can', async (t) => {
  const f = await shared();
  const editorA = await f.bearer({ roles: 'editor', units: ['unit-a'] });
  const dpo = await f.bearer('dpo');
  for (const resource of editorWritable) {
    if (!permissionTable.editor[resource].includes('update')) continue;
    const ofA = await entry(f, resource, f.units.a.id);
    const url = `/v1/${resource}/${ofA.id}`;
    assertProblem(
      t,
      await send(f.app, editorA, 'PATCH', url, { ownerUnitId: f.units.b.id }, f.admin),
      403,
      'OUTSIDE_UNITS',
      `${resource}: A's entry to B`,
    );
    assertProblem(
      t,
      await send(f.app, editorA, 'PATCH', url, { ownerUnitId: null }, f.admin),
      403,
      'OUTSIDE_UNITS',
      `${resource}: A's entry to no unit`,
    );
    t.equal((await send(f.app, f.admin, 'GET', url)).data.ownerUnitId, f.units.a.id, `${resource}: still A's`);
    const moved = await send(f.app, dpo, 'PATCH', url, { ownerUnitId: f.units.b.id }, f.admin);
    t.equal(moved.data?.ownerUnitId, f.units.b.id, `${resource}: the DPO moves it to B`);
  }
});

t.test('the units claim may name a unit by its id as well as by its key', async (t) => {
  const f = await shared();
  const byId = await f.bearer({ roles: 'editor', units: [f.units.b.id] });
  const ofB = await entry(f, 'purposes', f.units.b.id);
  const changed = await send(f.app, byId, 'PATCH', `/v1/purposes/${ofB.id}`, { description: 'by id' }, f.admin);
  t.equal(changed.statusCode, 200);
  assertProblem(
    t,
    await send(f.app, byId, 'PATCH', `/v1/purposes/${(await entry(f, 'purposes', f.units.a.id)).id}`, { description: 'x' }, f.admin),
    403,
    'OUTSIDE_UNITS',
    "B's editor on A's purpose",
  );
});

t.test(
  "links: another unit's building block may be linked to one's own activity, another unit's activity may not be changed by linking",
  async (t) => {
    const f = await shared();
    const editorA = await f.bearer({ roles: 'editor', units: ['unit-a'] });
    const recipientOfB = await entry(f, 'recipients', f.units.b.id);
    const purposeOfB = await entry(f, 'purposes', f.units.b.id);
    const links = { recipients: [{ recipientId: recipientOfB.id }], purposes: [{ purposeId: purposeOfB.id, legalBasisIds: [] }] };

    const own = await send(f.app, editorA, 'POST', '/v1/processing-activities', { name: 'A links B', ...links });
    t.equal(own.statusCode, 201, `A's activity linking B's recipient and purpose: created (${own.statusCode === 201 ? '' : own.body})`);
    t.equal(own.data.ownerUnitId, f.units.a.id);
    t.same(
      own.data.recipients.map((r: any) => r.recipient.id),
      [recipientOfB.id],
    );
    const recipientAfter = (await send(f.app, f.admin, 'GET', `/v1/recipients/${recipientOfB.id}`)).data;
    t.equal(recipientAfter.version, recipientOfB.version, "B's recipient is not changed by being linked");

    const activityOfB = (await send(f.app, f.admin, 'POST', '/v1/processing-activities', { name: 'B activity', ownerUnitId: f.units.b.id }))
      .data;
    const recipientOfA = await entry(f, 'recipients', f.units.a.id);
    for (const [what, patch] of [
      ["A's recipient", { recipients: [{ recipientId: recipientOfA.id }] }],
      ['a purpose', { purposes: [{ purposeId: purposeOfB.id, legalBasisIds: [] }] }],
    ] as const) {
      assertProblem(
        t,
        await send(f.app, editorA, 'PATCH', `/v1/processing-activities/${activityOfB.id}`, patch, f.admin),
        403,
        'OUTSIDE_UNITS',
        `linking ${what} to B's activity`,
      );
    }
    const after = (await send(f.app, f.admin, 'GET', `/v1/processing-activities/${activityOfB.id}`)).data;
    t.same([after.version, after.recipients, after.purposes], [activityOfB.version, [], []], "B's activity is unchanged");
  },
);

t.test('reads are not scoped: an editor reads every unit’s entries and the stored document carries the owner', async (t) => {
  const f = await shared();
  const editorA = await f.bearer({ roles: 'editor', units: ['unit-a'] });
  const activity = (await send(f.app, f.admin, 'POST', '/v1/processing-activities', { name: 'Read me', ownerUnitId: f.units.b.id })).data;
  const read = await send(f.app, editorA, 'GET', `/v1/processing-activities/${activity.id}`);
  t.equal(read.statusCode, 200);
  t.equal(read.data.ownerUnitId, f.units.b.id);
  const listed = await send(f.app, editorA, 'GET', `/v1/processing-activities?ownerUnitId=${f.units.b.id}`);
  t.ok(
    listed.data.items.some((item: any) => item.id === activity.id),
    'listed by owner unit',
  );
  t.ok(
    listed.data.items.every((item: any) => item.ownerUnitId === f.units.b.id),
    'only that unit’s',
  );
  const purposes = await send(f.app, editorA, 'GET', `/v1/purposes?ownerUnitId=${f.units.a.id}`);
  t.ok(
    purposes.data.items.length > 0 && purposes.data.items.every((item: any) => item.ownerUnitId === f.units.a.id),
    'building blocks by owner unit',
  );
  t.equal((await send(f.app, editorA, 'GET', `/v1/organisational-units/${f.units.b.id}`)).data.key, 'unit-b', 'units are read by everyone');
});

t.test('bulk import stays with admins; units do not widen it', async (t) => {
  const f = await shared();
  const body = { documentType: 'processing-register-document', formatVersion: 1 };
  for (const caller of [
    { roles: 'editor', units: ['unit-a'] },
    { roles: 'dpo' },
    { roles: ['editor', 'auditor'], units: ['unit-a', 'unit-b'] },
  ] as Caller[]) {
    const response = await send(f.app, await f.bearer(caller), 'POST', '/v1/register/import?dryRun=true', body);
    assertProblem(t, response, 403, 'FORBIDDEN', `import by ${JSON.stringify(caller)}`);
  }
  t.same(f.spec.paths['/v1/register/import'].post['x-roles'], ['admin']);
});

t.test('the history endpoints: auditors, the DPO and admins; an editor of any unit is refused', async (t) => {
  const f = await shared();
  const editorA = await f.bearer({ roles: 'editor', units: ['unit-a'] });
  const dpo = await f.bearer('dpo');
  const ofB = await entry(f, 'purposes', f.units.b.id);
  const moment = new Date().toISOString();
  const history = [
    `/v1/audit-events?entityId=${ofB.id}`,
    `/v1/register/diff?from=2020-01-01&to=${moment.slice(0, 10)}`,
    `/v1/register?asOf=${encodeURIComponent(moment)}`,
  ];
  for (const url of history) {
    assertProblem(t, await send(f.app, editorA, 'GET', url), 403, 'FORBIDDEN', `editor of A GET ${url}`);
    t.equal((await send(f.app, dpo, 'GET', url)).statusCode, 200, `the DPO GET ${url}`);
  }
  // Every operation whose roles leave editors out refuses an editor whatever its units (the table, not the units, decides).
  for (const [path, methods] of Object.entries(f.spec.paths as Record<string, Record<string, any>>)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (!path.startsWith('/v1/') || method !== 'get' || path.includes('{') || (operation['x-roles'] as Role[]).includes('editor'))
        continue;
      assertProblem(t, await send(f.app, editorA, 'GET', path), 403, 'FORBIDDEN', `editor of A GET ${path}`);
    }
  }
});
