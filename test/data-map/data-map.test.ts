import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { authHeader, buildTestApp, call, create, legalBasisId } from '../helper';

const missing = '00000000-0000-4000-8000-000000000000';

/** A webshop: orders through a form into a database and a payment SaaS, on to a PSP (in the US) and an accountant. */
async function webshop(app: FastifyInstance) {
  const scc = await legalBasisId(app, 'gdpr-46-2-c');
  const customers = await create(app, 'data-subject-categories', { name: 'Customers' });
  const form = await create(app, 'collection-channels', { name: 'Order form', sourceType: 'data-subject', mechanism: 'order' });
  const contact = await create(app, 'data-categories', { name: 'Contact details' });
  const payment = await create(app, 'data-categories', { name: 'Payment data' });
  const database = await create(app, 'systems', { name: 'Webshop database', kind: 'database', hostingCountries: ['NL'] });
  const saas = await create(app, 'systems', { name: 'Payment SaaS', kind: 'saas', hostingCountries: ['US'] });
  const backup = await create(app, 'systems', { name: 'Backup share', kind: 'file-share', hostingCountries: ['DE'] });
  const psp = await create(app, 'recipients', { name: 'Payment provider', kind: 'processor', country: 'US' });
  const accountant = await create(app, 'recipients', { name: 'Accountant', kind: 'independent-controller', country: 'NL' });
  const orders = await create(app, 'processing-activities', {
    name: 'Orders',
    dataSubjectCategoryIds: [customers.id],
    collectionChannelIds: [form.id],
    dataCategories: [
      { dataCategoryId: contact.id, sourceChannelIds: [form.id] },
      { dataCategoryId: payment.id, sourceChannelIds: [form.id] },
    ],
    systems: [{ systemId: database.id, dataCategoryIds: [contact.id, payment.id] }, { systemId: saas.id }],
    recipients: [
      { recipientId: psp.id, dataCategoryIds: [payment.id] },
      { recipientId: accountant.id, dataCategoryIds: [contact.id, payment.id] },
    ],
    transfers: [{ recipientId: psp.id, country: 'US', mechanismId: scc }],
  });
  const newsletter = await create(app, 'processing-activities', {
    name: 'Newsletter',
    dataSubjectCategoryIds: [customers.id],
    dataCategories: [{ dataCategoryId: contact.id }],
    systems: [{ systemId: database.id, dataCategoryIds: [contact.id] }],
  });
  const toBackup = await create(app, 'data-flows', {
    name: 'Nightly backup',
    fromKind: 'system',
    fromId: database.id,
    toKind: 'system',
    toId: backup.id,
    dataCategoryIds: [contact.id],
  });
  const toPsp = await create(app, 'data-flows', {
    name: 'Payment SaaS to PSP',
    fromKind: 'system',
    fromId: saas.id,
    toKind: 'recipient',
    toId: psp.id,
    dataCategoryIds: [payment.id],
    transferCountry: 'US',
    transferMechanismId: scc,
  });
  return { scc, customers, form, contact, payment, database, saas, backup, psp, accountant, orders, newsletter, toBackup, toPsp };
}

const names = (items: { name: string }[]) => items.map((item) => item.name);

