import t from 'tap';
import { buildTestApp, call, create } from '../helper';
import { cleanRegister, codesOf } from './fixtures/clean-register';

// The rules that read what a record states — an absence, a DPO requirement, joint control,
// automated decisions, a retention not stated, a framework — each with and without the defect.

t.test('stated absences silence a gap, and the record’s own links contradicting one are an error', async (t) => {
  const app = await buildTestApp(t);
  const r = await cleanRegister(app);

  // "No recipients outside the organisation" is an answer; an empty list is not.
  t.strictSame(codesOf(await r.findingsOf('Nobody told', { recipients: [] })), ['recipients-missing']);
  t.strictSame(await r.findingsOf('Nobody outside', { recipients: [], statedAbsences: ['external-recipients'] }), []);
  const processor = await create(app, 'recipients', {
    name: 'Mail house',
    kind: 'processor',
    category: 'other',
    country: 'NL',
    processingAgreementRef: 'DPA-1',
  });
  const outside = await r.findingsOf('Says nobody outside, links a processor', {
    recipients: [{ recipientId: r.staff.id }, { recipientId: processor.id }],
    statedAbsences: ['external-recipients'],
  });
  t.strictSame(codesOf(outside), ['stated-absence-contradicted']);
  t.match(outside[0], {
    severity: 'error',
    field: '/recipients/0', // the activity lists its recipients by name
    explanation: /no recipient outside the organisation.*"Mail house" \(processor\)/,
    resolution: /external-recipients/,
  });
  t.strictSame(
    await r.findingsOf('Says nobody outside, links own staff', { statedAbsences: ['external-recipients'] }),
    [],
    'an internal recipient does not contradict it',
  );

  // No special categories / criminal data, yet such a category is linked (with its condition, so only the contradiction shows).
  const health = await create(app, 'data-categories', { name: 'Health data', sensitivity: 'special' });
  const offences = await create(app, 'data-categories', { name: 'Offences', sensitivity: 'criminal' });
  const special = await r.findingsOf('Says no health data', {
    purposes: [{ purposeId: r.purpose.id, legalBasisIds: [r.lb['gdpr-6-1-a'], r.lb['gdpr-9-2-a']] }],
    dataCategories: [{ dataCategoryId: health.id, retentionRuleId: r.retention.id }],
    recipients: [{ recipientId: r.staff.id }],
    statedAbsences: ['special-categories'],
    dpiaRequired: true,
    dpiaReference: 'DPIA-1',
  });
  t.strictSame(codesOf(special), ['stated-absence-contradicted']);
  t.match(special[0], {
    field: '/dataCategories/0',
    explanation: /states that it processes no special categories.*"Health data" \(special\)/,
  });
  const criminal = await r.findingsOf('Says no offences', {
    purposes: [{ purposeId: r.purpose.id, legalBasisIds: [r.lb['gdpr-6-1-b'], r.lb['gdpr-10']] }],
    dataCategories: [{ dataCategoryId: offences.id, retentionRuleId: r.retention.id }],
    recipients: [{ recipientId: r.staff.id }],
    statedAbsences: ['criminal-data'],
  });
  t.strictSame(codesOf(criminal), ['stated-absence-contradicted']);
  t.match(criminal[0].explanation, /"Offences" \(criminal\)/);
  t.strictSame(
    await r.findingsOf('Says no offences, has none', { statedAbsences: ['criminal-data', 'special-categories'] }),
    [],
    'a true statement is no finding',
  );

  // No transfers, yet a recipient outside the EEA, or a transfer: the contradiction replaces transfer-not-recorded.
  const usHost = await create(app, 'recipients', {
    name: 'US host',
    kind: 'processor',
    category: 'hosting-provider',
    country: 'US',
    processingAgreementRef: 'DPA-2',
  });
  const silent = await r.findingsOf('Says no transfers, US host', {
    recipients: [{ recipientId: usHost.id }],
    statedAbsences: ['transfers'],
  });
  t.strictSame(codesOf(silent), ['stated-absence-contradicted']);
  t.match(silent[0], { field: '/recipients/0', explanation: /no data goes outside the EEA, yet "US host" \(US\)/ });
  const recorded = await r.findingsOf('Says no transfers, records one', {
    recipients: [{ recipientId: usHost.id }],
    transfers: [{ recipientId: usHost.id, country: 'US', mechanismId: r.lb['gdpr-45'], safeguard: 'Data Privacy Framework' }],
    statedAbsences: ['transfers'],
  });
  t.strictSame(codesOf(recorded), ['stated-absence-contradicted']);
  t.match(recorded[0], { field: '/transfers/0' });
  const unrelated = await r.findingsOf('US host, no statement', { recipients: [{ recipientId: usHost.id }] });
  t.strictSame(codesOf(unrelated), ['transfer-not-recorded'], 'without the statement it is the ordinary gap');
});

