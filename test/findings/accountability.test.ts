import t from 'tap';
import { buildTestApp, call, create } from '../helper';
import { cleanRegister, codesOf } from './fixtures/clean-register';

t.test('DPIA likely required (WP248 criteria) and review dates, each with and without the defect', async (t) => {
  const app = await buildTestApp(t);
  const r = await cleanRegister(app);
  const dpiaDone = { dpiaRequired: true, dpiaReference: 'DPIA-2026-01' };

  // Special-category data and vulnerable data subjects: two criteria.
  const children = await create(app, 'data-subject-categories', { name: 'Children', vulnerable: true });
  const health = await create(app, 'data-categories', { name: 'Health data', sensitivity: 'special' });
  const school = (extra: Record<string, unknown> = {}) => ({
    purposes: [{ purposeId: r.purpose.id, legalBasisIds: [r.lb['gdpr-6-1-a'], r.lb['gdpr-9-2-a']] }],
    dataSubjectCategoryIds: [children.id],
    dataCategories: [{ dataCategoryId: health.id, retentionRuleId: r.retention.id }],
    recipients: [{ recipientId: r.staff.id }],
    ...extra,
  });
  const sensitive = await r.findingsOf('School health records', school());
  t.strictSame(codesOf(sensitive), ['dpia-not-recorded']);
  t.match(sensitive[0], {
    severity: 'warning',
    field: '/dpiaRequired',
    explanation:
      /^Art\. 35\(1\) GDPR and WP248 rev\.01: .*meets 2 criteria \(sensitive data \(Art\. 9 or 10\); vulnerable data subjects\).*whether a DPIA is required is not stated/,
    resolution: /dpiaReference/,
  });
  const statedNotRequired = await r.findingsOf('School health records, DPIA ruled out', school({ dpiaRequired: false }));
  t.strictSame(codesOf(statedNotRequired), ['dpia-not-recorded']);
  t.match(statedNotRequired[0].explanation, /dpiaRequired is false/, 'a stated "no" is named as such, not as unstated');
  t.strictSame(await r.findingsOf('School health records with DPIA', school(dpiaDone)), []);
  const requiredNoReference = await r.findingsOf('School health records, DPIA pending', school({ dpiaRequired: true }));
  t.strictSame(codesOf(requiredNoReference), ['dpia-not-recorded']);
  t.match(requiredNoReference[0], { field: '/dpiaReference', explanation: /no DPIA reference is recorded/ });

  // Tracking (third-party cookies) and matching datasets (a third-party source beside the data subject).
  const tracking = await create(app, 'collection-channels', {
    name: 'Ad network cookies',
    sourceType: 'observed',
    mechanism: 'cookie',
    cookie: { provider: 'AdCo', purpose: 'Cross-site advertising', lifetime: 'P1Y', party: 'third-party' },
  });
  const broker = await create(app, 'collection-channels', {
    name: 'Data broker feed',
    sourceType: 'third-party',
    mechanism: 'third-party-feed',
  });
  const profiling = await r.findingsOf('Ad profiling', { collectionChannelIds: [r.channel.id, tracking.id, broker.id] });
  t.strictSame(codesOf(profiling), ['dpia-not-recorded']);
  t.match(profiling[0].explanation, /systematic monitoring.*matching or combining datasets/);
  t.strictSame(
    await r.findingsOf('Ad profiling with DPIA', { collectionChannelIds: [r.channel.id, tracking.id, broker.id], ...dpiaDone }),
    [],
  );

  // Credit scoring (a credit bureau among the recipients) and network-usage observation.
  const bureau = await create(app, 'recipients', {
    name: 'Credit bureau',
    kind: 'independent-controller',
    category: 'credit-bureau',
    country: 'NL',
  });
  const network = await create(app, 'collection-channels', { name: 'Network logs', sourceType: 'observed', mechanism: 'network-usage' });
  const scoring = { collectionChannelIds: [r.channel.id, network.id], recipients: [{ recipientId: bureau.id }] };
  const credit = await r.findingsOf('Credit scoring', scoring);
  t.strictSame(codesOf(credit), ['dpia-not-recorded']);
  t.match(credit[0].explanation, /evaluation or scoring \(credit bureaus, automated decisions\); systematic monitoring/);

  // One criterion alone is not "likely" under WP248's two-criteria rule of thumb.
  t.strictSame(await r.findingsOf('Network logs only', { collectionChannelIds: [r.channel.id, network.id] }), []);
  t.strictSame(await r.findingsOf('Bureau only', { recipients: [{ recipientId: bureau.id }] }), []);
  t.strictSame(
    await r.findingsOf('First-party cookies are not tracking', {
      collectionChannelIds: [
        r.channel.id,
        (
          await create(app, 'collection-channels', {
            name: 'Session cookie',
            sourceType: 'observed',
            mechanism: 'cookie',
            cookie: { provider: 'Acme', purpose: 'Login', lifetime: 'session', party: 'first-party' },
          })
        ).id,
        broker.id,
      ],
    }),
    [],
    'first-party cookie + broker: only the matching criterion',
  );

  // A DPIA is the controller's duty (Art. 35): a processor's record is not flagged.
  t.strictSame(await r.findingsOf('Scoring for a client', { ...scoring, role: 'processor' }), []);

  // review-overdue: the review date has passed.
  const overdue = await r.findingsOf('Overdue review', { reviewDueAt: '2020-01-31' });
  t.strictSame(codesOf(overdue), ['review-overdue']);
  t.match(overdue[0], {
    severity: 'warning',
    field: '/reviewDueAt',
    explanation: /^Art\. 24\(1\) and 5\(2\) GDPR: .*due for review on 2020-01-31/,
  });
  t.strictSame(await r.findingsOf('Future review', { reviewDueAt: '2999-01-31' }), []);
  t.strictSame(await r.findingsOf('No review date', { reviewDueAt: null }), []);
});

