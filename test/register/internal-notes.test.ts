import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { authHeader, buildTestApp, call, create } from '../helper';

// Each entry keeps three texts apart: the source's own words (sourcePhrase), the public
// description, and the register keeper's internal note. Only the auditor's export shows the
// notes, and says so; every other representation leaves them out. Policies travel with the
// register, both ways.

const note = (what: string) => `INTERNAL ${what}: assumed, verify with the owner`;

async function register(app: FastifyInstance) {
  const organisation = await create(app, 'organisations', {
    name: 'Gemeente Voorbeeld',
    roles: ['controller'],
    country: 'NL',
    language: 'nl',
    publicBody: true,
    contacts: [{ role: 'dpo', title: 'Functionaris gegevensbescherming', email: 'fg@voorbeeld.nl' }],
    internalNote: note('organisation'),
  });
  const purpose = await create(app, 'purposes', {
    name: 'Parkeervergunningen',
    description: 'Handling parking permit applications',
    sourcePhrase: 'Behandelen van aanvragen parkeervergunning',
    internalNote: note('purpose'),
  });
  const retention = await create(app, 'retention-rules', {
    name: 'Archiefwet',
    kind: 'statutory',
    legalReference: 'Selectielijst gemeenten 2020, 1.1.2',
    internalNote: note('retention'),
  });
  const category = await create(app, 'data-categories', { name: 'Kenteken', internalNote: note('category') });
  const activity = await create(app, 'processing-activities', {
    name: 'Parkeren',
    controllerIds: [organisation.id],
    purposes: [{ purposeId: purpose.id, legalBasisIds: [] }],
    dataCategories: [{ dataCategoryId: category.id, retentionRuleId: retention.id }],
    internalNote: note('activity'),
  });
  const policy = await create(app, 'privacy-policies', {
    name: 'Privacyverklaring Gemeente Voorbeeld',
    organisationId: organisation.id,
    language: 'nl',
    url: 'https://voorbeeld.nl/privacy',
    lastChanged: '2025-05-01',
    contactEmail: 'privacy@voorbeeld.nl',
    responseDays: 28,
    rights: [
      { right: 'access', description: 'U mag uw gegevens inzien.', source: 'Recht op inzage' },
      { right: 'complaint', description: 'U kunt klagen bij de Autoriteit Persoonsgegevens.' },
    ],
    notes: [{ topic: 'cookies', text: 'Wij gebruiken alleen functionele cookies.' }],
  });
  return { organisation, purpose, retention, category, activity, policy };
}

const notes = ['organisation', 'purpose', 'retention', 'category', 'activity'].map(note);

