import t from 'tap';
import { buildTestApp, call, create, legalBasisId } from '../helper';

/** What a real register states, recorded as it states it — and only that. */

t.test('a record keeps its own metadata, and what it does not state stays unstated', async (t) => {
  const app = await buildTestApp(t);
  const created = await create(app, 'processing-activities', {
    name: 'Access to documents',
    reference: 'EDA-DPR-054',
    businessFunction: 'Legal Office',
    recordGroup: 'Transparency',
    adoptedOn: '2018-07-12',
    lastReviewedOn: '2022-09-02',
    language: 'en',
    sourceUrl: 'https://eda.europa.eu/register/eda-dpo-54',
    sourcePhrase: 'Reference number EDA-DPR-054 - Access to documents',
    internalNote: 'Checked against the 2022 version',
    statedAbsences: ['special-categories', 'transfers'],
  });
  t.match(created, {
    reference: 'EDA-DPR-054',
    businessFunction: 'Legal Office',
    recordGroup: 'Transparency',
    adoptedOn: '2018-07-12',
    lastReviewedOn: '2022-09-02',
    language: 'en',
    sourceUrl: 'https://eda.europa.eu/register/eda-dpo-54',
    sourcePhrase: 'Reference number EDA-DPR-054 - Access to documents',
    internalNote: 'Checked against the 2022 version',
    statedAbsences: ['special-categories', 'transfers'],
    automatedDecisions: 'not-stated',
    dpiaRequired: null,
  });
  const bad = await call(app, 'POST', '/v1/processing-activities', { name: 'x', statedAbsences: ['nothing'], automatedDecisions: 'maybe' });
  t.equal(bad.statusCode, 400);
  t.same(bad.data.errors.map((e: { path: string }) => e.path).sort(), ['/automatedDecisions', '/statedAbsences/0']);
});

t.test(
  'controllers: only organisations that are controllers, each with its relationship; joint controllers and their arrangement',
  async (t) => {
    const app = await buildTestApp(t);
    const commission = await create(app, 'organisations', { name: 'European Commission', roles: ['controller'] });
    const agency = await create(app, 'organisations', { name: 'European Defence Agency', roles: ['joint-controller'] });
    const host = await create(app, 'organisations', { name: 'Host Ltd', roles: ['processor'] });
    const unstated = await create(app, 'organisations', { name: 'Somebody' });

    const refused = await call(app, 'POST', '/v1/processing-activities', { name: 'x', controllerIds: [host.id] });
    t.equal(refused.statusCode, 422, 'a processor is refused as a controller');
    t.match(refused.data.errors, [{ path: '/controllerIds/0', message: /is not a controller.*\(its roles: processor\)/ }]);

    const joint = await create(app, 'processing-activities', {
      name: 'Expert management',
      role: 'joint-controller',
      controllerIds: [{ id: agency.id, relationship: 'joint' }, { id: commission.id, relationship: 'joint' }, unstated.id],
      jointArrangementRef: 'JCA-2024-03',
      jointArrangementEssence: 'Published on the agency website',
    });
    t.same(
      joint.controllers.map((c: { name: string; relationship: string }) => [c.name, c.relationship]),
      [
        ['European Commission', 'joint'],
        ['European Defence Agency', 'joint'],
        ['Somebody', 'not-stated'],
      ],
    );
    const twice = await call(app, 'POST', '/v1/processing-activities', { name: 'y', controllerIds: [agency.id, { id: agency.id }] });
    t.equal(twice.statusCode, 400, 'the same controller twice');
    t.match(twice.data.errors, [{ path: '/controllerIds/1', message: 'appears more than once' }]);
  },
);

t.test('legal bases: a note per basis, and bases stated for the activity as a whole', async (t) => {
  const app = await buildTestApp(t);
  const publicTask = await legalBasisId(app, 'gdpr-6-1-e');
  const obligation = await legalBasisId(app, 'gdpr-6-1-c');
  const adequacy = await legalBasisId(app, 'gdpr-45');
  const purpose = await create(app, 'purposes', { name: 'Answering questions from citizens' });
  const activity = await create(app, 'processing-activities', {
    name: 'Reproductions',
    purposes: [{ purposeId: purpose.id, legalBasisIds: [{ id: publicTask.valueOf(), note: 'Decreet over het lokaal bestuur, Art. 2' }] }],
    legalBasisIds: [obligation],
  });
  t.match(activity.purposes[0].legalBases, [{ code: 'gdpr-6-1-e', note: 'Decreet over het lokaal bestuur, Art. 2' }]);
  t.match(activity.legalBases, [{ code: 'gdpr-6-1-c', note: null }]);
  const found = (await call(app, 'GET', `/v1/processing-activities?legalBasisId=${obligation}`)).data;
  t.equal(found.total, 1, 'the list finds an activity by a basis it states for itself');
  const rights = Object.fromEntries(activity.rights.map((r: { code: string; applies: boolean }) => [r.code, r.applies]));
  t.equal(rights.erasure, false, 'bases stated for the activity count for its purposes: erasure excluded for obligation/public task only');

  const mechanism = await call(app, 'POST', '/v1/processing-activities', { name: 'x', legalBasisIds: [adequacy] });
  t.equal(mechanism.statusCode, 422);
  t.match(mechanism.data.errors, [{ path: '/legalBasisIds/0', message: /transfer mechanism/ }]);
});