t.test('an active activity linking a retired entry, with and without the defect', async (t) => {
  const app = await buildTestApp(t);
  const r = await cleanRegister(app);
  const oldMeasure = await create(app, 'security-measures', { name: 'Legacy VPN', type: 'technical' });
  const oldBasis = await create(app, 'legal-bases', {
    code: 'nl-old-act',
    name: 'Repealed act',
    kind: 'lawful-basis',
    article: 'Art. 1',
    jurisdiction: 'NL',
  });
  const body = (extra: Record<string, unknown> = {}) => ({
    securityMeasureIds: [r.measure.id, oldMeasure.id],
    purposes: [{ purposeId: r.purpose.id, legalBasisIds: [r.lb['gdpr-6-1-b'], oldBasis.id] }],
    ...extra,
  });
  t.strictSame(await r.findingsOf('Remote access', body()), [], 'in use: nothing to find');

  // Retired since yesterday: flagged, on the retired entry, naming the link.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString();
  const retire = async (path: string, id: string, retiredAt: string | null) => {
    const response = await call(app, 'PATCH', `/v1/${path}/${id}`, { retiredAt });
    t.equal(response.statusCode, 200, `PATCH ${path} retiredAt ${retiredAt}`);
    return response.data;
  };
  const retiredMeasure = await retire('security-measures', oldMeasure.id, yesterday);
  t.equal(retiredMeasure.retiredAt, yesterday, 'retiredAt is returned');
  await retire('legal-bases', oldBasis.id, yesterday);
  const active = await r.findingsOf('Remote access, still', body());
  t.strictSame(codesOf(active), ['retired-entry-linked', 'retired-entry-linked']);
  const onMeasure = active.find((f: any) => f.entity.id === oldMeasure.id);
  t.match(onMeasure, {
    severity: 'warning',
    entity: { resource: 'security-measures', id: oldMeasure.id, name: 'Legacy VPN' },
    field: '/retiredAt',
    explanation: new RegExp(
      `^Art\\. 30\\(1\\) and 24\\(1\\) GDPR: .*"Legacy VPN" was retired on ${yesterday.slice(0, 10)}.*still links it \\(/securityMeasures/1\\)`,
    ),
    resolution: /retiredAt: null/,
  });
  t.match(
    active.find((f: any) => f.entity.id === oldBasis.id),
    { entity: { resource: 'legal-bases' }, explanation: /\/purposes\/0\/legalBases\/1/ },
  );

  // Only active activities: a draft or a retired activity linking it is not flagged.
  t.strictSame(await r.findingsOf('Remote access, draft', body({ status: 'draft' })), []);
  const registerWide = await call(app, 'GET', '/v1/register/findings?code=retired-entry-linked');
  t.equal(registerWide.data.total, 2, 'one finding per retired entry, register-wide');
  t.same(
    registerWide.data.findings
      .find((f: any) => f.entity.id === oldMeasure.id)
      .activities.map((a: any) => a.name)
      .sort(),
    ['Remote access', 'Remote access, still'],
  );

  // Retirement in the future is not yet retirement; reinstating clears the finding.
  await retire('security-measures', oldMeasure.id, new Date(Date.now() + 86_400_000).toISOString());
  await retire('legal-bases', oldBasis.id, null);
  t.strictSame(await r.findingsOf('Remote access, again', body()), []);
});

