import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { buildTestApp, call, create } from '../helper';

// Plan, then apply: a dry run lists per entry what the import does (create, change with its fields,
// match, and in replace mode with the register document, delete) and carries the register's
// version; an import sent with that version as If-Match applies exactly that plan, and is refused
// (412) when the register changed since. All or nothing.

const example = readFileSync(join(__dirname, '..', '..', 'docs', 'register-document.example.yaml'), 'utf8');

const post = (app: FastifyInstance, text: string, query = '', headers: Record<string, string> = {}) =>
  call(app, 'POST', `/v1/register/import${query}`, text, 'admin', { 'content-type': 'application/yaml', ...headers });

/** The example without its statistics activity and cookie channel, and with one purpose described differently. */
const edited = example
  .replace(/\n {2}- name: Web-shop statistics\n[\s\S]*$/, '\n')
  .replace(/ {2}- key: stats\n {4}name: Statistics cookie\n[\s\S]*?names: \[_pk_id, _pk_ses\]\n/, '')
  .replace(
    '    name: Sending the newsletter\n',
    '    name: Sending the newsletter\n    description: Monthly, to subscribers who opted in\n',
  );

const activityNames = async (app: FastifyInstance) =>
  (await call(app, 'GET', '/v1/processing-activities?limit=50')).data.items.map((a: any) => a.name).sort();

t.test('the plan lists create, change (with fields), unchanged and delete, and applying it does exactly that', async (t) => {
  const app = await buildTestApp(t);
  t.equal((await post(app, example)).statusCode, 200);
  t.notMatch(edited, /Web-shop statistics|Statistics cookie/, 'the edit removes them');

  const plan = await post(app, edited, '?mode=replace&dryRun=true');
  t.equal(plan.statusCode, 200, plan.body.slice(0, 1000));
  t.match(plan.data, { dryRun: true, applied: false, version: /^"register-\d+-\d+"$/ });
  t.match(plan.data.counts, { create: 0, change: 1, conflict: 0, delete: 2 });
  const entry = (name: string) => plan.data.entries.find((e: any) => e.name === name);
  t.match(entry('Sending the newsletter'), { resource: 'purposes', action: 'change', fields: ['description'] });
  t.match(entry('Web-shop statistics'), { resource: 'processing-activities', action: 'delete' });
  t.match(entry('Statistics cookie'), { resource: 'collection-channels', action: 'delete' });
  t.match(entry('Newsletter'), { action: 'match' });
  t.same(await activityNames(app), ['Newsletter', 'Web-shop orders and repairs', 'Web-shop statistics'], 'a plan writes nothing');

  const applied = await post(app, edited, '?mode=replace', { 'if-match': plan.data.version });
  t.equal(applied.statusCode, 200, applied.body.slice(0, 1000));
  t.same(applied.data.counts, plan.data.counts, 'the plan is what was applied');
  t.same(applied.data.entries, plan.data.entries);
  t.equal(applied.data.version, plan.data.version);
  t.same(await activityNames(app), ['Newsletter', 'Web-shop orders and repairs']);
  const channels = (await call(app, 'GET', '/v1/collection-channels?limit=50')).data.items.map((c: any) => c.name);
  t.notOk(channels.includes('Statistics cookie'), 'the channel is gone');
  const deleted = await call(app, 'GET', '/v1/audit-events?limit=50&action=delete');
  t.equal(deleted.data.total, 2, 'each deletion is in the audit trail');

  // The same plan again: the register moved on (by the plan itself), so its version is stale.
  const stale = await post(app, edited, '?mode=replace', { 'if-match': plan.data.version });
  t.equal(stale.statusCode, 412);
  t.equal(stale.data.code, 'PRECONDITION_FAILED');

  // merge never deletes, and a built-in legal basis is never the file's to delete.
  const merge = await post(app, 'documentType: processing-register-document\n', '?dryRun=true');
  t.match(merge.data.counts, { delete: 0 });
  const empty = await post(app, 'documentType: processing-register-document\n', '?mode=replace');
  t.equal(empty.statusCode, 200, empty.body.slice(0, 1000));
  t.equal((await call(app, 'GET', '/v1/processing-activities')).data.total, 0, 'an empty document empties the register');
  const bases = (await call(app, 'GET', '/v1/legal-bases?limit=100')).data.items;
  t.ok(bases.length > 30 && bases.every((basis: any) => basis.builtIn), 'the national-law basis went, the built-in ones stay');
});

t.test('a plan applied after a concurrent change is refused, and nothing of it is written', async (t) => {
  const app = await buildTestApp(t);
  t.equal((await post(app, example)).statusCode, 200);
  const plan = await post(app, edited, '?mode=replace&dryRun=true');
  t.equal(plan.statusCode, 200);

  // Someone else changes the register between the plan and its application.
  await create(app, 'purposes', { name: 'Warranty claims' });

  const refused = await post(app, edited, '?mode=replace', { 'if-match': plan.data.version });
  t.equal(refused.statusCode, 412, refused.body.slice(0, 500));
  t.match(refused.data, { code: 'PRECONDITION_FAILED', detail: /changed since the plan/ });
  t.same(await activityNames(app), ['Newsletter', 'Web-shop orders and repairs', 'Web-shop statistics'], 'nothing was deleted');
  const purposes = (await call(app, 'GET', '/v1/purposes?limit=50')).data.items;
  t.equal(purposes.find((p: any) => p.name === 'Sending the newsletter').description, null, 'nothing was changed');
  t.ok(
    purposes.find((p: any) => p.name === 'Warranty claims'),
    'the concurrent change stands',
  );

  // A new plan sees the concurrent change (replace deletes the purpose the file does not hold).
  const replan = await post(app, edited, '?mode=replace&dryRun=true');
  t.not(replan.data.version, plan.data.version);
  t.match(
    replan.data.entries.find((e: any) => e.name === 'Warranty claims'),
    { action: 'delete' },
  );
  const applied = await post(app, edited, '?mode=replace', { 'if-match': replan.data.version });
  t.equal(applied.statusCode, 200, applied.body.slice(0, 500));
  t.same(await activityNames(app), ['Newsletter', 'Web-shop orders and repairs']);

  // Without If-Match the file is imported into the register as it is.
  t.equal((await post(app, example, '?mode=replace')).statusCode, 200);
});

t.test('in replace mode the document refers only to what it holds', async (t) => {
  const app = await buildTestApp(t);
  await create(app, 'purposes', { name: 'Existing purpose' });
  const text = [
    'documentType: processing-register-document',
    'organisations:',
    '  - name: Acme',
    '    roles: [controller]',
    'activities:',
    '  - name: Sales',
    '    controllers: [Acme]',
    '    purposes:',
    '      - purpose: Existing purpose',
    '        legalBases: [gdpr-6-1-b]',
    '',
  ].join('\n');
  const merge = await post(app, text, '?dryRun=true');
  t.equal(merge.statusCode, 200, 'merge may name what the register holds');
  const replace = await post(app, text, '?mode=replace&dryRun=true');
  t.equal(replace.statusCode, 422);
  t.match(replace.data.problems, [{ path: '/activities/0/purposes/0/purpose', position: { line: 9 }, value: 'Existing purpose' }]);
});