t.test('a DPO that must be designated: a public body, a stated requirement, a Union institution', async (t) => {
  const app = await buildTestApp(t);
  const r = await cleanRegister(app);
  const controller = async (name: string, fields: Record<string, unknown>) =>
    create(app, 'organisations', { name, roles: ['controller'], country: 'NL', privacyContactEmail: 'privacy@example.org', ...fields });
  const dpoFindings = async (name: string, organisation: { id: string }) =>
    (await r.findingsOf(name, { controllerIds: [organisation.id] })).filter((f) => f.code === 'dpo-missing');

  const city = await controller('City of Example', { publicBody: true });
  const [cityFinding, ...none] = await dpoFindings('Parking permits', city);
  t.strictSame(none, []);
  t.match(cityFinding, {
    severity: 'error',
    entity: { resource: 'organisations', id: city.id, name: 'City of Example' },
    field: '/dpoName',
    explanation:
      /^Art\. 37\(1\) and 30\(1\)\(a\) GDPR: a public authority or body must designate a data protection officer \(Art\. 37\(1\)\(a\)\)/,
  });
  await call(app, 'PATCH', `/v1/organisations/${city.id}`, {
    contacts: [{ role: 'dpo', title: 'Data protection officer', email: 'dpo@city.example' }],
  });
  t.strictSame(await dpoFindings('Parking fines', city), [], 'a DPO contact (by title) is a DPO');

  const monitor = await controller('Monitoring Ltd', { dpoRequired: 'yes', dpoRequiredReason: 'large-scale monitoring (Art. 37(1)(b))' });
  t.match(
    (await dpoFindings('CCTV', monitor))[0].explanation,
    /states that it must designate a data protection officer \(large-scale monitoring/,
  );
  await call(app, 'PATCH', `/v1/organisations/${monitor.id}`, { dpoName: 'J. Jansen', dpoEmail: 'dpo@monitoring.example' });
  t.strictSame(await dpoFindings('CCTV 2', monitor), []);

  const shop = await controller('Small shop', { dpoRequired: 'no' });
  t.strictSame(await dpoFindings('Orders', shop), [], 'no requirement, no finding');
  const unknown = await controller('Unknown', {});
  t.strictSame(await dpoFindings('Orders 2', unknown), [], 'a requirement not stated is not assumed');

  const agency = await controller('European Example Agency', { framework: 'eudpr', country: 'BE' });
  const [agencyFinding] = await dpoFindings('Staff selection', agency);
  t.match(
    agencyFinding!.explanation,
    /^Art\. 43\(1\) and 31\(1\)\(a\) Regulation \(EU\) 2018\/1725: every Union institution and body must designate/,
  );
});

t.test('joint controllers: two or more, with their arrangement; a processor is not a controller', async (t) => {
  const app = await buildTestApp(t);
  const r = await cleanRegister(app);
  const partner = await create(app, 'organisations', {
    name: 'Partner B.V.',
    roles: ['joint-controller'],
    country: 'NL',
    privacyContactEmail: 'privacy@partner.example',
  });
  const alone = await r.findingsOf('Joint, alone', { role: 'joint-controller' });
  t.strictSame(codesOf(alone), ['joint-controller-alone']);
  t.match(alone[0], { severity: 'error', field: '/controllers', explanation: /^Art\. 26\(1\) GDPR: .*with one controller/ });
  const byRelationship = await r.findingsOf('Joint by relationship, alone', { controllerIds: [{ id: r.org.id, relationship: 'joint' }] });
  t.strictSame(codesOf(byRelationship), ['joint-controller-alone'], 'a controller linked as joint makes the record joint');

  const together = { role: 'joint-controller', controllerIds: [r.org.id, partner.id] };
  const noArrangement = await r.findingsOf('Joint, no arrangement', together);
  t.strictSame(codesOf(noArrangement), ['joint-arrangement-missing']);
  t.match(noArrangement[0], { severity: 'warning', field: '/jointArrangementRef', explanation: /^Art\. 26\(1\) and 26\(2\) GDPR/ });
  t.strictSame(
    await r.findingsOf('Joint, arranged', {
      ...together,
      jointArrangementRef: 'JCA-2026-1',
      jointArrangementEssence: 'Published at https://partner.example/joint',
    }),
    [],
  );
  t.strictSame(
    await r.findingsOf('Separate controllers', {
      controllerIds: [
        { id: r.org.id, relationship: 'separate' },
        { id: partner.id, relationship: 'separate' },
      ],
    }),
    [],
    'separate controllers need no arrangement',
  );

  const processor = await create(app, 'organisations', { name: 'Hosting Co', roles: ['processor'], country: 'NL' });
  const refused = await call(
    app,
    'POST',
    '/v1/processing-activities',
    r.activity('Processor as controller', { controllerIds: [processor.id] }),
  );
  t.equal(refused.statusCode, 422, 'an organisation recorded only as a processor is not accepted as a controller');
  t.match(refused.data.errors, [{ path: '/controllerIds/0', message: /is not a controller.*its roles: processor/ }]);
});

t.test('automated decisions, retention not stated, and processor agreements by status', async (t) => {
  const app = await buildTestApp(t);
  const r = await cleanRegister(app);
  const decisions = await r.findingsOf('Automated credit limits', {
    automatedDecisions: 'yes',
    automatedDecisionLogic: 'A score from payment history',
  });
  t.strictSame(codesOf(decisions), ['automated-decision-safeguards-missing']);
  t.match(decisions[0], {
    severity: 'warning',
    field: '/automatedDecisionSafeguards',
    explanation: /^Art\. 22\(3\) and 13\(2\)\(f\) GDPR/,
  });
  t.strictSame(
    await r.findingsOf('Automated, safeguarded', {
      automatedDecisions: 'yes',
      automatedDecisionSafeguards: 'A person reviews every refusal on request',
    }),
    [],
  );
  t.strictSame(await r.findingsOf('No automated decisions', { automatedDecisions: 'no' }), []);

  const unstated = await create(app, 'retention-rules', { name: 'Not stated', kind: 'not-stated' });
  const unknownRetention = await r.findingsOf('Retention unknown', {
    dataCategories: [{ dataCategoryId: r.category.id, retentionRuleId: unstated.id, sourceChannelIds: [r.channel.id] }],
  });
  t.strictSame(codesOf(unknownRetention), ['retention-not-stated'], 'not retention-missing: the rule is there, and says nothing');
  t.match(unknownRetention[0], { entity: { resource: 'retention-rules', id: unstated.id }, field: '/kind' });
  const whole = await r.findingsOf('Retention for the whole activity', {
    dataCategories: [{ dataCategoryId: r.category.id, sourceChannelIds: [r.channel.id] }],
    retentionRuleIds: [r.retention.id],
  });
  t.strictSame(whole, [], 'a retention stated for the activity as a whole covers its categories');
  t.strictSame(
    codesOf(
      await r.findingsOf('No retention at all', { dataCategories: [{ dataCategoryId: r.category.id, sourceChannelIds: [r.channel.id] }] }),
    ),
    ['retention-missing'],
  );

  const agreement = async (name: string, fields: Record<string, unknown>) => {
    const recipient = await create(app, 'recipients', { name, kind: 'processor', category: 'other', country: 'NL', ...fields });
    return r.findingsOf(`Shared with ${name}`, { recipients: [{ recipientId: recipient.id }] });
  };
  const negotiating = await agreement('Negotiating', { processingAgreementStatus: 'in-negotiation' });
  t.strictSame(codesOf(negotiating), ['processor-agreement-missing']);
  t.match(negotiating[0].explanation, /"Negotiating" is still being negotiated/);
  t.match((await agreement('Unstated', {}))[0].explanation, /"Unstated" is not recorded/);
  t.strictSame(await agreement('Not needed', { processingAgreementStatus: 'not-needed' }), []);
  t.strictSame(await agreement('Signed', { processingAgreementStatus: 'signed', processingAgreementDate: '2025-03-01' }), []);
});

t.test('transfers by destination, a register-wide mechanism, and the framework’s own articles', async (t) => {
  const app = await buildTestApp(t);
  const r = await cleanRegister(app);
  const who = await create(app, 'recipients', { name: 'WHO', kind: 'public-authority', category: 'other' });
  const withTransfer = (transfer: Record<string, unknown>) => ({
    recipients: [{ recipientId: who.id }],
    transfers: [{ recipientId: who.id, ...transfer }],
  });
  const organisationNoMechanism = await r.findingsOf(
    'To an international organisation',
    withTransfer({ internationalOrganisation: 'WHO' }),
  );
  t.strictSame(codesOf(organisationNoMechanism), ['transfer-mechanism-missing']);
  t.match(organisationNoMechanism[0].explanation, /the transfer to "WHO" \(WHO\)/);
  const worldwideAdequacy = await r.findingsOf(
    'Worldwide on adequacy',
    withTransfer({ destination: 'worldwide', mechanismId: r.lb['gdpr-45'] }),
  );
  t.strictSame(codesOf(worldwideAdequacy), ['adequacy-decision-missing']);
  t.match(worldwideAdequacy[0].explanation, /but worldwide has no adequacy decision/);
  t.strictSame(
    codesOf(await r.findingsOf('Destination not stated', withTransfer({}))),
    ['transfer-mechanism-missing'],
    'a destination not stated may be outside the EEA: the mechanism is still asked for',
  );

  // One mechanism for all the controller's transfers ("all transfers under SCC 2021/914").
  await call(app, 'PATCH', `/v1/organisations/${r.org.id}`, {
    transferMechanismId: r.lb['gdpr-46-2-c'],
    transferMechanismNote: 'All transfers take place under the SCCs of Decision 2021/914',
  });
  t.strictSame(await r.findingsOf('Covered by the register-wide mechanism', withTransfer({ internationalOrganisation: 'WHO' })), []);
  const notAMechanism = await call(app, 'PATCH', `/v1/organisations/${r.org.id}`, { transferMechanismId: r.lb['gdpr-6-1-b'] });
  t.equal(notAMechanism.statusCode, 422, 'a lawful basis is not a transfer mechanism');

  // Regulation 2018/1725: its own article numbers, its own Art. 5(1) grounds recorded as the institution's bases.
  const agency = await create(app, 'organisations', {
    name: 'European Example Agency',
    roles: ['controller'],
    country: 'BE',
    framework: 'eudpr',
    dpoName: 'The DPO',
    dpoEmail: 'dpo@agency.example',
  });
  const publicTask = await create(app, 'legal-bases', {
    code: 'eudpr-5-1-a',
    name: 'Task in the public interest',
    kind: 'lawful-basis',
    article: 'Art. 5(1)(a) Regulation (EU) 2018/1725',
    jurisdiction: 'EU',
  });
  const institution = await r.findingsOf('Agency staff records', {
    controllerIds: [agency.id],
    purposes: [{ purposeId: r.purpose.id, legalBasisIds: [publicTask.id] }],
    securityMeasureIds: [],
  });
  t.strictSame(codesOf(institution), ['security-measures-missing'], 'its Art. 5(1) basis counts as lawful');
  t.match(institution[0].explanation, /^Art\. 31\(1\)\(g\) Regulation \(EU\) 2018\/1725: .*\(Art\. 33 Regulation \(EU\) 2018\/1725\)/);
});

t.test('"security measures: none" is an answer, still a warning, and contradicted by a linked measure', async (t) => {
  const app = await buildTestApp(t);
  const r = await cleanRegister(app);
  const none = await r.findingsOf('Says it takes no measures', { securityMeasureIds: [], statedAbsences: ['security-measures'] });
  t.strictSame(codesOf(none), ['security-measures-missing']);
  t.match(none[0], { severity: 'warning', explanation: /states that it takes none/, resolution: /Take measures/ });
  const silent = await r.findingsOf('Links no measures', { securityMeasureIds: [] });
  t.match(silent[0], { code: 'security-measures-missing', explanation: /links none/ });
  const contradicted = await r.findingsOf('Says none, links one', { statedAbsences: ['security-measures'] });
  t.strictSame(codesOf(contradicted), ['stated-absence-contradicted']);
  t.match(contradicted[0], { field: '/securityMeasures/0', explanation: /states that it takes no security measures, yet links one/ });
});

t.test('"Verwerker: nee" is contradicted by a linked processor, not by another recipient', async (t) => {
  const app = await buildTestApp(t);
  const r = await cleanRegister(app);
  t.strictSame(
    await r.findingsOf('No processor, own staff', { statedAbsences: ['processors'] }),
    [],
    'an internal recipient is no processor',
  );
  const processor = await create(app, 'recipients', {
    name: 'Print shop',
    kind: 'processor',
    category: 'other',
    country: 'NL',
    processingAgreementStatus: 'signed',
  });
  const contradicted = await r.findingsOf('No processor, links one', {
    recipients: [{ recipientId: r.staff.id }, { recipientId: processor.id }],
    statedAbsences: ['processors'],
  });
  t.strictSame(codesOf(contradicted), ['stated-absence-contradicted']);
  // Recipients are listed by name: the print shop comes first.
  t.match(contradicted[0], {
    field: '/recipients/0',
    explanation: /states that no processor handles the data, yet links the processor "Print shop"/,
  });
});