t.test('retiredAt on every building block: set, cleared, filtered, validated', async (t) => {
  const app = await buildTestApp(t);
  const past = '2026-03-31T00:00:00.000Z';
  const bodies: Record<string, Record<string, unknown>> = {
    organisations: { name: 'Old hoster', roles: ['processor'] },
    purposes: { name: 'Old purpose' },
    'legal-bases': { code: 'nl-x-old', name: 'Old law', kind: 'lawful-basis', article: 'Art. 2', jurisdiction: 'NL' },
    'data-subject-categories': { name: 'Old subjects' },
    'data-categories': { name: 'Old data' },
    'collection-channels': { name: 'Old form', sourceType: 'data-subject', mechanism: 'web-form' },
    recipients: { name: 'Old recipient', kind: 'processor', category: 'hosting-provider', country: 'NL' },
    'retention-rules': { name: 'Old rule', duration: 'P1Y', startEvent: 'collection' },
    'security-measures': { name: 'Old measure', type: 'technical' },
  };
  for (const [path, body] of Object.entries(bodies)) {
    const inUse = await create(app, path, { ...body, name: `${body.name} in use` });
    t.equal(inUse.retiredAt, null, `${path}: in use by default`);
    const retired = await create(app, path, { ...body, code: body.code ? `${body.code}-2` : undefined, retiredAt: past });
    t.equal(retired.retiredAt, past, `${path}: created retired`);
    const onlyRetired = await call(app, 'GET', `/v1/${path}?retired=true`);
    t.same(
      onlyRetired.data.items.map((item: any) => item.id),
      [retired.id],
      `${path}?retired=true`,
    );
    const onlyInUse = await call(app, 'GET', `/v1/${path}?retired=false&limit=100`);
    t.ok(
      onlyInUse.data.items.some((item: any) => item.id === inUse.id) && !onlyInUse.data.items.some((item: any) => item.id === retired.id),
      `${path}?retired=false`,
    );
    const reinstated = await call(app, 'PATCH', `/v1/${path}/${retired.id}`, { retiredAt: null });
    t.equal(reinstated.data.retiredAt, null, `${path}: reinstated`);
    const bad = await call(app, 'PATCH', `/v1/${path}/${retired.id}`, { retiredAt: 'last spring' });
    t.equal(bad.statusCode, 400, `${path}: a non-date is refused`);
    t.match(bad.data.errors, [{ in: 'body', path: '/retiredAt' }]);
  }
  const badFilter = await call(app, 'GET', '/v1/purposes?retired=maybe');
  t.equal(badFilter.statusCode, 400);
});