t.test('data flows: both ends must exist and differ, the mechanism must be a transfer mechanism', async (t) => {
  const app = await buildTestApp(t);
  const system = await create(app, 'systems', { name: 'CRM' });
  const category = await create(app, 'data-categories', { name: 'Contact details' });
  const consent = await legalBasisId(app, 'gdpr-6-1-a');
  const base = { name: 'Flow', fromKind: 'system', fromId: system.id, toKind: 'recipient', toId: missing };
  const ghost = await call(app, 'POST', '/v1/data-flows', base);
  t.equal(ghost.statusCode, 422);
  t.same(ghost.data.errors, [{ in: 'body', path: '/toId', message: 'no recipient with this id' }]);
  const wrongKind = await call(app, 'POST', '/v1/data-flows', { ...base, toKind: 'collection-channel', toId: system.id });
  t.same(
    wrongKind.data.errors,
    [{ in: 'body', path: '/toId', message: 'no collection channel with this id' }],
    'the id must be of its kind',
  );
  const loop = await call(app, 'POST', '/v1/data-flows', { ...base, toKind: 'system', toId: system.id });
  t.equal(loop.statusCode, 422);
  t.match(loop.data.errors, [{ path: '/toId', message: /from one entry to another/ }]);
  const other = await create(app, 'systems', { name: 'Warehouse' });
  const badCategory = await call(app, 'POST', '/v1/data-flows', {
    ...base,
    toKind: 'system',
    toId: other.id,
    dataCategoryIds: [category.id, missing],
  });
  t.same(badCategory.data.errors, [{ in: 'body', path: '/dataCategoryIds/1', message: 'no data category with this id' }]);
  const notMechanism = await call(app, 'POST', '/v1/data-flows', {
    ...base,
    toKind: 'system',
    toId: other.id,
    transferMechanismId: consent,
  });
  t.same(notMechanism.data.errors, [{ in: 'body', path: '/transferMechanismId', message: 'is not a transfer mechanism (Art. 45–49)' }]);
  const badKind = await call(app, 'POST', '/v1/data-flows', { ...base, fromKind: 'spreadsheet' });
  t.equal(badKind.statusCode, 400);
  const flow = await create(app, 'data-flows', { ...base, toKind: 'system', toId: other.id, dataCategoryIds: [category.id] });
  t.match(flow, {
    fromKind: 'system',
    fromId: system.id,
    toKind: 'system',
    toId: other.id,
    transferCountry: null,
    transferMechanism: null,
  });
  const carrying = await call(app, 'GET', `/v1/data-flows?dataCategoryId=${category.id}`);
  t.same(names(carrying.data.items), ['Flow']);
  const patched = await call(app, 'PATCH', `/v1/data-flows/${flow.id}`, { toId: missing });
  t.equal(patched.statusCode, 422, 'a change is checked as a whole');
});

t.test('impact of one system: activities, data categories, subjects, recipients, transfers and flows behind it', async (t) => {
  const app = await buildTestApp(t);
  const w = await webshop(app);
  const impact = await call(app, 'GET', `/v1/systems/${w.database.id}/impact`);
  t.equal(impact.statusCode, 200);
  t.same(impact.data.system, { id: w.database.id, name: 'Webshop database', kind: 'database', hostingCountries: ['NL'] });
  t.same(
    impact.data.activities.map((a: any) => [a.name, a.dataCategoriesStated, names(a.dataCategories)]),
    [
      ['Newsletter', true, ['Contact details']],
      ['Orders', true, ['Contact details', 'Payment data']],
    ],
  );
  t.same(names(impact.data.dataCategories), ['Contact details', 'Payment data']);
  t.same(names(impact.data.dataSubjectCategories), ['Customers']);
  t.same(names(impact.data.recipients), ['Accountant', 'Payment provider']);
  t.match(impact.data.transfers, [
    { activity: { name: 'Orders' }, recipient: { name: 'Payment provider' }, country: 'US', mechanism: { code: 'gdpr-46-2-c' } },
  ]);
  t.equal(impact.data.transfers.length, 1);
  t.same(impact.data.flows, [
    { id: w.toBackup.id, name: 'Nightly backup', direction: 'out', other: { kind: 'system', id: w.backup.id, name: 'Backup share' } },
  ]);

  const saas = (await call(app, 'GET', `/v1/systems/${w.saas.id}/impact`)).data;
  t.same(
    saas.activities.map((a: any) => [a.name, a.dataCategoriesStated, names(a.dataCategories)]),
    [['Orders', false, ['Contact details', 'Payment data']]],
    "a link that does not say which categories counts all of the activity's as possibly held",
  );
  t.same(
    saas.flows.map((f: any) => [f.name, f.direction, f.other.name]),
    [['Payment SaaS to PSP', 'out', 'Payment provider']],
  );
  const backup = (await call(app, 'GET', `/v1/systems/${w.backup.id}/impact`)).data;
  t.same([backup.activities, backup.dataCategories, backup.flows.map((f: any) => f.direction)], [[], [], ['in']]);

  const unknown = await call(app, 'GET', `/v1/systems/${missing}/impact`);
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.data.code, 'NOT_FOUND');
  t.equal((await call(app, 'GET', `/v1/systems/${w.database.id}/impact`, undefined, 'reader')).statusCode, 200, 'readers may ask');
});

