import t from 'tap';
import { buildTestApp, call, create } from '../helper';

const missing = '00000000-0000-4000-8000-000000000000';

t.test('a system records only what was stated: kind and hosting stay not stated when left out', async (t) => {
  const app = await buildTestApp(t);
  const bare = await create(app, 'systems', { name: 'Filing cabinet' });
  t.match(bare, {
    name: 'Filing cabinet',
    kind: 'not-stated',
    owner: null,
    providerId: null,
    provider: null,
    hostingCountries: ['not-stated'],
    securityMeasureIds: [],
    description: null,
    sourcePhrase: null,
    internalNote: null,
  });

  const mixed = await call(app, 'POST', '/v1/systems', { name: 'Mixed', hostingCountries: ['NL', 'not-stated'] });
  t.equal(mixed.statusCode, 400, 'not-stated cannot be combined with a country');
  t.equal(mixed.data.code, 'VALIDATION_FAILED');
  t.ok(mixed.data.errors.some((error: any) => error.path === '/hostingCountries'));
  const empty = await call(app, 'POST', '/v1/systems', { name: 'Nowhere', hostingCountries: [] });
  t.equal(empty.statusCode, 400, 'an empty hosting list says nothing: leave it out instead');
  const badCountry = await call(app, 'POST', '/v1/systems', { name: 'Atlantis', hostingCountries: ['XX'] });
  t.equal(badCountry.statusCode, 400, 'hosting countries are ISO 3166-1 alpha-2 codes');
  const twice = await call(app, 'POST', '/v1/systems', { name: 'Twice', hostingCountries: ['NL', 'NL'] });
  t.equal(twice.statusCode, 400);
});

t.test('a system names its provider and security measures: checked, resolved, filtered, and protected from deletion', async (t) => {
  const app = await buildTestApp(t);
  const google = await create(app, 'organisations', { name: 'Google LLC', country: 'US' });
  const measure = await create(app, 'security-measures', { name: 'Encryption at rest', type: 'technical' });
  const other = await create(app, 'security-measures', { name: 'Access policy', type: 'organisational' });
  const analytics = await create(app, 'systems', {
    name: 'Google Analytics',
    kind: 'saas',
    providerId: google.id,
    hostingCountries: ['US'],
    securityMeasureIds: [measure.id],
  });
  t.same(analytics.provider, { id: google.id, name: 'Google LLC' }, 'provider resolved');
  const local = await create(app, 'systems', { name: 'Own servers', kind: 'application', hostingCountries: ['NL'] });

  const ghostMeasure = await call(app, 'POST', '/v1/systems', { name: 'Ghost', securityMeasureIds: [measure.id, missing] });
  t.equal(ghostMeasure.statusCode, 422, 'an unknown security measure is refused');
  t.equal(ghostMeasure.data.code, 'UNKNOWN_REFERENCE');
  t.same(ghostMeasure.data.errors, [{ in: 'body', path: '/securityMeasureIds/1', message: 'no security measure with this id' }]);
  const ghostProvider = await call(app, 'POST', '/v1/systems', { name: 'Ghost', providerId: missing });
  t.equal(ghostProvider.statusCode, 422);
  t.same(ghostProvider.data.errors, [{ in: 'body', path: '/providerId', message: 'refers to an entry that does not exist' }]);
  const patchGhost = await call(app, 'PATCH', `/v1/systems/${local.id}`, { securityMeasureIds: [missing] });
  t.equal(patchGhost.statusCode, 422, 'updates are checked too');

  const names = async (query: string) => (await call(app, 'GET', `/v1/systems?${query}`)).data.items.map((s: any) => s.name);
  t.same(await names('hostingCountry=US'), ['Google Analytics']);
  t.same(await names('hostingCountry=NL'), ['Own servers']);
  t.same(await names(`providerId=${google.id}`), ['Google Analytics']);
  t.same(await names(`securityMeasureId=${measure.id}`), ['Google Analytics']);
  t.same(await names(`securityMeasureId=${other.id}`), []);
  t.same(await names('kind=saas'), ['Google Analytics']);

  const blocked = await call(app, 'DELETE', `/v1/organisations/${google.id}`);
  t.equal(blocked.statusCode, 409, 'a provider still named by a system cannot be deleted');
  t.same(blocked.data.referencedBy, [{ resource: 'systems', id: analytics.id, name: 'Google Analytics' }]);
});

