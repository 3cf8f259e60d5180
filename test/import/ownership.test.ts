import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { buildTestApp, call, create } from '../helper';

// Who owns what travels in the register document: its organisational units (matched by key,
// created and changed, never deleted by a replace) and every owned entry's `ownerUnit` — left out:
// not stated, null: owned by no unit, a unit's key or name: that unit.

const postYaml = (app: FastifyInstance, text: string, query = '') =>
  call(app, 'POST', `/v1/register/import${query}`, text, 'admin', { 'content-type': 'application/yaml' });

const header = 'documentType: processing-register-document\nformatVersion: 1\n';

const units = `organisationalUnits:
  - name: Human Resources
    key: hr
    kind: department
  - name: Sales
    key: sales
`;

/** A register of two activities, one purpose and one recipient; `owners` says each entry's ownerUnit line. */
const register = (owners: { payroll?: string; leads?: string; recipient?: string; purpose?: string }) => `purposes:
  - name: Paying staff
${owners.purpose ?? ''}recipients:
  - name: Payroll bureau
${owners.recipient ?? ''}activities:
  - name: Payroll
    role: controller
    status: active
${owners.payroll ?? ''}    purposes:
      - purpose: Paying staff
        legalBases: [gdpr-6-1-b]
    controllers: []
    dataSubjectCategories: []
    dataCategories: []
    collectionChannels: []
    recipients:
      - recipient: Payroll bureau
    transfers: []
    securityMeasures: []
  - name: Leads
    role: controller
    status: active
${owners.leads ?? ''}    purposes: []
    controllers: []
    dataSubjectCategories: []
    dataCategories: []
    collectionChannels: []
    recipients: []
    transfers: []
    securityMeasures: []
`;

const owned = (field: string, unit: string) => `${field}ownerUnit: ${unit}\n`;

/** The key of the unit owning each entry (null: none), as the API shows them. */
async function owners(app: FastifyInstance) {
  const unitKeys = new Map<string, string>(
    (await call(app, 'GET', '/v1/organisational-units?limit=100')).data.items.map((unit: any) => [unit.id, unit.key]),
  );
  const keyOf = (entry: any) => (entry.ownerUnitId ? unitKeys.get(entry.ownerUnitId) : null);
  const byName = async (path: string) =>
    Object.fromEntries((await call(app, 'GET', `/v1/${path}?limit=100`)).data.items.map((entry: any) => [entry.name, keyOf(entry)]));
  return {
    activities: await byName('processing-activities'),
    recipients: await byName('recipients'),
    purposes: await byName('purposes'),
  };
}

t.test('units are created and reported, and entries name their owner by key or name', async (t) => {
  const app = await buildTestApp(t);
  const text =
    header +
    units +
    register({
      payroll: owned('    ', 'hr'),
      leads: owned('    ', 'Sales'),
      recipient: owned('    ', 'HR'),
      purpose: owned('    ', 'null'),
    });
  const plan = await postYaml(app, text, '?dryRun=true');
  t.equal(plan.statusCode, 200, plan.body.slice(0, 2000));
  t.match(plan.data.byResource['organisational-units'], { create: 2 });
  t.match(
    plan.data.entries.filter((entry: any) => entry.resource === 'organisational-units'),
    [
      { name: 'hr', action: 'create' },
      { name: 'sales', action: 'create' },
    ],
  );
  t.equal((await call(app, 'GET', '/v1/organisational-units')).data.items.length, 0, 'a plan writes nothing');

  const applied = await postYaml(app, text);
  t.equal(applied.statusCode, 200, applied.body.slice(0, 2000));
  t.same(await owners(app), {
    activities: { Payroll: 'hr', Leads: 'sales' },
    recipients: { 'Payroll bureau': 'hr' },
    purposes: { 'Paying staff': null },
  });
  const hr = (await call(app, 'GET', '/v1/organisational-units?key=hr')).data.items[0];
  t.match(hr, { name: 'Human Resources', kind: 'department' });

  const again = await postYaml(app, text);
  t.match(again.data.counts, { create: 0, change: 0, conflict: 0 }, 'importing it again changes nothing');
});

t.test('a changed unit is a change in replace, a conflict in merge; replace deletes no unit', async (t) => {
  const app = await buildTestApp(t);
  t.equal((await postYaml(app, header + units + register({}))).statusCode, 200);
  const kept = await create(app, 'organisational-units', { name: 'Legal', key: 'legal' });

  const renamed = header + units.replace('Human Resources', 'People') + register({});
  const merge = await postYaml(app, renamed);
  t.equal(merge.statusCode, 409);
  t.match(merge.data.conflicts, [{ resource: 'organisational-units', name: 'hr', fields: ['name'] }]);

  const replace = await postYaml(app, renamed, '?mode=replace');
  t.equal(replace.statusCode, 200, replace.body.slice(0, 2000));
  t.match(
    replace.data.entries.filter((entry: any) => entry.resource === 'organisational-units'),
    [
      { name: 'hr', action: 'change', fields: ['name'] },
      { name: 'sales', action: 'match' },
    ],
  );
  t.notOk(
    replace.data.entries.some((entry: any) => entry.action === 'delete'),
    'the unit the file leaves out is not deleted',
  );

  const withoutUnits = await postYaml(app, header + register({}), '?mode=replace');
  t.equal(withoutUnits.statusCode, 200, withoutUnits.body.slice(0, 2000));
  t.equal(withoutUnits.data.byResource['organisational-units'], undefined, 'nothing to report of units');
  const left = (await call(app, 'GET', '/v1/organisational-units?limit=100')).data.items.map((unit: any) => unit.key).sort();
  t.same(left, ['hr', 'legal', 'sales'], 'a replace deletes no unit');
  t.ok(kept.id);
});

