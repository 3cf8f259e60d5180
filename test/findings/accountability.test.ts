import t from 'tap';
import { buildTestApp, create } from '../helper';
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
    explanation: /^Art\. 35\(1\) GDPR and WP248 rev\.01: .*meets 2 criteria \(sensitive data \(Art\. 9 or 10\); vulnerable data subjects\).*dpiaRequired is false/,
    resolution: /dpiaReference/,
  });
  t.strictSame(await r.findingsOf('School health records with DPIA', school(dpiaDone)), []);
  const requiredNoReference = await r.findingsOf('School health records, DPIA pending', school({ dpiaRequired: true }));
  t.strictSame(codesOf(requiredNoReference), ['dpia-not-recorded']);
  t.match(requiredNoReference[0], { field: '/dpiaReference', explanation: /no DPIA reference is recorded/ });

  // Tracking (third-party cookies) and matching datasets (a third-party source beside the data subject).
  const tracking = await create(app, 'collection-channels', {
    name: 'Ad network cookies', sourceType: 'observed', mechanism: 'cookie',
    cookie: { provider: 'AdCo', purpose: 'Cross-site advertising', lifetime: 'P1Y', party: 'third-party' },
  });
  const broker = await create(app, 'collection-channels', { name: 'Data broker feed', sourceType: 'third-party', mechanism: 'third-party-feed' });
  const profiling = await r.findingsOf('Ad profiling', { collectionChannelIds: [r.channel.id, tracking.id, broker.id] });
  t.strictSame(codesOf(profiling), ['dpia-not-recorded']);
  t.match(profiling[0].explanation, /systematic monitoring.*matching or combining datasets/);
  t.strictSame(await r.findingsOf('Ad profiling with DPIA', { collectionChannelIds: [r.channel.id, tracking.id, broker.id], ...dpiaDone }), []);

  // Credit scoring (a credit bureau among the recipients) and network-usage observation.
  const bureau = await create(app, 'recipients', { name: 'Credit bureau', kind: 'independent-controller', category: 'credit-bureau', country: 'NL' });
  const network = await create(app, 'collection-channels', { name: 'Network logs', sourceType: 'observed', mechanism: 'network-usage' });
  const scoring = { collectionChannelIds: [r.channel.id, network.id], recipients: [{ recipientId: bureau.id }] };
  const credit = await r.findingsOf('Credit scoring', scoring);
  t.strictSame(codesOf(credit), ['dpia-not-recorded']);
  t.match(credit[0].explanation, /evaluation or scoring \(credit bureaus\); systematic monitoring/);

  // One criterion alone is not "likely" under WP248's two-criteria rule of thumb.
  t.strictSame(await r.findingsOf('Network logs only', { collectionChannelIds: [r.channel.id, network.id] }), []);
  t.strictSame(await r.findingsOf('Bureau only', { recipients: [{ recipientId: bureau.id }] }), []);
  t.strictSame(await r.findingsOf('First-party cookies are not tracking', {
    collectionChannelIds: [r.channel.id, (await create(app, 'collection-channels', {
      name: 'Session cookie', sourceType: 'observed', mechanism: 'cookie',
      cookie: { provider: 'Acme', purpose: 'Login', lifetime: 'session', party: 'first-party' },
    })).id, broker.id],
  }), [], 'first-party cookie + broker: only the matching criterion');

  // A DPIA is the controller's duty (Art. 35): a processor's record is not flagged.
  t.strictSame(await r.findingsOf('Scoring for a client', { ...scoring, role: 'processor' }), []);

  // review-overdue: the review date has passed.
  const overdue = await r.findingsOf('Overdue review', { reviewDueAt: '2020-01-31' });
  t.strictSame(codesOf(overdue), ['review-overdue']);
  t.match(overdue[0], { severity: 'warning', field: '/reviewDueAt', explanation: /^Art\. 24\(1\) and 5\(2\) GDPR: .*due for review on 2020-01-31/ });
  t.strictSame(await r.findingsOf('Future review', { reviewDueAt: '2999-01-31' }), []);
  t.strictSame(await r.findingsOf('No review date', { reviewDueAt: null }), []);
});