t.test('activities link the systems they use, each with the data categories held there', async (t) => {
  const app = await buildTestApp(t);
  const contact = await create(app, 'data-categories', { name: 'Contact details' });
  const payment = await create(app, 'data-categories', { name: 'Payment data' });
  const health = await create(app, 'data-categories', { name: 'Health data', sensitivity: 'special' });
  const crm = await create(app, 'systems', { name: 'CRM', kind: 'saas', hostingCountries: ['IE'] });
  const archive = await create(app, 'systems', { name: 'Archive', kind: 'paper-archive' });

  const activity = await create(app, 'processing-activities', {
    name: 'Orders',
    dataCategories: [{ dataCategoryId: contact.id }, { dataCategoryId: payment.id }],
    systems: [
      { systemId: crm.id, dataCategoryIds: [payment.id, contact.id] },
      { systemId: archive.id, dataCategoryIds: [payment.id] },
    ],
  });
  t.same(
    activity.systems,
    [
      {
        system: { id: archive.id, name: 'Archive', kind: 'paper-archive', hostingCountries: ['not-stated'] },
        dataCategories: [{ id: payment.id, name: 'Payment data' }],
      },
      {
        system: { id: crm.id, name: 'CRM', kind: 'saas', hostingCountries: ['IE'] },
        dataCategories: [
          { id: contact.id, name: 'Contact details' },
          { id: payment.id, name: 'Payment data' },
        ],
      },
    ],
    'systems by name, their data categories by name',
  );
  t.same((await call(app, 'GET', `/v1/processing-activities/${activity.id}`)).data.systems, activity.systems, 'GET reads the same');

  const unknown = await call(app, 'POST', '/v1/processing-activities', { name: 'Ghost', systems: [{ systemId: missing }] });
  t.equal(unknown.statusCode, 422);
  t.same(unknown.data.errors, [{ in: 'body', path: '/systems/0/systemId', message: 'no system with this id' }]);
  const outside = await call(app, 'POST', '/v1/processing-activities', {
    name: 'Outside',
    dataCategories: [{ dataCategoryId: contact.id }],
    systems: [{ systemId: crm.id, dataCategoryIds: [health.id] }],
  });
  t.equal(outside.statusCode, 422, "a system's categories must be the activity's");
  t.same(outside.data.errors, [
    { in: 'body', path: '/systems/0/dataCategoryIds/0', message: "must be one of the activity's dataCategories" },
  ]);
  const twice = await call(app, 'POST', '/v1/processing-activities', {
    name: 'Twice',
    systems: [{ systemId: crm.id }, { systemId: crm.id }],
  });
  t.equal(twice.statusCode, 400, 'a system appears once per activity');
  t.same(twice.data.errors, [{ in: 'body', path: '/systems/1/systemId', message: 'appears more than once' }]);

  const other = await create(app, 'processing-activities', { name: 'Newsletter' });
  const using = async (id: string) =>
    (await call(app, 'GET', `/v1/processing-activities?systemId=${id}`)).data.items.map((a: any) => a.name);
  t.same(await using(crm.id), ['Orders'], 'activities filter by system');
  const linked = await call(app, 'GET', `/v1/systems?activityId=${activity.id}`);
  t.same(linked.data.items.map((s: any) => s.name).sort(), ['Archive', 'CRM'], 'systems filter by activity');
  t.same((await call(app, 'GET', `/v1/systems?activityId=${other.id}`)).data.items, []);

  const blocked = await call(app, 'DELETE', `/v1/systems/${crm.id}`);
  t.equal(blocked.statusCode, 409, 'a system in use cannot be deleted');
  t.same(blocked.data.referencedBy, [{ resource: 'processing-activities', id: activity.id, name: 'Orders' }]);

  const patched = await call(app, 'PATCH', `/v1/processing-activities/${activity.id}`, { systems: [{ systemId: crm.id }] });
  t.equal(patched.statusCode, 200);
  t.same(
    patched.data.systems.map((s: any) => [s.system.name, s.dataCategories]),
    [['CRM', []]],
  );
  const unchanged = await call(app, 'PATCH', `/v1/processing-activities/${activity.id}`, { description: 'Webshop orders' });
  t.equal(unchanged.data.systems.length, 1, 'a patch that leaves systems out keeps them');
  t.equal((await call(app, 'DELETE', `/v1/systems/${archive.id}`)).statusCode, 204, 'no longer used: deletable');
});

