import t from 'tap';
import { buildTestApp, call, create, databaseMoment } from '../helper';
import { download, named, portable, upload, woktronWithFlows } from '../support/data-map-fixtures';

// The data map's systems and recorded data flows in the JSON export (and its import), in JSON-LD,
// and in the history: export → import into an empty installation → export gives the same register.

t.test('the JSON export lists every system and recorded flow, and its import brings them back', async (t) => {
  const source = await woktronWithFlows(t);
  // A system no activity uses: only the register's list holds it.
  await create(source, 'systems', { name: 'Paper archive', kind: 'paper-archive', hostingCountries: ['NL'] });
  const exported = JSON.parse((await download(source, 'json', '&internalNotes=true')).body);
  t.same(
    exported.systems.map((system: any) => system.name),
    [
      'Endpoints',
      'Google Analytics',
      'Paper archive',
      'Password managers',
      'Security information and event management solutions',
      'Woktron servers',
    ],
  );
  t.match(exported.systems[1], { kind: 'saas', provider: { name: 'Google LLC' }, hostingCountries: ['US'] });
  t.match(exported.dataFlows[2], {
    name: 'Website statistics to Google',
    from: { kind: 'system', name: 'Google Analytics' },
    to: { kind: 'recipient', name: 'Google Analytics' },
    dataCategories: [{ name: 'Website usage and cookie data' }],
    transferCountry: 'US',
    transferMechanism: { code: 'gdpr-45' },
    transferSafeguard: 'EU-US Data Privacy Framework',
  });
  t.ok(
    exported.legalBases.some((basis: any) => basis.code === 'gdpr-45'),
    'a flow’s mechanism is among the legal bases',
  );

  const target = await buildTestApp(t);
  const imported = await upload(target, exported);
  t.equal(imported.statusCode, 200, imported.body.slice(0, 2000));
  t.match(imported.data.byResource, { systems: { create: 6 }, 'data-flows': { create: 3 } });
  const again = JSON.parse((await download(target, 'json', '&internalNotes=true')).body);
  t.same(portable(again), portable(exported), 'the re-exported register equals the original');

  // A file from before the lists: it still imports, with the systems its activities use.
  const { systems: _systems, dataFlows: _flows, ...older } = exported;
  const fromOlder = await upload(await buildTestApp(t), older);
  t.equal(fromOlder.statusCode, 200, fromOlder.body.slice(0, 1000));
  const used = new Set(
    [
      ...exported.controllerRegister.activities,
      ...exported.processorRegister.controllers.flatMap((group: any) => group.activities),
    ].flatMap((activity: any) => activity.systems.map((system: any) => system.name)),
  );
  t.ok(used.size > 0);
  t.match(fromOlder.data.byResource, { systems: { create: used.size } });
  t.notOk(fromOlder.data.byResource['data-flows'], 'and no flows');
});

t.test('history: the register as of a moment holds its systems and flows, and the diff shows a rename and a new flow', async (t) => {
  const app = await woktronWithFlows(t);
  const before = await databaseMoment(app);
  const liveThen = JSON.parse((await download(app, 'json')).body);
  const servers = await named(app, 'systems', 'Woktron servers');
  t.equal((await call(app, 'PATCH', `/v1/systems/${servers.id}`, { name: 'Woktron data centre servers' })).statusCode, 200);
  const customers = await named(app, 'data-subject-categories', 'Customers');
  await create(app, 'data-flows', {
    name: 'Customers into the servers',
    fromKind: 'data-subject-category',
    fromId: customers.id,
    toKind: 'system',
    toId: servers.id,
  });
  const after = await databaseMoment(app);

  const past = JSON.parse((await download(app, 'json', `&asOf=${before}`)).body);
  t.same(past.systems, liveThen.systems, 'the systems as they were');
  t.same(past.dataFlows, liveThen.dataFlows, 'the flows as they were, ends named as they were then');
  t.ok(past.dataFlows.some((flow: any) => flow.to.name === 'Woktron servers'));
  const now = JSON.parse((await download(app, 'json', `&asOf=${after}`)).body);
  t.ok(now.systems.some((system: any) => system.name === 'Woktron data centre servers'));
  t.match(
    now.dataFlows.find((flow: any) => flow.name === 'Customers into the servers'),
    { from: { kind: 'data-subject-category', name: 'Customers' }, to: { name: 'Woktron data centre servers' } },
  );

  const diff = (await call(app, 'GET', `/v1/register/diff?from=${before}&to=${after}`, undefined, 'auditor')).data;
  t.match(diff.added, [{ resource: 'data-flows', name: 'Customers into the servers' }]);
  const renamed = diff.changed.filter((entry: any) => entry.resource === 'systems');
  t.match(renamed, [{ name: 'Woktron data centre servers' }], 'one system changed');
  t.ok(
    renamed[0].changes.some(
      (change: any) => /name$/.test(change.path) && change.from === 'Woktron servers' && change.to === 'Woktron data centre servers',
    ),
    'its rename',
  );
});

t.test('JSON-LD: systems as DPV technology (tech:), the activities that use them, and the flows as transfers', async (t) => {
  const app = await woktronWithFlows(t);
  const response = await download(app, 'jsonld');
  t.equal(response.statusCode, 200);
  const document = JSON.parse(response.body);
  t.equal(document['@context'].tech, 'https://w3id.org/dpv/tech#');
  const graph = document['@graph'] as any[];
  const analytics = graph.find((node) => node['rdfs:label'] === 'Google Analytics' && [node['@type']].flat().includes('reg:System'));
  const google = graph.find((node) => node['dpv:hasName'] === 'Google LLC');
  t.match(analytics, {
    '@type': ['reg:System', 'tech:CloudService'],
    'reg:systemKind': 'saas',
    'tech:hasProvider': { '@id': google['@id'] },
    'dpv:hasCountry': [{ '@id': 'loc:US' }],
  });
  const servers = graph.find((node) => node['rdfs:label'] === 'Woktron servers');
  t.same(servers['@type'], 'reg:System', 'a kind not stated is no DPV technology');
  t.notOk('dpv:hasCountry' in servers, 'hosting not stated is no country');
  const activity = graph.find((node) => node['rdfs:label'] === 'Website analytics (Google Analytics)');
  t.same(activity['dpv:isImplementedUsingTechnology'], [{ '@id': analytics['@id'] }]);
  t.ok(
    activity['dpv:hasPersonalDataHandling'].some(
      (nested: any) =>
        nested['dpv:isImplementedUsingTechnology']?.['@id'] === analytics['@id'] && nested['dpv:hasPersonalData'].length === 1,
    ),
    'and the data held there',
  );
  const flow = graph.find((node) => node['rdfs:label'] === 'Website statistics to Google');
  t.match(flow, {
    '@type': ['dpv:PersonalDataHandling', 'reg:DataFlow'],
    'dpv:hasProcessing': { '@id': 'dpv:Transfer' },
    'reg:from': { '@id': analytics['@id'] },
    'reg:fromKind': 'system',
    'reg:toKind': 'recipient',
    'dpv:hasThirdCountry': { '@id': 'loc:US' },
    'dpv:hasTechnicalOrganisationalMeasure': { '@type': 'dpv:SafeguardForDataTransfer' },
  });
});