t.test('reverse lookup by data category: the systems holding it and the activities keeping it there', async (t) => {
  const app = await buildTestApp(t);
  const w = await webshop(app);
  const payment = (await call(app, 'GET', `/v1/data-categories/${w.payment.id}/impact`)).data;
  t.same(payment.dataCategory, { id: w.payment.id, name: 'Payment data', sensitivity: 'standard' });
  t.same(
    payment.systems.map((s: any) => [s.system.name, s.stated, names(s.activities)]),
    [
      ['Payment SaaS', false, ['Orders']],
      ['Webshop database', true, ['Orders']],
    ],
  );
  t.same(
    payment.activities.map((a: any) => [a.name, names(a.systems)]),
    [['Orders', ['Payment SaaS', 'Webshop database']]],
  );
  t.same(names(payment.flows), ['Payment SaaS to PSP']);
  const contact = (await call(app, 'GET', `/v1/data-categories/${w.contact.id}/impact`)).data;
  t.same(
    contact.systems.map((s: any) => [s.system.name, s.stated, names(s.activities)]),
    [
      ['Payment SaaS', false, ['Orders']],
      ['Webshop database', true, ['Newsletter', 'Orders']],
    ],
  );
  t.same(names(contact.flows), ['Nightly backup']);
  t.equal((await call(app, 'GET', `/v1/data-categories/${missing}/impact`)).statusCode, 404);
});

/** An edge as `from > to (origin): categories | transfers`, by node names. */
function edges(map: any): string[] {
  const name = (id: string) => map.nodes.find((node: any) => node.id === id)?.name ?? `?${id}`;
  return map.edges
    .map(
      (edge: any) =>
        `${name(edge.from)} > ${name(edge.to)} (${edge.origin}): ${names(edge.dataCategories).join(', ')}${
          edge.transfers.length ? ` | ${edge.transfers.map((x: any) => `${x.country} ${x.mechanism}`).join(', ')}` : ''
        }`,
    )
    .sort();
}

t.test(
  'the data map: derived flows (subjects → channels → systems → recipients) and recorded ones, whole, per activity, per system',
  async (t) => {
    const app = await buildTestApp(t);
    const w = await webshop(app);
    const whole = await call(app, 'GET', '/v1/register/data-map');
    t.equal(whole.statusCode, 200);
    t.same(whole.data.scope, { kind: 'register', id: null });
    t.same(
      whole.data.nodes.map((n: any) => `${n.kind}:${n.name}${n.detail ? ` (${n.detail})` : ''}`),
      [
        'data-subject-category:Customers',
        'collection-channel:Order form',
        'system:Backup share (file-share · DE)',
        'system:Payment SaaS (saas · US)',
        'system:Webshop database (database · NL)',
        'recipient:Accountant (independent-controller · NL)',
        'recipient:Payment provider (processor · US)',
      ],
      'nodes in reading order: subjects, channels, systems, recipients',
    );
    t.same(edges(whole.data), [
      'Customers > Order form (derived): Contact details, Payment data',
      'Customers > Webshop database (derived): Contact details',
      'Order form > Payment SaaS (derived): Contact details, Payment data',
      'Order form > Webshop database (derived): Contact details, Payment data',
      'Payment SaaS > Accountant (derived): Contact details, Payment data',
      'Payment SaaS > Payment provider (derived): Payment data | US gdpr-46-2-c',
      'Payment SaaS > Payment provider (recorded): Payment data | US gdpr-46-2-c',
      'Webshop database > Accountant (derived): Contact details, Payment data',
      'Webshop database > Backup share (recorded): Contact details',
      'Webshop database > Payment provider (derived): Payment data | US gdpr-46-2-c',
    ]);
    const shared = whole.data.edges.find(
      (e: any) => e.from === `data-subject-category:${w.customers.id}` && e.to === `system:${w.database.id}`,
    );
    t.same(names(shared.activities), ['Newsletter'], 'an activity without channels flows from its subjects straight into its systems');
    const recorded = whole.data.edges.find((e: any) => e.origin === 'recorded' && e.to === `system:${w.backup.id}`);
    t.same(recorded.flow, { id: w.toBackup.id, name: 'Nightly backup' });

    const one = (await call(app, 'GET', `/v1/register/data-map?activityId=${w.newsletter.id}`)).data;
    t.same(one.scope, { kind: 'activity', id: w.newsletter.id });
    t.same(edges(one), [
      'Customers > Webshop database (derived): Contact details',
      'Webshop database > Backup share (recorded): Contact details',
    ]);

    const around = (await call(app, 'GET', `/v1/register/data-map?systemId=${w.saas.id}`)).data;
    t.same(edges(around), [
      'Customers > Order form (derived): Contact details, Payment data',
      'Order form > Payment SaaS (derived): Contact details, Payment data',
      'Payment SaaS > Accountant (derived): Contact details, Payment data',
      'Payment SaaS > Payment provider (derived): Payment data | US gdpr-46-2-c',
      'Payment SaaS > Payment provider (recorded): Payment data | US gdpr-46-2-c',
    ]);
    t.notOk(
      around.nodes.some((n: any) => n.name === 'Webshop database'),
      'nothing unconnected to the system',
    );

    await call(app, 'PATCH', `/v1/processing-activities/${w.newsletter.id}`, { status: 'retired' });
    const afterRetiring = (await call(app, 'GET', '/v1/register/data-map')).data;
    t.notOk(edges(afterRetiring).includes('Customers > Webshop database (derived): Contact details'), 'retired activities imply no flows');

    const both = await call(app, 'GET', `/v1/register/data-map?activityId=${w.orders.id}&systemId=${w.saas.id}`);
    t.equal(both.statusCode, 400);
    t.equal(both.data.code, 'VALIDATION_FAILED');
    t.equal((await call(app, 'GET', `/v1/register/data-map?activityId=${missing}`)).statusCode, 404);
    t.equal((await call(app, 'GET', `/v1/register/data-map?systemId=${missing}`)).statusCode, 404);
  },
);