t.test('the auditor’s export shows internal notes, marked; no other representation does', async (t) => {
  const app = await buildTestApp(t);
  await register(app);

  const plain = await call(app, 'GET', '/v1/register?state=working', undefined, 'reader');
  t.equal(plain.statusCode, 200);
  t.equal(plain.data.internalNotes, false);
  for (const text of notes) t.notOk(plain.body.includes(text), `the plain export leaves out: ${text}`);
  const activity = plain.data.controllerRegister.activities[0];
  t.match(activity.purposes[0], { sourcePhrase: 'Behandelen van aanvragen parkeervergunning', internalNote: null });
  t.match(activity.dataCategories[0].retention, {
    kind: 'statutory',
    duration: null,
    legalReference: 'Selectielijst gemeenten 2020, 1.1.2',
    internalNote: null,
  });

  t.equal(
    (await call(app, 'GET', '/v1/register?state=working&internalNotes=true', undefined, 'reader')).statusCode,
    403,
    'readers may not',
  );
  t.equal(
    (await call(app, 'GET', '/v1/register?state=working&internalNotes=true', undefined, 'editor')).statusCode,
    403,
    'editors may not',
  );
  const audit = await call(app, 'GET', '/v1/register?state=working&internalNotes=true', undefined, 'auditor');
  t.equal(audit.statusCode, 200);
  t.equal(audit.data.internalNotes, true, 'the document says it holds internal notes');
  for (const text of notes) t.ok(audit.body.includes(text), `the auditor's export holds: ${text}`);
  t.equal(audit.data.controllerRegister.activities[0].internalNote, note('activity'));
  t.equal(audit.data.organisations[0].internalNote, note('organisation'));

  const headers = await authHeader(app, 'auditor');
  for (const format of ['jsonld', 'csv']) {
    const response = await app.inject({ method: 'GET', url: `/v1/register?state=working&format=${format}`, headers });
    t.equal(response.statusCode, 200);
    for (const text of notes) t.notOk(response.body.includes(text), `${format} leaves out: ${text}`);
  }
  const notice = await app.inject({ method: 'GET', url: '/v1/privacy-notice?state=working', headers });
  t.equal(notice.statusCode, 200);
  for (const text of notes) t.notOk(notice.body.includes(text), `the privacy notice leaves out: ${text}`);
  const snapshot = await call(app, 'POST', '/v1/register/snapshots', {}, 'auditor');
  t.equal(snapshot.statusCode, 201);
  t.notOk(JSON.stringify(snapshot.data).includes('INTERNAL'), 'a signed snapshot is the public export');
});

t.test('policies and notes travel with the register; an export without notes leaves them alone', async (t) => {
  const source = await buildTestApp(t);
  const { policy } = await register(source);
  const withNotes = (await call(source, 'GET', '/v1/register?state=working&internalNotes=true', undefined, 'auditor')).data;
  t.equal(withNotes.privacyPolicies.length, 1);
  t.match(withNotes.privacyPolicies[0], {
    name: 'Privacyverklaring Gemeente Voorbeeld',
    organisation: { name: 'Gemeente Voorbeeld' },
    language: 'nl',
    lastChanged: '2025-05-01',
    responseDays: 28,
    rights: [{ right: 'access', source: 'Recht op inzage' }, { right: 'complaint' }],
    notes: [{ topic: 'cookies' }],
  });

  const target = await buildTestApp(t);
  const imported = await call(target, 'POST', '/v1/register/import', withNotes);
  t.equal(imported.statusCode, 200, imported.body.slice(0, 500));
  const policies = (await call(target, 'GET', '/v1/privacy-policies')).data.items;
  t.equal(policies.length, 1);
  const strip = ({ id: _id, organisationId: _o, organisation, createdAt: _c, updatedAt: _u, version: _v, ...rest }: any) => ({
    ...rest,
    organisation: organisation.name,
  });
  t.same(strip(policies[0]), strip(policy), 'the policy arrives as it was');
  const purposes = (await call(target, 'GET', '/v1/purposes')).data.items;
  t.equal(purposes[0].internalNote, note('purpose'), 'the notes arrive too');
  t.equal(purposes[0].sourcePhrase, 'Behandelen van aanvragen parkeervergunning');

  // A public export says nothing about notes: importing it neither conflicts with them nor clears them.
  const plain = (await call(source, 'GET', '/v1/register?state=working')).data;
  const again = await call(target, 'POST', '/v1/register/import', plain);
  t.equal(again.statusCode, 200, again.body.slice(0, 500));
  t.match(again.data.counts, { create: 0, change: 0, conflict: 0 });
  t.equal((await call(target, 'GET', '/v1/purposes')).data.items[0].internalNote, note('purpose'));

  // A changed note in an auditor's export is a difference like any other.
  withNotes.controllerRegister.activities[0].purposes[0].internalNote = 'Another note';
  const changed = await call(target, 'POST', '/v1/register/import', withNotes);
  t.equal(changed.statusCode, 409);
  t.match(changed.data.conflicts, [{ resource: 'purposes', name: 'Parkeervergunningen', fields: ['internalNote'] }]);
});