t.test('ownerUnit: left out leaves the owner as it is, null unassigns, another unit is a change or a conflict', async (t) => {
  const app = await buildTestApp(t);
  t.equal(
    (await postYaml(app, header + units + register({ payroll: owned('    ', 'hr'), leads: owned('    ', 'sales') }))).statusCode,
    200,
  );

  // An older file, without owners: ownership stays.
  const older = await postYaml(app, header + register({}), '?mode=replace');
  t.equal(older.statusCode, 200, older.body.slice(0, 2000));
  t.match(older.data.counts, { change: 0, delete: 0 });
  t.match((await owners(app)).activities, { Payroll: 'hr', Leads: 'sales' });

  // In replace mode the file's owner wins; a stated null unassigns.
  const moved = header + register({ payroll: owned('    ', 'sales'), leads: owned('    ', 'null') });
  const merge = await postYaml(app, moved);
  t.equal(merge.statusCode, 409);
  t.match(merge.data.conflicts, [
    { resource: 'processing-activities', name: 'Payroll', fields: ['ownerUnitId'] },
    { resource: 'processing-activities', name: 'Leads', fields: ['ownerUnitId'] },
  ]);
  t.match((await owners(app)).activities, { Payroll: 'hr', Leads: 'sales' }, 'a refused merge changes nothing');

  const replace = await postYaml(app, moved, '?mode=replace');
  t.equal(replace.statusCode, 200, replace.body.slice(0, 2000));
  t.match(
    replace.data.entries.find((entry: any) => entry.name === 'Payroll'),
    { action: 'change', fields: ['ownerUnitId'] },
  );
  t.same((await owners(app)).activities, { Payroll: 'sales', Leads: null });
});

t.test('an unknown unit is a problem where it is named', async (t) => {
  const app = await buildTestApp(t);
  const text = header + units + register({ leads: owned('    ', 'marketing'), recipient: owned('    ', 'finance') });
  const response = await postYaml(app, text);
  t.equal(response.statusCode, 422, response.body.slice(0, 2000));
  const lineOf = (needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;
  t.match(response.data.problems, [
    { path: '/recipients/0/ownerUnit', value: 'finance', position: { line: lineOf('ownerUnit: finance') }, message: /organisational unit/ },
    {
      path: '/activities/1/ownerUnit',
      value: 'marketing',
      position: { line: lineOf('ownerUnit: marketing') },
      message: /organisational unit/,
    },
  ]);
  t.equal((await call(app, 'GET', '/v1/organisational-units')).data.items.length, 0, 'nothing was imported');
});

/** The export without what a file from before units had: no units list, no entry's ownerUnit. */
function withoutOwnership(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutOwnership);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'ownerUnit' && key !== 'organisationalUnits')
      .map(([key, child]) => [key, withoutOwnership(child)]),
  );
}

t.test('the JSON export lists the units and each entry its ownerUnit, and imports them; an older export leaves ownership', async (t) => {
  const source = await buildTestApp(t);
  t.equal(
    (await postYaml(source, header + units + register({ payroll: owned('    ', 'hr'), recipient: owned('    ', 'sales') }))).statusCode,
    200,
  );
  const exported = (await call(source, 'GET', '/v1/register?state=working')).data;
  t.match(exported.organisationalUnits, [
    { key: 'hr', name: 'Human Resources', kind: 'department', description: null },
    { key: 'sales', name: 'Sales', kind: 'not-stated' },
  ]);
  const records = exported.controllerRegister.activities;
  t.match(
    records.map((a: any) => [a.name, a.ownerUnit]),
    [
      ['Leads', null],
      ['Payroll', 'hr'],
    ],
  );
  t.equal(records.find((a: any) => a.name === 'Payroll').purposes[0].ownerUnit, null, 'a building block inside a record');

  const target = await buildTestApp(t);
  const imported = await call(target, 'POST', '/v1/register/import', exported);
  t.equal(imported.statusCode, 200, imported.body.slice(0, 2000));
  t.match(imported.data.byResource['organisational-units'], { create: 2 });
  t.same(await owners(target), await owners(source), 'who owns what arrived');

  // Moved by hand, then an export from before units comes back: ownership stays as it is.
  const payroll = (await call(target, 'GET', '/v1/processing-activities?limit=10')).data.items.find((a: any) => a.name === 'Payroll');
  const sales = (await call(target, 'GET', '/v1/organisational-units?key=sales')).data.items[0];
  t.equal((await call(target, 'PATCH', `/v1/processing-activities/${payroll.id}`, { ownerUnitId: sales.id })).statusCode, 200);
  const older = await call(target, 'POST', '/v1/register/import?mode=replace', withoutOwnership(exported));
  t.equal(older.statusCode, 200, older.body.slice(0, 2000));
  t.match(older.data.counts, { create: 0, change: 0, delete: 0 });
  t.equal((await owners(target)).activities.Payroll, 'sales', 'an older export states no owner');

  // The current export states one: replace puts it back.
  const current = await call(target, 'POST', '/v1/register/import?mode=replace', exported);
  t.match(
    current.data.entries.find((entry: any) => entry.name === 'Payroll'),
    { action: 'change', fields: ['ownerUnitId'] },
  );
  t.equal((await owners(target)).activities.Payroll, 'hr');
});
