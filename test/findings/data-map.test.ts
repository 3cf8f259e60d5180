import t from 'tap';
import { buildTestApp, call, create } from '../helper';
import { cleanRegister, codesOf } from './fixtures/clean-register';

/** The register's findings of the data-map rules. */
async function systemFindings(app: Parameters<typeof call>[0]) {
  const { findings } = (await call(app, 'GET', '/v1/register/findings')).data;
  return (findings as any[]).filter((f) => f.entity.resource === 'systems');
}

t.test('a system hosted outside the EEA: a finding until a transfer to its country is recorded', async (t) => {
  const app = await buildTestApp(t);
  const r = await cleanRegister(app);
  const us = await create(app, 'systems', { name: 'US analytics', kind: 'saas', hostingCountries: ['NL', 'US'] });
  const eu = await create(app, 'systems', { name: 'EU servers', kind: 'application', hostingCountries: ['NL', 'DE'] });
  const unknown = await create(app, 'systems', { name: 'Somewhere', hostingCountries: ['not-stated'] });
  const uses = (...ids: string[]) => ({ systems: ids.map((systemId) => ({ systemId })) });

  const clean = await r.findingsOf('EU only', uses(eu.id, unknown.id));
  t.strictSame(codesOf(clean), [], 'hosted in the EEA, or not stated: nothing to find');
  const analytics = await r.findingsOf('Analytics', uses(us.id));
  t.strictSame(codesOf(analytics), ['system-transfer-not-recorded']);
  t.match(analytics[0], {
    severity: 'error',
    entity: { resource: 'systems', id: us.id, name: 'US analytics' },
    field: '/hostingCountries',
    activities: [{ name: 'Analytics' }],
    explanation:
      /^Art\. 30\(1\)\(e\) and 44 GDPR: .*"US analytics" is hosted in US, and the activity "Analytics" records no transfer to that country\.$/,
  });
  const provider = await create(app, 'recipients', {
    name: 'Analytics vendor',
    kind: 'processor',
    country: 'US',
    processingAgreementStatus: 'signed',
  });
  const transferred = await r.findingsOf('Analytics with transfer', {
    ...uses(us.id),
    recipients: [{ recipientId: provider.id, dataCategoryIds: [r.category.id] }],
    transfers: [{ recipientId: provider.id, country: 'US', mechanismId: r.lb['gdpr-45'] }],
  });
  t.strictSame(codesOf(transferred), [], 'a transfer to the country answers it');

  // A recorded flow into the system with the transfer counts too.
  const other = await create(app, 'systems', { name: 'US backup', hostingCountries: ['US'] });
  const backups = await r.findingsOf('Backups', uses(other.id));
  t.strictSame(codesOf(backups), ['system-transfer-not-recorded']);
  await create(app, 'data-flows', {
    name: 'Backup transfer',
    fromKind: 'system',
    fromId: eu.id,
    toKind: 'system',
    toId: other.id,
    transferCountry: 'US',
    transferMechanismId: r.lb['gdpr-45'],
  });
  const after = await call(app, 'GET', `/v1/processing-activities/${backups.activityId}/findings`);
  t.strictSame(codesOf(after.data.findings), [], 'a data flow with the transfer answers it');
  const register = await systemFindings(app);
  t.strictSame(
    register.map((f) => [f.code, f.entity.name, f.activities.map((a: any) => a.name)]),
    [['system-transfer-not-recorded', 'US analytics', ['Analytics']]],
    'one finding per system, listing the activities without a transfer',
  );
});

t.test('special-category data in a system: a finding unless an activity keeping it there states an Art. 9(2) condition', async (t) => {
  const app = await buildTestApp(t);
  const r = await cleanRegister(app);
  const health = await create(app, 'data-categories', { name: 'Health data', sensitivity: 'special' });
  const hr = await create(app, 'systems', { name: 'HR system', kind: 'saas', hostingCountries: ['NL'] });
  const files = await create(app, 'systems', { name: 'Paper files', kind: 'paper-archive', hostingCountries: ['NL'] });
  const categories = [
    { dataCategoryId: r.category.id, retentionRuleId: r.retention.id, sourceChannelIds: [r.channel.id] },
    { dataCategoryId: health.id, retentionRuleId: r.retention.id, sourceChannelIds: [r.channel.id] },
  ];
  const sick = await r.findingsOf('Sick leave', {
    dataCategories: categories,
    systems: [
      { systemId: hr.id, dataCategoryIds: [health.id] },
      { systemId: files.id, dataCategoryIds: [r.category.id] },
    ],
  });
  t.strictSame(codesOf(sick), ['special-category-condition-missing', 'system-special-category-condition-missing']);
  t.match(sick[1], {
    entity: { resource: 'systems', name: 'HR system' },
    field: null,
    explanation: /^Art\. 9\(1\) GDPR .*the system "HR system" holds "Health data", and no activity keeping it there states one\.$/,
  });
  const unstated = await r.findingsOf('Sick leave, systems unstated', { dataCategories: categories, systems: [{ systemId: files.id }] });
  t.ok(
    unstated.some((f: any) => f.code === 'system-special-category-condition-missing' && f.entity.name === 'Paper files'),
    "a link that states no categories possibly holds all of the activity's",
  );
  const withCondition = await r.findingsOf('Sick leave with condition', {
    dataCategories: categories,
    purposes: [{ purposeId: r.purpose.id, legalBasisIds: [r.lb['gdpr-6-1-b'], r.lb['gdpr-9-2-a']] }],
    systems: [{ systemId: hr.id, dataCategoryIds: [health.id] }],
  });
  t.strictSame(codesOf(withCondition), [], 'the condition is stated');
  const register = await systemFindings(app);
  t.strictSame(
    register.map((f) => [f.code, f.entity.name]),
    [['system-special-category-condition-missing', 'Paper files']],
    'the HR system: an activity keeping the data there states the condition',
  );
});

t.test('a system no activity links is found (in the register, not in one activity check); a retired one is not', async (t) => {
  const app = await buildTestApp(t);
  const r = await cleanRegister(app);
  const used = await create(app, 'systems', { name: 'Used', hostingCountries: ['NL'] });
  const idle = await create(app, 'systems', { name: 'Idle' });
  await create(app, 'systems', { name: 'Old', retiredAt: '2020-01-01T00:00:00Z' });
  const onlyRetired = await create(app, 'systems', { name: 'Only retired activities' });
  await call(
    app,
    'POST',
    '/v1/processing-activities',
    r.activity('Archived', { status: 'retired', systems: [{ systemId: onlyRetired.id }] }),
  );
  const active = await r.findingsOf('Uses one', { systems: [{ systemId: used.id }] });
  t.strictSame(codesOf(active), [], "one activity's check does not report other systems");
  const register = await systemFindings(app);
  t.strictSame(
    register.map((f) => [f.code, f.entity.name, f.activities]),
    [
      ['system-unused', 'Idle', []],
      ['system-unused', 'Only retired activities', []],
    ],
  );
  t.match(register[0], { severity: 'warning', explanation: /^Art\. 30\(1\) and 5\(2\) GDPR: .*"Idle"/ });
  t.equal(idle.name, 'Idle');
});