t.test('the data map as an SVG diagram, laid out by Graphviz: every node and edge drawn', async (t) => {
  const app = await buildTestApp(t);
  const w = await webshop(app);
  const json = (await call(app, 'GET', '/v1/register/data-map')).data;
  const drawn = await app.inject({
    method: 'GET',
    url: '/v1/register/data-map',
    headers: { ...(await authHeader(app, 'reader')), accept: 'image/svg+xml' },
  });
  t.equal(drawn.statusCode, 200);
  t.match(drawn.headers['content-type'], /^image\/svg\+xml/);
  t.match(drawn.headers.vary, /accept/i);
  const svg = drawn.body;
  t.match(svg, /<svg [^>]*viewBox="[\d. -]+"/, 'an SVG document with its size laid out');
  t.equal((svg.match(/class="node"/g) ?? []).length, json.nodes.length, 'one shape per node');
  t.equal((svg.match(/class="edge"/g) ?? []).length, json.edges.length, 'one arrow per edge');
  for (const name of ['Customers', 'Order form', 'Webshop database', 'Payment provider', 'Data subjects', 'Recipients']) {
    t.ok(svg.includes(`>${name}</text>`), `${name} is labelled`);
  }
  t.match(svg, /transfer: US/, 'the border crossing is named on its arrow');
  t.match(svg, /Data map: the register/);

  const get = async (url: string, accept?: string) =>
    app.inject({ method: 'GET', url, headers: { ...(await authHeader(app, 'reader')), ...(accept ? { accept } : {}) } });
  const one = await get(`/v1/register/data-map?activityId=${w.newsletter.id}&format=svg`, 'application/json');
  t.match(one.headers['content-type'], /^image\/svg\+xml/, 'format=svg overrides Accept');
  t.match(one.body, /Data map: processing activity &quot;Newsletter&quot;/);
  t.equal((one.body.match(/class="edge"/g) ?? []).length, 2);
  const around = await get(`/v1/register/data-map?systemId=${w.saas.id}&format=svg`);
  t.match(around.body, /Data map: around system &quot;Payment SaaS&quot;/);
  const asJson = await get('/v1/register/data-map', 'application/json');
  t.match(asJson.headers['content-type'], /^application\/json/, 'JSON by default and when asked for');
  const missingOne = await get(`/v1/register/data-map?systemId=${missing}&format=svg`);
  t.equal(missingOne.statusCode, 404);
  t.match(missingOne.headers['content-type'], /application\/problem\+json/);
});
