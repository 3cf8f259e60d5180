import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { buildTestApp, call } from '../helper';

// A Fides system manifest (fideslang YAML) imported through POST /v1/register/import?format=fides:
// systems and datasets become systems, privacy declarations activities, the default taxonomy's
// keys its names; legal bases only where the manifest states them; plan then apply.

const manifest = readFileSync(join(__dirname, '..', 'fixtures', 'fides', 'webshop-systems.yml'), 'utf8');
const postFides = (app: FastifyInstance, text: string, query = '', headers: Record<string, string> = {}) =>
  call(app, 'POST', `/v1/register/import?format=fides${query}`, text, 'admin', { 'content-type': 'application/yaml', ...headers });

const byName = (items: any[], name: string) => {
  const found = items.find((item) => item.name === name);
  if (!found) throw new Error(`no "${name}" among ${items.map((item) => item.name).join(', ')}`);
  return found;
};

t.test('the manifest fixture: planned, applied, and read back as systems and activities', async (t) => {
  const app = await buildTestApp(t);
  const plan = await postFides(app, manifest, '&dryRun=true');
  t.equal(plan.statusCode, 200, plan.body.slice(0, 3000));
  t.match(plan.data, { format: 'fides', records: 4, dryRun: true, applied: false });
  t.same(
    plan.data.byResource['processing-activities'],
    { create: 4, match: 0, change: 0, conflict: 0, delete: 0 },
    'one activity per privacy declaration',
  );
  t.equal(plan.data.byResource.systems.create, 4, 'three systems and one dataset');
  t.equal((await call(app, 'GET', '/v1/systems')).data.items.length, 0, 'the plan wrote nothing');

  const applied = await postFides(app, manifest, '', { 'if-match': plan.data.version });
  t.equal(applied.statusCode, 200, applied.body.slice(0, 3000));
  t.same(applied.data.counts, plan.data.counts, 'the plan was what the import did');

  const systems = (await call(app, 'GET', '/v1/systems?limit=50')).data.items;
  t.match(byName(systems, 'Webshop'), { kind: 'application', owner: 'E-commerce', description: 'The online shop where customers order.' });
  t.match(byName(systems, 'Webshop database'), { kind: 'database', description: "The webshop's PostgreSQL database." });
  const mailer = byName(systems, 'Newsletter service');
  t.match(
    mailer,
    { kind: 'not-stated', hostingCountries: ['not-stated'], provider: { name: 'Mailer Inc.' } },
    '"Service" is no kind; no hosting stated',
  );
  t.match(mailer.internalNote, /system_type: Service/);
  t.match(
    mailer.internalNote,
    /ingress: \[\{"fides_key":"webshop","type":"system","data_categories":\["user.contact.email"\]\}\]/,
    'ingress kept as stated',
  );
  t.match(mailer.internalNote, /legal_basis_for_transfers: \["SCCs"\]/);
  t.equal(mailer.securityMeasureIds.length, 1, 'its data security practices, as a measure');
  t.match(byName(systems, 'Occupational health portal'), { kind: 'saas' });

  const activities = (await call(app, 'GET', '/v1/processing-activities?limit=50')).data.items;
  t.same(activities.map((a: any) => a.name).sort(), [
    'Loyalty programme',
    'Newsletter',
    'Occupational health portal: Employment',
    'Order processing',
  ]);
  const orders = byName(activities, 'Order processing');
  t.match(orders, { role: 'controller', status: 'draft', owner: 'E-commerce', controllers: [{ name: 'Example Webshop B.V.' }] });
  t.match(orders.purposes, [{ purpose: { name: 'Essential for Payment Processing' }, legalBases: [{ code: 'gdpr-6-1-b' }] }]);
  t.same(orders.dataCategories.map((d: any) => d.dataCategory.name).sort(), [
    'Name',
    'Payment Data',
    'User Contact Address',
    'User Contact Email',
  ]);
  t.same(
    orders.dataSubjectCategories.map((d: any) => d.name),
    ['Customer'],
  );
  t.match(orders.retentionRules, [{ name: '7 years after the order' }]);
  t.same(
    orders.systems
      .map((s: any) => [s.system.name, s.dataCategories.map((d: any) => d.name).sort()])
      .sort((a: any, b: any) => a[0].localeCompare(b[0])),
    [
      ['Webshop', ['Name', 'Payment Data', 'User Contact Address', 'User Contact Email']],
      ['Webshop database', ['Name', 'User Contact Email']],
    ],
    'the system and the dataset it references, each with what it holds',
  );
  t.match(orders.internalNote, /egress: \["mailer"\]/);

  const loyalty = byName(activities, 'Loyalty programme');
  t.same(loyalty.purposes[0].legalBases, [], 'no legal basis stated: none recorded');
  t.equal(loyalty.purposes[0].purpose.name, 'loyalty.rewards', 'a data use fideslang does not define keeps its key');

  const newsletter = byName(activities, 'Newsletter');
  t.match(newsletter.purposes, [{ purpose: { name: 'Marketing Email Communications' }, legalBases: [{ code: 'gdpr-6-1-a' }] }]);
  t.same(newsletter.dataSubjectCategories.map((d: any) => d.name).sort(), ['Customer', 'Prospect']);
  t.match(newsletter.recipients, [{ recipient: { name: 'Advertising partners' }, dataCategories: [{ name: 'User Contact Email' }] }]);
  t.match(newsletter.internalNote, /features: \["Link different devices"\]/);

  const health = byName(activities, 'Occupational health portal: Employment');
  t.same(health.purposes[0].legalBases.map((b: any) => b.code).sort(), ['gdpr-6-1-c', 'gdpr-9-2-b']);
  t.match(health.dataCategories, [{ dataCategory: { name: 'Health and Medical Data', sensitivity: 'special' } }]);
  t.match(health.internalNote, /does not state the responsibility/, 'the role left to the register default, and said so');

  const categories = (await call(app, 'GET', '/v1/data-categories?limit=100')).data.items;
  const email = byName(categories, 'User Contact Email');
  t.match(email.description, /\(fideslang data category "user.contact.email"\)$/);
  t.equal(email.parentId, null, 'user.contact is not in the manifest: no parent made up');
  t.match(byName(categories, 'Loyalty points'), {
    description: 'Points a customer collected in the loyalty programme.',
    sensitivity: 'standard',
  });

  const organisation = byName((await call(app, 'GET', '/v1/organisations?limit=50')).data.items, 'Example Webshop B.V.');
  t.match(organisation, { roles: ['controller'], email: 'privacy@webshop.example', dpoName: 'Jane Doe', dpoEmail: 'dpo@webshop.example' });
  t.match(organisation.internalNote, /security_policy: https:\/\/webshop.example\/security/);

  const again = await postFides(app, manifest);
  t.equal(again.statusCode, 200, again.body.slice(0, 2000));
  t.same(
    { create: again.data.counts.create, change: again.data.counts.change, conflict: again.data.counts.conflict },
    { create: 0, change: 0, conflict: 0 },
    'importing it again changes nothing',
  );
});

