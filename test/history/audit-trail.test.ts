import t from 'tap';
import { buildTestApp, call, databaseMoment, tokenFor } from '../helper';

const as = async (app: Parameters<typeof call>[0], sub: string, method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => {
  const headers: Record<string, string> = { authorization: `Bearer ${await tokenFor(app, 'admin', { sub })}` };
  if (method !== 'POST') {
    const current = await app.inject({ method: 'GET', url, headers });
    if (typeof current.headers.etag === 'string') headers['if-match'] = current.headers.etag;
  }
  return app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
};

t.test('every mutation writes exactly one audit event with the actor; failed ones write none', async (t) => {
  const app = await buildTestApp(t);
  const events = async (query = '') => (await call(app, 'GET', `/v1/audit-events?limit=100${query}`)).data;

  const created = (await as(app, 'alice', 'POST', '/v1/purposes', { name: 'Billing' })).json();
  const activity = (
    await as(app, 'bob', 'POST', '/v1/processing-activities', {
      name: 'Invoicing',
      purposes: [{ purposeId: created.id, legalBasisIds: [] }],
    })
  ).json();
  await as(app, 'carol', 'PATCH', `/v1/purposes/${created.id}`, { description: 'Invoices and payments' });
  await as(app, 'dave', 'PATCH', `/v1/processing-activities/${activity.id}`, { status: 'active' });
  await as(app, 'erin', 'DELETE', `/v1/processing-activities/${activity.id}`);

  const trail = await events();
  t.equal(trail.total, 5, 'five changes, five events');
  t.same(
    trail.items.map((e: any) => [e.actor, e.action, e.resource, e.entityName]),
    [
      ['alice', 'create', 'purposes', 'Billing'],
      ['bob', 'create', 'processing-activities', 'Invoicing'],
      ['carol', 'update', 'purposes', 'Billing'],
      ['dave', 'update', 'processing-activities', 'Invoicing'],
      ['erin', 'delete', 'processing-activities', 'Invoicing'],
    ],
  );
  const [create, , update, , remove] = trail.items;
  t.equal(create.before, null);
  t.match(create.after, { id: created.id, name: 'Billing', description: null });
  t.match(update.before, { description: null });
  t.match(update.after, { description: 'Invoices and payments' });
  t.match(remove.before, { id: activity.id, status: 'active' });
  t.equal(remove.after, null);
  t.ok(
    trail.items.every((e: any) => e.requestId),
    'each event names its request',
  );

  // Refused changes leave no trace.
  t.equal((await as(app, 'mallory', 'POST', '/v1/purposes', { name: 'billing' })).statusCode, 409);
  t.equal((await as(app, 'mallory', 'PATCH', `/v1/purposes/${created.id}`, { parentId: 'x' })).statusCode, 400);
  const stale = await app.inject({
    method: 'PATCH',
    url: `/v1/purposes/${created.id}`,
    headers: { authorization: `Bearer ${await tokenFor(app, 'admin', { sub: 'mallory' })}`, 'if-match': '"old"' },
    payload: { description: 'x' },
  });
  t.equal(stale.statusCode, 412);
  t.equal(
    (
      await as(app, 'mallory', 'POST', '/v1/processing-activities', {
        name: 'Ghost',
        controllerIds: ['00000000-0000-4000-8000-000000000000'],
      })
    ).statusCode,
    422,
  );
  t.equal((await events()).total, 5, 'failed mutations wrote no event');
  t.equal((await events('&actor=mallory')).total, 0);

  t.same(
    (await events(`&entityId=${created.id}`)).items.map((e: any) => e.action),
    ['create', 'update'],
  );
  t.equal((await events('&resource=processing-activities&action=delete')).total, 1);
  const future = new Date(Date.now() + 3_600_000).toISOString();
  t.equal((await events(`&from=${encodeURIComponent(future)}`)).total, 0);
});

t.test('the audit trail is append-only and readable by auditors and admins only', async (t) => {
  const app = await buildTestApp(t);
  await call(app, 'POST', '/v1/purposes', { name: 'Marketing' });
  await t.rejects(app.dataSource.query('UPDATE audit_events SET actor = $1', ['someone else']), /append-only/);
  await t.rejects(app.dataSource.query('DELETE FROM audit_events'), /append-only/);
  t.equal((await call(app, 'GET', '/v1/audit-events')).data.items[0].actor, 'test-user', 'unchanged');
  for (const role of ['reader', 'editor'] as const)
    t.equal((await call(app, 'GET', '/v1/audit-events', undefined, role)).statusCode, 403, `${role}: 403`);
  t.equal((await call(app, 'GET', '/v1/audit-events', undefined, 'auditor')).statusCode, 200);
  const spec = (await call(app, 'GET', '/docs/json')).data;
  t.notOk(
    Object.keys(spec.paths).some((path) => /audit-events\/\{|audit-events.*(post|patch|delete)/i.test(path)),
    'no route changes the trail',
  );
  t.same(Object.keys(spec.paths['/v1/audit-events']), ['get']);
});

t.test('diff lists exactly what was added, changed and removed between two times', async (t) => {
  const app = await buildTestApp(t);
  const marketing = (await call(app, 'POST', '/v1/purposes', { name: 'Marketing' })).data;
  const billing = (await call(app, 'POST', '/v1/purposes', { name: 'Billing' })).data;
  const activity = (
    await call(app, 'POST', '/v1/processing-activities', { name: 'Newsletter', purposes: [{ purposeId: marketing.id, legalBasisIds: [] }] })
  ).data;
  const t1 = await databaseMoment(app);
  await call(app, 'PATCH', `/v1/purposes/${marketing.id}`, { name: 'Direct marketing' });
  await call(app, 'PATCH', `/v1/processing-activities/${activity.id}`, { status: 'active' });
  await call(app, 'DELETE', `/v1/purposes/${billing.id}`);
  const added = (await call(app, 'POST', '/v1/security-measures', { name: 'Firewalls', type: 'technical' })).data;
  const t2 = await databaseMoment(app);

  const diff = (
    await call(app, 'GET', `/v1/register/diff?from=${encodeURIComponent(t1)}&to=${encodeURIComponent(t2)}`, undefined, 'auditor')
  ).data;
  t.same(
    diff.added.map((e: any) => [e.resource, e.id]),
    [['security-measures', added.id]],
  );
  t.same(
    diff.removed.map((e: any) => [e.resource, e.id, e.name]),
    [['purposes', billing.id, 'Billing']],
  );
  const changed = Object.fromEntries(diff.changed.map((c: any) => [c.id, c.changes]));
  t.same(changed[marketing.id], [{ path: '/name', from: 'Marketing', to: 'Direct marketing' }]);
  t.same(
    [...changed[activity.id]].sort((a: any, b: any) => a.path.localeCompare(b.path)),
    [
      { path: '/status', from: 'draft', to: 'active' },
      { path: '/purposes/0/purpose/name', from: 'Marketing', to: 'Direct marketing' },
    ].sort((a, b) => a.path.localeCompare(b.path)),
    'the activity shows the rename of its purpose, as of each time',
  );
  t.equal(diff.changed.length, 2, 'nothing else changed');

  const none = (
    await call(app, 'GET', `/v1/register/diff?from=${encodeURIComponent(t2)}&to=${encodeURIComponent(t2)}`, undefined, 'auditor')
  ).data;
  t.same([none.added, none.removed, none.changed], [[], [], []]);
  t.equal((await call(app, 'GET', '/v1/register/diff?from=yesterday&to=now', undefined, 'auditor')).statusCode, 400);
  t.equal((await call(app, 'GET', `/v1/register/diff?from=${t1}&to=${t2}`, undefined, 'reader')).statusCode, 403);
});
