import t from 'tap';
import { buildTestApp, create } from '../helper';
import { cleanRegister, codesOf } from './fixtures/clean-register';

t.test('legal bases, legitimate interests and Art. 9/10 conditions, each with and without the defect', async (t) => {
  const app = await buildTestApp(t);
  const r = await cleanRegister(app);
  const purposes = (legalBasisIds: string[], extra: Record<string, unknown> = {}) => ({
    purposes: [{ purposeId: r.purpose.id, legalBasisIds, ...extra }],
  });

  // legal-basis-missing: no basis at all, or only a national one.
  const none = await r.findingsOf('No basis', purposes([]));
  t.strictSame(codesOf(none), ['legal-basis-missing']);
  t.match(none[0], { severity: 'error', field: '/purposes/0/legalBases', explanation: /^Art\. 6\(1\) GDPR: .*"Order handling"/ });
  const national = await create(app, 'legal-bases', {
    code: 'nl-test-duty',
    name: 'Test duty',
    kind: 'lawful-basis',
    article: 'Art. 1 Test Act',
    jurisdiction: 'NL',
  });
  const nationalOnly = await r.findingsOf('National basis only', purposes([national.id]));
  t.strictSame(codesOf(nationalOnly), ['legal-basis-missing']);
  t.match(nationalOnly[0].explanation, /nl-test-duty.*Art\. 6\(3\)/);
  t.strictSame(await r.findingsOf('National with Art. 6', purposes([r.lb['gdpr-6-1-c'], national.id])), []);
  t.strictSame(
    await r.findingsOf('Processor without basis', { role: 'processor', ...purposes([]) }),
    [],
    'a processor follows the controller: no basis of its own needed',
  );

  // legitimate-interest-undocumented: the interest, then the assessment reference.
  const bare = await r.findingsOf('Bare interests', purposes([r.lb['gdpr-6-1-f']]));
  t.strictSame(codesOf(bare), ['legitimate-interest-undocumented']);
  t.match(bare[0], {
    severity: 'warning',
    field: '/purposes/0/legitimateInterest',
    explanation: /^Art\. 6\(1\)\(f\).*records neither the interest pursued nor a reference/,
  });
  const noReference = await r.findingsOf(
    'Interest without assessment',
    purposes([r.lb['gdpr-6-1-f']], { legitimateInterest: 'Fraud prevention' }),
  );
  t.strictSame(codesOf(noReference), ['legitimate-interest-undocumented']);
  t.equal(noReference[0].field, '/purposes/0/assessmentReference');
  t.match(noReference[0].explanation, /records no reference to the balancing test/);
  t.strictSame(
    await r.findingsOf(
      'Documented interests',
      purposes([r.lb['gdpr-6-1-f']], { legitimateInterest: 'Fraud prevention', assessmentReference: 'LIA-1' }),
    ),
    [],
  );

  // special-category-condition-missing: Art. 9 data needs an Art. 9(2) condition.
  const health = await create(app, 'data-categories', { name: 'Health data', sensitivity: 'special' });
  const withHealth = (basis: string[]) => ({
    ...purposes(basis),
    dataCategories: [{ dataCategoryId: health.id, retentionRuleId: r.retention.id }],
    recipients: [{ recipientId: r.staff.id }],
  });
  const special = await r.findingsOf('Health without condition', withHealth([r.lb['gdpr-6-1-b']]));
  t.strictSame(codesOf(special), ['special-category-condition-missing']);
  t.match(special[0], { severity: 'error', field: '/dataCategories/0', explanation: /^Art\. 9\(1\) GDPR.*"Health data"/ });
  t.strictSame(await r.findingsOf('Health with explicit consent', withHealth([r.lb['gdpr-6-1-a'], r.lb['gdpr-9-2-a']])), []);

  // criminal-data-condition-missing: Art. 10 data needs its basis.
  const records = await create(app, 'data-categories', { name: 'Criminal records', sensitivity: 'criminal' });
  const withRecords = (basis: string[]) => ({
    ...purposes(basis),
    dataCategories: [{ dataCategoryId: records.id, retentionRuleId: r.retention.id }],
    recipients: [{ recipientId: r.staff.id }],
  });
  const criminal = await r.findingsOf('Records without basis', withRecords([r.lb['gdpr-6-1-c']]));
  t.strictSame(codesOf(criminal), ['criminal-data-condition-missing']);
  t.match(criminal[0], { severity: 'error', field: '/dataCategories/0', explanation: /^Art\. 10 GDPR.*"Criminal records"/ });
  t.strictSame(await r.findingsOf('Records with Art. 10', withRecords([r.lb['gdpr-6-1-c'], r.lb['gdpr-10']])), []);
});
