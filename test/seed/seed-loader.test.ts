import t from 'tap';
import { SeedConflictError, loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister as doc } from '../../src/seed/woktron-register';
import { buildTestApp, call, testDatabaseKind } from '../helper';

const all = async (app: Parameters<typeof call>[0], path: string) => {
  const items: any[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = (await call(app, 'GET', `/v1/${path}?limit=100&offset=${offset}`)).data;
    items.push(...page.items);
    if (offset + 100 >= page.total) return items;
  }
};

t.test('the Woktron register loads through the services and reads back item by item over HTTP', async (t) => {
  const app = await buildTestApp(t);
  const first = await loadRegister(app.services, doc);
  const expected =
    doc.organisations.length +
    doc.dataSubjectCategories.length +
    doc.dataCategories.length +
    doc.collectionChannels.length +
    doc.purposes.length +
    doc.legalBases.length +
    doc.recipients.length +
    doc.retentionRules.length +
    doc.securityMeasures.length +
    doc.activities.length +
    doc.privacyPolicies.length +
    (doc.systems?.length ?? 0);
  t.same(first, { created: expected, updated: 0, unchanged: 0 });

  const sections: [string, { name: string }[]][] = [
    ['organisations', doc.organisations],
    ['data-subject-categories', doc.dataSubjectCategories],
    ['data-categories', doc.dataCategories],
    ['collection-channels', doc.collectionChannels],
    ['purposes', doc.purposes],
    ['recipients', doc.recipients],
    ['retention-rules', doc.retentionRules],
    ['security-measures', doc.securityMeasures],
    ['processing-activities', doc.activities],
    ['privacy-policies', doc.privacyPolicies],
    ['systems', doc.systems ?? []],
  ];
  for (const [path, items] of sections) {
    const names = (await all(app, path)).map((item) => item.name).sort();
    t.same(names, items.map((item) => item.name).sort(), `${path}: every item by name`);
  }
  const ownBases = (await call(app, 'GET', '/v1/legal-bases?builtIn=false&limit=100')).data.items.map((b: any) => b.code).sort();
  t.same(ownBases, doc.legalBases.map((b) => b.code).sort());

  const woktron = (await all(app, 'organisations')).find((o) => o.name === 'Woktron Ltd.');
  t.match(woktron, { roles: ['controller'], privacyContactEmail: 'services@woktron.com', privacyResponseDays: 14 });
  const [policy] = await all(app, 'privacy-policies');
  t.match(policy, {
    name: 'Privacy Beleid',
    organisation: { id: woktron.id, name: 'Woktron Ltd.' },
    language: 'nl',
    lastChanged: '2021-03-31',
    contactEmail: 'services@woktron.com',
    responseDays: 14,
  });
  t.same(
    policy.rights.map((r: any) => r.right).sort(),
    ['access', 'erasure', 'objection', 'portability', 'rectification', 'restriction'],
    'the six rights the policy names',
  );
  t.match(
    policy.rights.find((r: any) => r.right === 'access'),
    { feeNote: /fee/ },
    'the possible fee for access',
  );
  const rights = (await all(app, 'data-subject-rights')).map((r) => r.code);
  for (const statement of policy.rights) t.ok(rights.includes(statement.right), `${statement.right} is a GDPR right in the register`);

  const retention = (await all(app, 'retention-rules')).find((r) => r.duration === 'P7Y');
  t.equal(retention.maximumDuration, 'P10Y', '7 years, up to 10');
  const measures = (await all(app, 'security-measures')).map((m) => m.standardReference);
  t.ok(measures.includes('SOC 1') && measures.includes('PCI DSS'));
  const cookies = (await call(app, 'GET', '/v1/collection-channels?mechanism=cookie')).data.items;
  t.same(cookies.map((c: any) => c.cookie.provider).sort(), ['Google LLC', 'Woktron Ltd.']);

  for (const activity of await all(app, 'processing-activities')) {
    const label = activity.name;
    t.ok(activity.controllers.length > 0, `${label}: controller`);
    t.ok(
      activity.purposes.length > 0 && activity.purposes.every((p: any) => p.legalBases.length > 0),
      `${label}: purposes with legal bases`,
    );
    t.ok(activity.dataSubjectCategories.length > 0, `${label}: data subjects`);
    t.ok(
      activity.dataCategories.length > 0 && activity.dataCategories.every((d: any) => d.retentionRule),
      `${label}: data categories with retention`,
    );
    t.ok(activity.collectionChannels.length > 0, `${label}: channels`);
    t.ok(activity.recipients.length > 0, `${label}: recipients`);
    t.ok(activity.securityMeasures.length > 0, `${label}: security measures`);
  }
  const analytics = (await call(app, 'GET', '/v1/processing-activities?transferCountry=US')).data.items;
  const ga = analytics.flatMap((a: any) => a.transfers).find((tr: any) => tr.recipient.name === 'Google Analytics');
  t.match(ga, { country: 'US', mechanism: { code: 'gdpr-45' }, safeguard: /IP/ }, 'Google Analytics transfer with its safeguard');

  const again = await loadRegister(app.services, doc);
  t.same(again, { created: 0, updated: 0, unchanged: expected }, 're-running the seed changes nothing');
});

t.test('seeding over different data is refused unless forced', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, doc);
  const purpose = (await all(app, 'purposes'))[0];
  await call(app, 'PATCH', `/v1/purposes/${purpose.id}`, { description: 'edited by the DPO' });
  const before = await all(app, 'purposes');

  await t.rejects(loadRegister(app.services, doc), SeedConflictError);
  await t.rejects(loadRegister(app.services, doc), /purposes ".*": description differ[\s\S]*--force/);
  t.same(await all(app, 'purposes'), before, 'nothing was written');

  const forced = await loadRegister(app.services, doc, { force: true });
  t.equal(forced.updated, 1);
  t.equal(forced.created, 0);
  t.not((await call(app, 'GET', `/v1/purposes/${purpose.id}`)).data.description, 'edited by the DPO');
});

t.test('first start of an empty embedded database loads the example register; a non-empty one is left alone', async (t) => {
  const app = await buildTestApp(t, { SEED_ON_EMPTY: 'true' });
  const activities = (await call(app, 'GET', '/v1/processing-activities')).data.total;
  if (testDatabaseKind === 'pglite') t.equal(activities, doc.activities.length, 'seeded on first start');
  else t.equal(activities, 0, 'never seeded automatically on PostgreSQL');
});
