import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { buildTestApp, call } from '../helper';

// An export written before format 2 (no "not stated", contacts, frameworks, policies or internal
// notes) still imports: it reads as the migration reads the database it came from.
const formatOne = () => JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'register-export-format-1.json'), 'utf8'));

t.test('a format 1 export imports as format 2, keeping what it states and inventing nothing', async (t) => {
  const app = await buildTestApp(t);
  const file = formatOne();
  t.equal(file.formatVersion, 1);
  t.notOk('privacyPolicies' in file, 'the fixture is a real format 1 file');

  const imported = await call(app, 'POST', '/v1/register/import', file);
  t.equal(imported.statusCode, 200, imported.body.slice(0, 500));
  t.equal(imported.data.byResource['processing-activities'].create, 2);

  const exported = (await call(app, 'GET', '/v1/register?state=working')).data;
  t.equal(exported.formatVersion, 2);
  const newsletter = exported.controllerRegister.activities.find((a: any) => a.name === 'Newsletter');
  const webshop = exported.controllerRegister.activities.find((a: any) => a.name === 'Webshop orders');
  // What format 1 implied: a duration is a fixed duration, a country a destination, a reference a signed agreement.
  t.match(newsletter.dataCategories[0].retention, { name: 'Until unsubscribed', kind: 'fixed-duration', duration: 'P0D' });
  t.match(newsletter.transfers[0], { destination: 'country', country: 'US', safeguard: 'SCCs 2021/914, module 3' });
  t.match(newsletter.recipients[0], {
    name: 'Mailing service',
    processingAgreementStatus: 'signed',
    processingAgreementRef: 'DPA-2023-11',
  });
  t.equal(webshop.dpiaRequired, false, 'a stated false stays false');
  // What format 1 could not say is not stated, never a default.
  t.match(exported.organisations[0], {
    name: 'Acme Webshop B.V.',
    framework: 'not-stated',
    dpoRequired: 'not-stated',
    publicBody: null,
    contacts: [],
  });
  t.match(webshop, { automatedDecisions: 'not-stated', statedAbsences: [], reference: null, legalBases: [], retentionRules: [] });
  t.match(webshop.controllers[0], { relationship: 'not-stated' });
  const unsigned = webshop.recipients.find((r: any) => r.name === 'Payment provider');
  t.equal(unsigned.processingAgreementStatus, 'not-stated', 'no reference: the status is not stated');
  t.strictSame(exported.privacyPolicies, []);

  // Importing it again, or its format 2 export, changes nothing.
  t.match((await call(app, 'POST', '/v1/register/import?dryRun=true', formatOne())).data.counts, { create: 0, change: 0, conflict: 0 });
  t.match((await call(app, 'POST', '/v1/register/import?dryRun=true', exported)).data.counts, { create: 0, change: 0, conflict: 0 });
});

t.test('a format 1 file with a mistake is refused with the mistake at its own path', async (t) => {
  const app = await buildTestApp(t);
  const file = formatOne();
  delete file.controllerRegister.activities[0].name;
  file.controllerRegister.activities[1].transfers = [{ ...file.controllerRegister.activities[0].transfers[0], country: 'usa' }];
  const refused = await call(app, 'POST', '/v1/register/import', file);
  t.equal(refused.statusCode, 422);
  t.match(refused.data.problems, [
    { path: '/controllerRegister/activities/0/name', message: 'is required' },
    { path: '/controllerRegister/activities/1/transfers/0/country' },
  ]);
  t.equal((await call(app, 'GET', '/v1/processing-activities')).data.total, 0, 'nothing was imported');
  const later = await call(app, 'POST', '/v1/register/import', { ...formatOne(), formatVersion: 3 });
  t.equal(later.statusCode, 422);
  t.match(later.data.problems, [{ path: '/formatVersion', message: /format version 2 \(or 1, read as 2\)/ }]);
});
