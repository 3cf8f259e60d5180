import t from 'tap';
import { buildTestApp, call, create } from '../helper';
import { cleanRegister, codesOf } from './fixtures/clean-register';

t.test('Art. 30 completeness rules, each with and without the defect', async (t) => {
  const app = await buildTestApp(t);
  const r = await cleanRegister(app);

  t.strictSame(await r.findingsOf('Clean'), [], 'the clean activity has no findings');

  // controller-missing: Art. 30(1)(a) for controllers, 30(2)(a) for processors.
  const noController = await r.findingsOf('No controller', { controllerIds: [] });
  t.strictSame(codesOf(noController), ['controller-missing']);
  t.match(noController[0], {
    code: 'controller-missing',
    severity: 'error',
    entity: { resource: 'processing-activities', id: noController.activityId, name: 'No controller' },
    field: '/controllers',
    activities: [{ id: noController.activityId, name: 'No controller' }],
    explanation: /^Art\. 30\(1\)\(a\) GDPR: .*"No controller"/,
    resolution: /controllerIds/,
  });
  const processorWithout = await r.findingsOf('Processing for a client', {
    role: 'processor',
    controllerIds: [],
    description: 'Hosting for a client',
  });
  t.strictSame(codesOf(processorWithout), ['controller-missing']);
  t.match(processorWithout[0].explanation, /^Art\. 30\(2\)\(a\)/);

  // controller-contact-missing: no email, privacy contact or DPO email; any one of them will do.
  const silent = await create(app, 'organisations', { name: 'Silent Ltd.', roles: ['controller'] });
  const silentFindings = await r.findingsOf('Silent controller', { controllerIds: [silent.id] });
  t.strictSame(codesOf(silentFindings), ['controller-contact-missing']);
  t.match(silentFindings[0], {
    severity: 'error',
    entity: { resource: 'organisations', id: silent.id, name: 'Silent Ltd.' },
    field: '/privacyContactEmail',
    activities: [{ name: 'Silent controller' }],
    explanation: /Art\. 30\(1\)\(a\)/,
  });
  const withEmail = await create(app, 'organisations', { name: 'Mail Ltd.', email: 'info@mail.example' });
  const withDpo = await create(app, 'organisations', { name: 'Dpo Ltd.', dpoEmail: 'dpo@dpo.example' });
  t.strictSame(await r.findingsOf('Controller with email', { controllerIds: [withEmail.id] }), [], 'email is a contact');
  t.strictSame(await r.findingsOf('Controller with DPO', { controllerIds: [withDpo.id] }), [], 'DPO email is a contact');

  // purpose-missing: a processor's description of the processing will do (Art. 30(2)(b)).
  const noPurpose = await r.findingsOf('No purpose', { purposes: [] });
  t.strictSame(codesOf(noPurpose), ['purpose-missing']);
  t.match(noPurpose[0], { severity: 'error', field: '/purposes', explanation: /^Art\. 30\(1\)\(b\)/ });
  t.strictSame(
    await r.findingsOf('Processor with description', { role: 'processor', purposes: [], description: 'Backups for a client' }),
    [],
  );
  const bareProcessor = await r.findingsOf('Bare processor', { role: 'processor', purposes: [] });
  t.strictSame(codesOf(bareProcessor), ['purpose-missing']);
  t.match(bareProcessor[0].explanation, /^Art\. 30\(2\)\(b\)/);

  // data-subjects-missing and data-categories-missing: Art. 30(1)(c), controllers only.
  const noSubjects = await r.findingsOf('No data subjects', { dataSubjectCategoryIds: [] });
  t.strictSame(codesOf(noSubjects), ['data-subjects-missing']);
  t.match(noSubjects[0], { severity: 'error', field: '/dataSubjectCategories', explanation: /Art\. 30\(1\)\(c\)/ });
  const noCategories = await r.findingsOf('No data categories', { dataCategories: [], recipients: [{ recipientId: r.staff.id }] });
  t.strictSame(codesOf(noCategories), ['data-categories-missing']);
  t.match(noCategories[0], { severity: 'error', field: '/dataCategories', explanation: /Art\. 30\(1\)\(c\)/ });
  t.strictSame(
    await r.findingsOf('Processor without subjects and categories', {
      role: 'processor',
      dataSubjectCategoryIds: [],
      dataCategories: [],
      recipients: [],
    }),
    [],
    'Art. 30(2) asks neither of a processor',
  );

  // recipients-missing: Art. 30(1)(d), a warning.
  const noRecipients = await r.findingsOf('No recipients', { recipients: [] });
  t.strictSame(codesOf(noRecipients), ['recipients-missing']);
  t.match(noRecipients[0], { severity: 'warning', field: '/recipients', explanation: /Art\. 30\(1\)\(d\)/ });

  // retention-missing: per data category, Art. 30(1)(f).
  const noRetention = await r.findingsOf('No retention', {
    dataCategories: [{ dataCategoryId: r.category.id, sourceChannelIds: [r.channel.id] }],
  });
  t.strictSame(codesOf(noRetention), ['retention-missing']);
  t.match(noRetention[0], {
    severity: 'warning',
    field: '/dataCategories/0/retentionRule',
    explanation: /Art\. 30\(1\)\(f\).*"Contact details"/,
  });

  // security-measures-missing: Art. 30(1)(g), and 30(2)(d) for processors.
  const noMeasures = await r.findingsOf('No security measures', { securityMeasureIds: [] });
  t.strictSame(codesOf(noMeasures), ['security-measures-missing']);
  t.match(noMeasures[0], { severity: 'warning', field: '/securityMeasures', explanation: /^Art\. 30\(1\)\(g\)/ });
  const processorNoMeasures = await r.findingsOf('Processor without measures', { role: 'processor', securityMeasureIds: [] });
  t.match(processorNoMeasures[0].explanation, /^Art\. 30\(2\)\(d\)/);

  // A retired activity is not checked, however incomplete; a draft is.
  const retired = await r.findingsOf('Retired and empty', { status: 'retired', controllerIds: [], purposes: [], securityMeasureIds: [] });
  t.strictSame(retired, [], 'retired activities have no findings');
  const draft = await r.findingsOf('Draft and empty', { status: 'draft', securityMeasureIds: [] });
  t.strictSame(codesOf(draft), ['security-measures-missing'], 'drafts are checked');

  // Several defects at once: all reported, errors first.
  const many = await r.findingsOf('Many gaps', { controllerIds: [], purposes: [], recipients: [], securityMeasureIds: [] });
  t.strictSame(codesOf(many), ['controller-missing', 'purpose-missing', 'recipients-missing', 'security-measures-missing']);

  // The register endpoint sees them all; its summary counts per code.
  const register = await call(app, 'GET', '/v1/register/findings');
  t.equal(register.statusCode, 200);
  t.equal(register.data.total, register.data.findings.length);
  const count = (code: string) => register.data.summary.find((s: any) => s.code === code)?.count;
  t.equal(count('controller-missing'), 3);
  t.equal(count('purpose-missing'), 3);
  t.equal(count('security-measures-missing'), 4);
});