t.test('the JSON export lists each activity systems with their details; an import brings them back', async (t) => {
  const app = await buildTestApp(t);
  const org = await create(app, 'organisations', { name: 'Acme B.V.', roles: ['controller'] });
  const vendor = await create(app, 'organisations', { name: 'Vendor Inc' });
  const contact = await create(app, 'data-categories', { name: 'Contact details' });
  const measure = await create(app, 'security-measures', { name: 'Two-factor login', type: 'technical' });
  const crm = await create(app, 'systems', {
    name: 'CRM',
    kind: 'saas',
    owner: 'Sales',
    providerId: vendor.id,
    hostingCountries: ['US'],
    securityMeasureIds: [measure.id],
    sourcePhrase: 'ons CRM-systeem',
    internalNote: 'contract renewal in 2027',
  });
  await create(app, 'processing-activities', {
    name: 'Sales',
    controllerIds: [org.id],
    dataCategories: [{ dataCategoryId: contact.id }],
    systems: [{ systemId: crm.id, dataCategoryIds: [contact.id] }],
  });
  const exported = await call(app, 'GET', '/v1/register?state=working');
  t.equal(exported.statusCode, 200);
  const [activity] = exported.data.controllerRegister.activities;
  t.same(activity.systems, [
    {
      id: crm.id,
      name: 'CRM',
      description: null,
      kind: 'saas',
      owner: 'Sales',
      provider: { id: vendor.id, name: 'Vendor Inc' },
      hostingCountries: ['US'],
      securityMeasures: [
        {
          id: measure.id,
          name: 'Two-factor login',
          description: null,
          type: 'technical',
          standardReference: null,
          sourcePhrase: null,
          internalNote: null,
          ownerUnit: null,
        },
      ],
      dataCategories: [{ id: contact.id, name: 'Contact details' }],
      sourcePhrase: 'ons CRM-systeem',
      internalNote: null,
      ownerUnit: null,
    },
  ]);

  const target = await buildTestApp(t);
  const imported = await call(target, 'POST', '/v1/register/import', exported.data);
  t.equal(imported.statusCode, 200, imported.body);
  const [system] = (await call(target, 'GET', '/v1/systems')).data.items;
  t.match(system, { name: 'CRM', kind: 'saas', owner: 'Sales', hostingCountries: ['US'], provider: { name: 'Vendor Inc' } });
  t.equal(system.securityMeasureIds.length, 1, 'its security measure came along');
  const again = await call(target, 'GET', '/v1/register?state=working');
  t.same(
    again.data.controllerRegister.activities[0].systems.map((s: any) => [s.name, s.dataCategories.map((d: any) => d.name)]),
    [['CRM', ['Contact details']]],
  );

  // An export written before systems existed still imports (its activities read as using none recorded).
  const older = structuredClone(exported.data);
  delete older.controllerRegister.activities[0].systems;
  // Nor did it list the register's systems and recorded flows.
  delete older.systems;
  delete older.dataFlows;
  const fresh = await buildTestApp(t);
  const oldImport = await call(fresh, 'POST', '/v1/register/import', older);
  t.equal(oldImport.statusCode, 200, oldImport.body);
  t.equal((await call(fresh, 'GET', '/v1/systems')).data.total, 0);
});