t.test('transfers: to a country, an international organisation, worldwide, onward through a processor', async (t) => {
  const app = await buildTestApp(t);
  const processor = await create(app, 'recipients', { name: 'Payment processor', kind: 'processor' });
  const bureau = await create(app, 'recipients', { name: 'Credit bureaus', kind: 'independent-controller' });
  const who = await create(app, 'recipients', { name: 'WHO', kind: 'public-authority' });
  const activity = await create(app, 'processing-activities', {
    name: 'Payments',
    recipients: [{ recipientId: processor.id }, { recipientId: bureau.id }, { recipientId: who.id }],
    transfers: [
      { recipientId: processor.id, country: 'US' },
      { recipientId: processor.id, country: 'IN' },
      { recipientId: who.id, internationalOrganisation: 'World Health Organization' },
      { recipientId: bureau.id, destination: 'worldwide', viaRecipientId: processor.id },
      { recipientId: bureau.id },
    ],
  });
  const rows = (transfers: any[]) =>
    transfers.map((x) => [x.recipient.name, x.destination, x.country, x.internationalOrganisation, x.via?.name ?? null]);
  const byText = (a: unknown[], b: unknown[]) => JSON.stringify(a).localeCompare(JSON.stringify(b));
  t.same(
    rows(activity.transfers).sort(byText),
    [
      ['Credit bureaus', 'worldwide', null, null, 'Payment processor'],
      ['Credit bureaus', 'not-stated', null, null, null],
      ['Payment processor', 'country', 'IN', null, null],
      ['Payment processor', 'country', 'US', null, null],
      ['WHO', 'international-organisation', null, 'World Health Organization', null],
    ].sort(byText),
    'several countries are several transfers; a destination is inferred from what is stated, else not stated',
  );
  t.same(
    rows(activity.transfers)
      .map((row) => [row[0], row[2]])
      .slice(2),
    [
      ['Payment processor', 'IN'],
      ['Payment processor', 'US'],
      ['WHO', null],
    ],
    'listed by recipient, then country',
  );
  const inconsistent = await call(app, 'POST', '/v1/processing-activities', {
    name: 'x',
    recipients: [{ recipientId: processor.id }],
    transfers: [
      { recipientId: processor.id, destination: 'worldwide', country: 'US' },
      { recipientId: processor.id, destination: 'international-organisation' },
      { recipientId: processor.id, destination: 'country', viaRecipientId: bureau.id, country: 'CH' },
    ],
  });
  t.equal(inconsistent.statusCode, 422);
  t.same(inconsistent.data.errors.map((e: { path: string }) => e.path).sort(), [
    '/transfers/0/country',
    '/transfers/1/internationalOrganisation',
    '/transfers/2/viaRecipientId',
  ]);
});

t.test('activity-level retention, automated decisions, stated absences', async (t) => {
  const app = await buildTestApp(t);
  const rule = await create(app, 'retention-rules', { name: 'As long as necessary', kind: 'as-long-as-necessary' });
  const activity = await create(app, 'processing-activities', {
    name: 'Postgraduate students',
    retentionRuleIds: [rule.id],
    automatedDecisions: 'yes',
    automatedDecisionLogic: 'A score from grades',
  });
  t.match(activity.retentionRules, [{ id: rule.id, kind: 'as-long-as-necessary', duration: null }]);
  t.equal((await call(app, 'GET', `/v1/processing-activities?retentionRuleId=${rule.id}`)).data.total, 1);
  const adm = activity.rights.find((r: { code: string }) => r.code === 'automated-decision-making');
  t.match(adm, { applies: true, reason: /states automated decision-making/ });
  const none = await create(app, 'processing-activities', { name: 'No automated decisions', automatedDecisions: 'no' });
  t.match(
    none.rights.find((r: { code: string }) => r.code === 'automated-decision-making'),
    { applies: false },
  );
});
