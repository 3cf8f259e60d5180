import { parse } from 'csv-parse/sync';
import t from 'tap';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { authHeader, buildTestApp, call, create, databaseMoment, legalBasisId } from '../helper';
import { registerSchemaValidator } from '../support/register-fixtures';

// GET /v1/register?state=working&asOf=…: the register as it stood at a moment, replayed from the audit trail.
// The strongest check there is: the replayed document equals the live export taken at that moment.

/** The export without what differs between two readings of the same state. */
function comparable(document: any) {
  const { generatedAt: _generatedAt, filters, ...rest } = document;
  const { asOf: _asOf, ...otherFilters } = filters;
  return { ...rest, filters: otherFilters };
}

const byName = async (app: any, path: string, name: string) => {
  const response = await call(app, 'GET', `/v1/${path}?q=${encodeURIComponent(name)}&limit=100`);
  const found = response.data.items.find((item: any) => item.name === name);
  if (!found) throw new Error(`no ${path} named ${name}`);
  return found;
};

t.test('asOf shows the register as it stood, after later edits and deletes', async (t) => {
  const app = await buildTestApp(t);
  const beforeAnything = await databaseMoment(app);
  await loadRegister(app.services, woktronRegister);
  const seeded = await databaseMoment(app);
  const liveThen = (await call(app, 'GET', '/v1/register?state=working', undefined, 'auditor')).data;
  const csv = async (url: string) => (await app.inject({ method: 'GET', url, headers: await authHeader(app, 'auditor') })).body;
  const csvThen = await csv('/v1/register?state=working&format=csv');
  const activeThen = (await call(app, 'GET', '/v1/register?state=working&status=active', undefined, 'auditor')).data;

  // Later: a rename of a linked building block, an activity edit, a delete, a new activity with a
  // new legal basis, an organisation's DPO changed.
  const support = await byName(app, 'processing-activities', woktronRegister.activities[0]!.name);
  const deleted = await byName(app, 'processing-activities', woktronRegister.activities[1]!.name);
  const purpose = support.purposes[0].purpose;
  t.equal((await call(app, 'PATCH', `/v1/purposes/${purpose.id}`, { name: `${purpose.name} (renamed)` })).statusCode, 200);
  t.equal((await call(app, 'PATCH', `/v1/processing-activities/${support.id}`, { description: 'Changed later' })).statusCode, 200);
  t.equal((await call(app, 'DELETE', `/v1/processing-activities/${deleted.id}`)).statusCode, 204);
  const woktron = await byName(app, 'organisations', 'Woktron Ltd.');
  t.equal((await call(app, 'PATCH', `/v1/organisations/${woktron.id}`, { dpoEmail: 'dpo-later@woktron.com' })).statusCode, 200);
  const national = await create(app, 'legal-bases', {
    code: 'nl-later',
    name: 'Later national law',
    kind: 'lawful-basis',
    article: 'Art. 1',
    jurisdiction: 'NL',
  });
  const added = await create(app, 'processing-activities', {
    name: 'Added later',
    controllerIds: [woktron.id],
    purposes: [{ purposeId: purpose.id, legalBasisIds: [national.id, await legalBasisId(app, 'gdpr-6-1-b')] }],
  });
  const changed = await databaseMoment(app);
  const liveNow = (await call(app, 'GET', '/v1/register?state=working', undefined, 'auditor')).data;

  const validate = registerSchemaValidator();

  const atSeed = await call(app, 'GET', `/v1/register?state=working&asOf=${seeded}`, undefined, 'auditor');
  t.equal(atSeed.statusCode, 200);
  t.ok(validate(atSeed.data), `valid: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
  t.equal(atSeed.data.filters.asOf, seeded);
  t.same(comparable(atSeed.data), comparable(liveThen), 'the replayed register equals the live export taken then');
  t.match(
    atSeed.headers['content-disposition'],
    /^attachment; filename="register-\d{4}-\d{2}-\d{2}-as-of-\d{4}-\d{2}-\d{2}T\d{6}Z\.json"$/,
  );
  const thenNames = atSeed.data.controllerRegister.activities.map((a: any) => a.name);
  t.ok(thenNames.includes(deleted.name), 'an activity deleted later is there');
  t.notOk(thenNames.includes('Added later'), 'an activity added later is not');
  const supportThen = atSeed.data.controllerRegister.activities.find((a: any) => a.id === support.id);
  t.equal(supportThen.purposes[0].name, purpose.name, 'a later rename does not leak into the past');
  t.equal(supportThen.description, support.description);
  t.notOk(atSeed.data.legalBases.some((b: any) => b.code === 'nl-later'));

  const atChange = await call(app, 'GET', `/v1/register?state=working&asOf=${changed}`, undefined, 'auditor');
  t.same(comparable(atChange.data), comparable(liveNow), 'after the changes, the replay equals the live export again');
  const supportNow = atChange.data.controllerRegister.activities.find((a: any) => a.id === support.id);
  t.equal(supportNow.purposes[0].name, `${purpose.name} (renamed)`);
  t.equal(supportNow.description, 'Changed later');
  t.ok(atChange.data.controllerRegister.activities.some((a: any) => a.id === added.id));
  t.ok(atChange.data.legalBases.some((b: any) => b.code === 'nl-later'));
  t.equal(atChange.data.organisations.find((o: any) => o.id === woktron.id).dpo.email, 'dpo-later@woktron.com');

  // Filters apply to the past state as to the live one.
  const activeAtSeed = await call(app, 'GET', `/v1/register?state=working&status=active&asOf=${seeded}`, undefined, 'auditor');
  t.same(comparable(activeAtSeed.data), comparable(activeThen));

  // The other representations: the CSV of then, byte for byte.
  const csvAtSeed = await csv(`/v1/register?state=working&format=csv&asOf=${seeded}`);
  t.equal(csvAtSeed, csvThen, 'the CSV replayed equals the CSV taken then');
  t.equal(
    parse(csvAtSeed, { columns: true, bom: true }).length,
    woktronRegister.activities.reduce((n, a) => n + Math.max(1, a.purposes.length), 0),
  );
  const jsonld = await call(app, 'GET', `/v1/register?state=working&format=jsonld&asOf=${seeded}`, undefined, 'auditor');
  t.equal(jsonld.statusCode, 200);
  t.equal(jsonld.data['@graph'][0]['reg:asOf'], seeded);

  // Before the first change: an empty register.
  const empty = await call(app, 'GET', `/v1/register?state=working&asOf=${beforeAnything}`, undefined, 'auditor');
  t.equal(empty.statusCode, 200);
  t.same(empty.data.controllerRegister.activities, []);
  t.same(empty.data.organisations, []);
  t.same(empty.data.totals, { activities: 0, controllerActivities: 0, processorActivities: 0, purposeRows: 0, notApproved: 0 });
});

t.test('processor records of the past are grouped per controller as the live export groups them', async (t) => {
  const app = await buildTestApp(t);
  const us = await create(app, 'organisations', { name: 'Hoster B.V.', roles: ['controller', 'processor'] });
  const clientA = await create(app, 'organisations', { name: 'Client A', roles: ['controller'] });
  const clientB = await create(app, 'organisations', { name: 'Client B', roles: ['controller'] });
  await create(app, 'processing-activities', { name: 'Hosting for A and B', role: 'processor', controllerIds: [clientB.id, clientA.id] });
  await create(app, 'processing-activities', { name: 'Hosting for nobody named', role: 'processor' });
  await create(app, 'processing-activities', { name: 'Own customers', controllerIds: [us.id] });
  const at = await databaseMoment(app);
  const live = (await call(app, 'GET', '/v1/register?state=working', undefined, 'auditor')).data;
  await create(app, 'processing-activities', { name: 'Hosting for A, later', role: 'processor', controllerIds: [clientA.id] });

  const past = await call(app, 'GET', `/v1/register?state=working&asOf=${at}`, undefined, 'auditor');
  t.same(comparable(past.data), comparable(live));
  t.same(
    past.data.processorRegister.controllers.map((group: any) => [group.controller?.name ?? null, group.activities.map((a: any) => a.name)]),
    [
      ['Client A', ['Hosting for A and B']],
      ['Client B', ['Hosting for A and B']],
      [null, ['Hosting for nobody named']],
    ],
  );
  t.equal(past.data.totals.processorActivities, 2, 'a record for two controllers counts once');
  const processorsOnly = await call(app, 'GET', `/v1/register?state=working&role=processor&asOf=${at}`, undefined, 'auditor');
  const liveProcessorsOnly = (await call(app, 'GET', '/v1/register?state=working&role=processor', undefined, 'auditor')).data;
  t.same(processorsOnly.data.controllerRegister.activities, []);
  t.equal(processorsOnly.data.processorRegister.controllers.length, 3);
  t.same(processorsOnly.data.processorRegister.processors, liveProcessorsOnly.processorRegister.processors);
});

t.test('asOf is for the audit trail readers, in the past, and a real time', async (t) => {
  const app = await buildTestApp(t);
  const past = '2026-01-31T00:00:00Z';
  for (const role of ['reader', 'editor'] as const) {
    const response = await call(app, 'GET', `/v1/register?state=working&asOf=${past}`, undefined, role);
    t.equal(response.statusCode, 403, `${role}: 403`);
    t.equal(response.data.code, 'FORBIDDEN');
    t.match(response.data.detail, /auditor/);
  }
  t.equal((await call(app, 'GET', `/v1/register?state=working&asOf=${past}`, undefined, 'admin')).statusCode, 200);
  t.equal(
    (await call(app, 'GET', '/v1/register?state=working', undefined, 'reader')).statusCode,
    200,
    'the live register stays open to readers',
  );

  const future = new Date(Date.now() + 3_600_000).toISOString();
  const inFuture = await call(app, 'GET', `/v1/register?state=working&asOf=${future}`, undefined, 'auditor');
  t.equal(inFuture.statusCode, 400);
  t.match(inFuture.data.errors, [{ in: 'query', path: '/asOf', message: /future/ }]);

  for (const bad of ['yesterday', '2026-02-30T00:00:00Z', '2026-01-31', '2026-01-31T00:00:00']) {
    const response = await call(app, 'GET', `/v1/register?state=working&asOf=${encodeURIComponent(bad)}`, undefined, 'auditor');
    t.equal(response.statusCode, 400, `${bad}: 400`);
    t.equal(response.data.code, 'VALIDATION_FAILED');
  }
});

t.test('an entry written behind the API (no audit trail) is shown as it is now, not a failure', async (t) => {
  const app = await buildTestApp(t);
  const org = await create(app, 'organisations', { name: 'Acme B.V.', roles: ['controller'] });
  // As a migration or a DBA might: straight SQL, so the audit trail never saw it.
  const [purpose] = await app.dataSource.query(
    `INSERT INTO purposes (name, description) VALUES ('Legacy purpose', 'From before') RETURNING id`,
  );
  const activity = await create(app, 'processing-activities', {
    name: 'Legacy processing',
    controllerIds: [org.id],
    purposes: [{ purposeId: purpose.id, legalBasisIds: [await legalBasisId(app, 'gdpr-6-1-b')] }],
  });
  const at = await databaseMoment(app);
  const past = await call(app, 'GET', `/v1/register?state=working&asOf=${at}`, undefined, 'auditor');
  t.equal(past.statusCode, 200, past.body.slice(0, 300));
  const record = past.data.controllerRegister.activities.find((a: any) => a.id === activity.id);
  t.match(record.purposes, [{ id: purpose.id, name: 'Legacy purpose', description: 'From before' }]);
  t.ok(registerSchemaValidator()(past.data), 'still a valid document');
});