t.test('a bad manifest is refused with every problem at its line and column, and nothing written', async (t) => {
  const app = await buildTestApp(t);
  const bad = [
    'system:',
    '  - fides_key: crm',
    '    name: CRM',
    '    privacy_declarations:',
    '      - data_categories: [user.contact.email]',
    '        data_use: marketing',
    '        legal_basis_for_processing: Because we can',
    '  - name: No key',
    '    privacy_declarations: []',
    '',
  ].join('\n');
  const refused = await postFides(app, bad);
  t.equal(refused.statusCode, 422, refused.body);
  t.equal(refused.data.code, 'IMPORT_INVALID');
  const problems = refused.data.problems;
  t.match(
    problems.find((p: any) => p.path === '/system/0/privacy_declarations/0/legal_basis_for_processing'),
    { position: { line: 7, column: 9 }, value: 'Because we can' },
    'an unknown legal basis, where it is written',
  );
  t.match(
    problems.find((p: any) => p.path === '/system/1/fides_key'),
    { position: { line: 8, column: 5 }, message: 'is required' },
    'a system without its key',
  );
  t.equal((await call(app, 'GET', '/v1/systems')).data.items.length, 0);

  const notYaml = await postFides(app, 'system: [unclosed');
  t.equal(notYaml.statusCode, 422);
  t.match(notYaml.data.problems[0], { position: { line: 1 }, message: /not YAML/ });

  const csv = await call(app, 'POST', '/v1/register/import?format=fides', 'a,b', 'admin', { 'content-type': 'text/csv' });
  t.equal(csv.statusCode, 415, 'a manifest is YAML or JSON');
});

t.test('the manifest as JSON, as the Fides API writes it', async (t) => {
  const app = await buildTestApp(t);
  const body = {
    system: [
      {
        fides_key: 'demo_analytics_system',
        name: 'Demo Analytics System',
        system_type: 'Service',
        privacy_declarations: [
          {
            name: 'Analyze customer behaviour for improvements.',
            data_categories: ['user.contact', 'user.device.cookie_id'],
            data_use: 'improve.system',
            data_subjects: ['customer'],
          },
        ],
      },
    ],
  };
  const imported = await call(app, 'POST', '/v1/register/import?format=fides', body);
  t.equal(imported.statusCode, 200, imported.body.slice(0, 2000));
  const activity = (await call(app, 'GET', '/v1/processing-activities')).data.items[0];
  t.equal(activity.name, 'Analyze customer behaviour for improvements.');
  t.equal(activity.purposes[0].purpose.name, 'improve.system', 'a fideslang 1 data use, kept as stated');
  t.same(activity.dataCategories.map((d: any) => d.dataCategory.name).sort(), ['Contact Data', 'Cookie ID']);
});
