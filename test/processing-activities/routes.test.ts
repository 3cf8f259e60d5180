import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { buildTestApp, call, create, legalBasisId } from '../helper';

// ---- fixtures ---------------------------------------------------------------------------------

const missing = '00000000-0000-4000-8000-000000000000';
const missing2 = '00000000-0000-4000-8000-000000000001';

/** The built-in legal bases these tests use, by code. */
async function legalBases(app: FastifyInstance) {
  const codes = ['gdpr-6-1-a', 'gdpr-6-1-b', 'gdpr-6-1-c', 'gdpr-6-1-f', 'gdpr-45', 'gdpr-46-2-c', 'gdpr-49-1-a'] as const;
  const ids = await Promise.all(codes.map((code) => legalBasisId(app, code)));
  return Object.fromEntries(codes.map((code, i) => [code, ids[i]!])) as Record<(typeof codes)[number], string>;
}

/** One of every building block an activity can link to, two of most, each named so its position is its alphabetical order. */
async function buildingBlocks(app: FastifyInstance) {
  const lb = await legalBases(app);
  const orgA = await create(app, 'organisations', { name: 'Acme Hosting B.V.', roles: ['controller'] });
  const orgB = await create(app, 'organisations', { name: 'Beta Partner GmbH' });
  const purposeA = await create(app, 'purposes', { name: 'Contract performance' });
  const purposeB = await create(app, 'purposes', { name: 'Fraud prevention' });
  const subjectA = await create(app, 'data-subject-categories', { name: 'Customers' });
  const subjectB = await create(app, 'data-subject-categories', { name: 'Prospects' });
  const categoryA = await create(app, 'data-categories', { name: 'Contact details' });
  const categoryB = await create(app, 'data-categories', { name: 'Payment data' });
  const retentionA = await create(app, 'retention-rules', { name: 'Contract records', duration: 'P2Y', startEvent: 'End of contract' });
  const retentionB = await create(app, 'retention-rules', {
    name: 'Tax records',
    duration: 'P7Y',
    maximumDuration: 'P10Y',
    startEvent: 'End of fiscal year',
  });
  const retentionC = await create(app, 'retention-rules', {
    name: 'Archive selection list',
    kind: 'statutory',
    legalReference: 'Archiefwet 1995',
  });
  const channelA = await create(app, 'collection-channels', { name: 'Order form', sourceType: 'data-subject', mechanism: 'order' });
  const channelB = await create(app, 'collection-channels', { name: 'Support phone', sourceType: 'data-subject', mechanism: 'phone' });
  const recipientA = await create(app, 'recipients', {
    name: 'Cloud Host Inc',
    kind: 'processor',
    category: 'hosting-provider',
    country: 'US',
  });
  const recipientB = await create(app, 'recipients', { name: 'Payment Provider', kind: 'processor', category: 'payment-provider' });
  const measureA = await create(app, 'security-measures', { name: 'Access policy', type: 'organisational' });
  const measureB = await create(app, 'security-measures', { name: 'Encryption at rest', type: 'technical' });
  return {
    lb,
    orgA,
    orgB,
    purposeA,
    purposeB,
    subjectA,
    subjectB,
    categoryA,
    categoryB,
    retentionA,
    retentionB,
    retentionC,
    channelA,
    channelB,
    recipientA,
    recipientB,
    measureA,
    measureB,
  };
}
type Blocks = Awaited<ReturnType<typeof buildingBlocks>>;

/** A create body with every link kind populated. */
function fullBody(b: Blocks, name = 'Customer orders') {
  return {
    name,
    description: 'Taking orders and delivering hosting services',
    role: 'controller',
    status: 'draft',
    owner: 'Sales',
    reviewDueAt: '2027-03-31',
    dpiaRequired: true,
    dpiaReference: 'DPIA-2026-01',
    controllerIds: [{ id: b.orgA.id, relationship: 'joint' }, b.orgB.id],
    purposes: [
      { purposeId: b.purposeA.id, legalBasisIds: [b.lb['gdpr-6-1-b'], { id: b.lb['gdpr-6-1-c'], note: 'Art. 52 AWR' }] },
      {
        purposeId: b.purposeB.id,
        legalBasisIds: [b.lb['gdpr-6-1-f']],
        legitimateInterest: 'Preventing payment defaults',
        assessmentReference: 'LIA-2026-03',
      },
    ],
    legalBasisIds: [{ id: b.lb['gdpr-6-1-a'], note: 'for the newsletter' }],
    dataSubjectCategoryIds: [b.subjectA.id, b.subjectB.id],
    retentionRuleIds: [b.retentionC.id],
    dataCategories: [
      { dataCategoryId: b.categoryA.id, retentionRuleId: b.retentionA.id, sourceChannelIds: [b.channelA.id, b.channelB.id] },
      { dataCategoryId: b.categoryB.id, retentionRuleId: b.retentionB.id, sourceChannelIds: [b.channelA.id] },
    ],
    collectionChannelIds: [b.channelA.id, b.channelB.id],
    recipients: [
      { recipientId: b.recipientA.id, dataCategoryIds: [b.categoryA.id] },
      { recipientId: b.recipientB.id, dataCategoryIds: [b.categoryA.id, b.categoryB.id] },
    ],
    transfers: [
      {
        recipientId: b.recipientA.id,
        country: 'US',
        mechanismId: b.lb['gdpr-45'],
        safeguard: 'Data Privacy Framework certified',
        tiaReference: 'TIA-2026-01',
      },
      { recipientId: b.recipientB.id, destination: 'worldwide', viaRecipientId: b.recipientA.id },
    ],
    securityMeasureIds: [b.measureA.id, b.measureB.id],
  };
}

const ref = (entry: { id: string; name: string }) => ({ id: entry.id, name: entry.name });

/** Every link of `fullBody`, resolved as the API must return it. */
function expectedLinks(b: Blocks) {
  const basis = (id: string, code: string, name: string, article: string, kind: string) => ({ id, name, code, article, kind });
  const noted = (note: string | null, stated: ReturnType<typeof basis>) => ({ ...stated, note });
  const recipientA = { id: b.recipientA.id, name: 'Cloud Host Inc', kind: 'processor', country: 'US' };
  const recipientB = { id: b.recipientB.id, name: 'Payment Provider', kind: 'processor', country: null };
  return {
    controllers: [
      { ...ref(b.orgA), relationship: 'joint' },
      { ...ref(b.orgB), relationship: 'not-stated' },
    ],
    purposes: [
      {
        purpose: ref(b.purposeA),
        legalBases: [
          noted(null, basis(b.lb['gdpr-6-1-b'], 'gdpr-6-1-b', 'Contract', 'Art. 6(1)(b)', 'lawful-basis')),
          noted('Art. 52 AWR', basis(b.lb['gdpr-6-1-c'], 'gdpr-6-1-c', 'Legal obligation', 'Art. 6(1)(c)', 'lawful-basis')),
        ],
        legitimateInterest: null,
        assessmentReference: null,
      },
      {
        purpose: ref(b.purposeB),
        legalBases: [noted(null, basis(b.lb['gdpr-6-1-f'], 'gdpr-6-1-f', 'Legitimate interests', 'Art. 6(1)(f)', 'lawful-basis'))],
        legitimateInterest: 'Preventing payment defaults',
        assessmentReference: 'LIA-2026-03',
      },
    ],
    legalBases: [noted('for the newsletter', basis(b.lb['gdpr-6-1-a'], 'gdpr-6-1-a', 'Consent', 'Art. 6(1)(a)', 'lawful-basis'))],
    dataSubjectCategories: [ref(b.subjectA), ref(b.subjectB)],
    dataCategories: [
      {
        dataCategory: { id: b.categoryA.id, name: 'Contact details', sensitivity: 'standard' },
        retentionRule: { id: b.retentionA.id, name: 'Contract records', kind: 'fixed-duration', duration: 'P2Y', maximumDuration: null },
        sourceChannels: [ref(b.channelA), ref(b.channelB)],
      },
      {
        dataCategory: { id: b.categoryB.id, name: 'Payment data', sensitivity: 'standard' },
        retentionRule: { id: b.retentionB.id, name: 'Tax records', kind: 'fixed-duration', duration: 'P7Y', maximumDuration: 'P10Y' },
        sourceChannels: [ref(b.channelA)],
      },
    ],
    retentionRules: [{ id: b.retentionC.id, name: 'Archive selection list', kind: 'statutory', duration: null, maximumDuration: null }],
    collectionChannels: [ref(b.channelA), ref(b.channelB)],
    recipients: [
      { recipient: recipientA, dataCategories: [ref(b.categoryA)] },
      { recipient: recipientB, dataCategories: [ref(b.categoryA), ref(b.categoryB)] },
    ],
    transfers: [
      {
        recipient: recipientA,
        destination: 'country',
        country: 'US',
        internationalOrganisation: null,
        via: null,
        mechanism: basis(b.lb['gdpr-45'], 'gdpr-45', 'Adequacy decision', 'Art. 45(3)', 'transfer-mechanism'),
        safeguard: 'Data Privacy Framework certified',
        tiaReference: 'TIA-2026-01',
      },
      {
        recipient: recipientB,
        destination: 'worldwide',
        country: null,
        internationalOrganisation: null,
        via: recipientA,
        mechanism: null,
        safeguard: null,
        tiaReference: null,
      },
    ],
    securityMeasures: [ref(b.measureA), ref(b.measureB)],
  };
}

const linkKeys = [
  'controllers',
  'purposes',
  'legalBases',
  'dataSubjectCategories',
  'dataCategories',
  'retentionRules',
  'collectionChannels',
  'recipients',
  'transfers',
  'securityMeasures',
] as const;

/** Only the link lists of an activity. */
const linksOf = (activity: any) => Object.fromEntries(linkKeys.map((key) => [key, activity[key]]));

/** The (sorted) JSON Pointers of a problem's field errors. */
const paths = (response: { data: any }) => (response.data.errors as { path: string }[]).map((e) => e.path).sort();

const get = async (app: FastifyInstance, id: string) => (await call(app, 'GET', `/v1/processing-activities/${id}`)).data;

const total = async (app: FastifyInstance) => (await call(app, 'GET', '/v1/processing-activities')).data.total as number;

function assertProblem(
  t: tap.Test,
  response: { statusCode: number; headers: Record<string, unknown>; data: any },
  status: number,
  code: string,
) {
  t.equal(response.statusCode, status, `status ${status}`);
  t.match(response.headers['content-type'], /application\/problem\+json/);
  t.equal(response.data.code, code, `code ${code}`);
}

// ---- tests ------------------------------------------------------------------------------------

t.test('a full activity with every link kind round-trips through POST and GET', async (t) => {
  const app = await buildTestApp(t);
  const b = await buildingBlocks(app);

  const created = await call(app, 'POST', '/v1/processing-activities', fullBody(b));
  t.equal(created.statusCode, 201);
  t.match(created.headers['content-type'], /application\/json/);
  t.match(created.data.id, /^[0-9a-f-]{36}$/);
  t.equal(created.headers.location, `/v1/processing-activities/${created.data.id}`);
  t.match(created.data, {
    name: 'Customer orders',
    description: 'Taking orders and delivering hosting services',
    role: 'controller',
    status: 'draft',
    owner: 'Sales',
    reviewDueAt: '2027-03-31',
    dpiaRequired: true,
    dpiaReference: 'DPIA-2026-01',
    version: 1,
  });
  t.ok(Date.parse(created.data.createdAt), 'createdAt is a timestamp');
  t.ok(Date.parse(created.data.updatedAt), 'updatedAt is a timestamp');
  t.strictSame(linksOf(created.data), expectedLinks(b), 'POST response resolves every link');

  const location = await call(app, 'GET', created.headers.location as string);
  t.equal(location.statusCode, 200);
  t.strictSame(location.data, created.data, 'GET via Location returns exactly what POST returned');
  t.strictSame(linksOf(location.data), expectedLinks(b), 'GET resolves every link');

  const list = await call(app, 'GET', '/v1/processing-activities');
  t.equal(list.statusCode, 200);
  t.equal(list.data.total, 1);
  t.strictSame(list.data.items, [created.data], 'the list shows the same resolved activity');

  // Defaults for a minimal activity: no links, scalar defaults.
  const minimal = await call(app, 'POST', '/v1/processing-activities', { name: 'Minimal' });
  t.equal(minimal.statusCode, 201);
  const minimalRead = await get(app, minimal.data.id);
  t.match(minimalRead, {
    name: 'Minimal',
    role: 'controller',
    status: 'draft',
    dpiaRequired: null,
    reviewDueAt: null,
    owner: null,
    automatedDecisions: 'not-stated',
    statedAbsences: [],
  });
  for (const key of linkKeys) t.strictSame(minimalRead[key], [], `${key} empty`);
});

t.test('PATCH changes only what is sent; a sent link list replaces that list only', async (t) => {
  const app = await buildTestApp(t);
  const b = await buildingBlocks(app);
  const original = await create(app, 'processing-activities', fullBody(b));
  const url = `/v1/processing-activities/${original.id}`;
  const links = expectedLinks(b);

  // Only status: every link stays, version goes up.
  const status = await call(app, 'PATCH', url, { status: 'active' });
  t.equal(status.statusCode, 200);
  t.equal(status.data.status, 'active');
  t.equal(status.data.version, 2);
  let read = await get(app, original.id);
  t.equal(read.status, 'active');
  t.equal(read.version, 2);
  t.match(read, { name: 'Customer orders', owner: 'Sales', reviewDueAt: '2027-03-31', dpiaRequired: true, dpiaReference: 'DPIA-2026-01' });
  t.strictSame(linksOf(read), links, 'all links kept after a scalar-only PATCH');
  t.ok(Date.parse(read.updatedAt) >= Date.parse(original.updatedAt), 'updatedAt not earlier');
  t.equal(read.createdAt, original.createdAt, 'createdAt unchanged');

  // purposes sent: purposes replaced, everything else stays.
  const purposes = await call(app, 'PATCH', url, { purposes: [{ purposeId: b.purposeB.id, legalBasisIds: [b.lb['gdpr-6-1-a']] }] });
  t.equal(purposes.statusCode, 200);
  read = await get(app, original.id);
  t.strictSame(read.purposes, [
    {
      purpose: ref(b.purposeB),
      legalBases: [
        { id: b.lb['gdpr-6-1-a'], name: 'Consent', code: 'gdpr-6-1-a', article: 'Art. 6(1)(a)', kind: 'lawful-basis', note: null },
      ],
      legitimateInterest: null,
      assessmentReference: null,
    },
  ]);
  t.strictSame(linksOf(read), { ...links, purposes: read.purposes }, 'only purposes changed');
  t.equal(read.version, 3);
  t.equal(read.status, 'active', 'status from the earlier PATCH kept');

  // An onward transfer goes on from one of the activity's recipients: clearing them is refused while it stays.
  const stranded = await call(app, 'PATCH', url, { recipients: [] });
  assertProblem(t, stranded, 422, 'UNKNOWN_REFERENCE');
  t.same(paths(stranded), ['/transfers/1/viaRecipientId'], 'the onward transfer names the missing recipient');
  const direct = fullBody(b).transfers.slice(0, 1);
  t.equal((await call(app, 'PATCH', url, { transfers: direct })).statusCode, 200, 'the onward transfer removed');
  t.equal((await get(app, original.id)).version, 4);

  // recipients: [] clears recipients, not the data categories they received, nor transfers.
  const recipients = await call(app, 'PATCH', url, { recipients: [] });
  t.equal(recipients.statusCode, 200);
  read = await get(app, original.id);
  t.strictSame(read.recipients, []);
  t.strictSame(read.dataCategories, links.dataCategories, 'data categories kept');
  t.strictSame(read.transfers, links.transfers.slice(0, 1), 'transfers kept');
  t.strictSame(read.collectionChannels, links.collectionChannels);
  t.equal(read.purposes.length, 1, 'purposes from the earlier PATCH kept');
  t.equal(read.version, 5);

  // null clears a nullable scalar.
  const clearedReference = await call(app, 'PATCH', url, { dpiaReference: null });
  t.equal(clearedReference.statusCode, 200, 'dpiaReference: null accepted');
  read = await get(app, original.id);
  t.equal(read.dpiaReference, null);
  t.equal(read.reviewDueAt, '2027-03-31', 'reviewDueAt untouched');
  t.equal(read.owner, 'Sales', 'owner untouched');
  t.equal(read.version, 6);

  // reviewDueAt is documented as nullable too ("null clears it"), on update and on create.
  const clearedDue = await call(app, 'PATCH', url, { reviewDueAt: null });
  t.equal(clearedDue.statusCode, 200, 'reviewDueAt: null accepted on PATCH', { body: clearedDue.data });
  read = await get(app, original.id);
  t.equal(read.reviewDueAt, null, 'reviewDueAt cleared');
  t.equal(read.owner, 'Sales', 'owner untouched');
  const createdWithoutDue = await call(app, 'POST', '/v1/processing-activities', { name: 'No review date', reviewDueAt: null });
  t.equal(createdWithoutDue.statusCode, 201, 'reviewDueAt: null accepted on POST', { body: createdWithoutDue.data });
  if (createdWithoutDue.statusCode === 201) t.equal((await get(app, createdWithoutDue.data.id)).reviewDueAt, null);
  const before = await get(app, original.id);

  // An unknown field: 400 and nothing changed, not even the valid field beside it.
  const unknown = await call(app, 'PATCH', url, { status: 'retired', colour: 'blue' });
  assertProblem(t, unknown, 400, 'VALIDATION_FAILED');
  t.strictSame(paths(unknown), ['/colour']);
  t.equal(unknown.data.errors[0].in, 'body');
  t.strictSame(await get(app, original.id), before, 'unchanged after the refused PATCH');

  // An empty body: 400.
  const empty = await call(app, 'PATCH', url, {});
  assertProblem(t, empty, 400, 'VALIDATION_FAILED');
  t.strictSame(await get(app, original.id), before, 'unchanged after the empty PATCH');
});

t.test('422 UNKNOWN_REFERENCE lists every bad reference, and nothing is written', async (t) => {
  const app = await buildTestApp(t);
  const b = await buildingBlocks(app);
  const existing = await create(app, 'processing-activities', fullBody(b, 'Existing'));
  const existingUrl = `/v1/processing-activities/${existing.id}`;
  const post = (body: object) => call(app, 'POST', '/v1/processing-activities', body);

  // Unknown ids in many places at once: every path is reported.
  const body = fullBody(b, 'Unknown ids');
  body.controllerIds = [b.orgA.id, missing];
  body.purposes[0]!.legalBasisIds = [b.lb['gdpr-6-1-b'], missing];
  body.purposes[1]!.purposeId = missing2;
  body.dataSubjectCategoryIds = [missing];
  body.dataCategories[1]!.retentionRuleId = missing;
  body.transfers[0]!.recipientId = missing;
  body.transfers[0]!.mechanismId = missing2;
  body.securityMeasureIds = [b.measureA.id, missing];
  const unknown = await post(body);
  assertProblem(t, unknown, 422, 'UNKNOWN_REFERENCE');
  t.strictSame(
    paths(unknown),
    [
      '/controllerIds/1',
      '/dataCategories/1/retentionRuleId',
      '/dataSubjectCategoryIds/0',
      '/purposes/0/legalBasisIds/1',
      '/purposes/1/purposeId',
      '/securityMeasureIds/1',
      '/transfers/0/mechanismId',
      '/transfers/0/recipientId',
    ].sort(),
  );
  t.ok(unknown.data.errors.every((e: any) => e.in === 'body' && typeof e.message === 'string' && e.message.length > 0));

  // A transfer mechanism used as the legal basis of a purpose.
  const mechanismAsBasis = fullBody(b, 'Mechanism as basis');
  mechanismAsBasis.purposes[0]!.legalBasisIds = [b.lb['gdpr-6-1-b'], b.lb['gdpr-46-2-c']];
  const basisResponse = await post(mechanismAsBasis);
  assertProblem(t, basisResponse, 422, 'UNKNOWN_REFERENCE');
  t.strictSame(paths(basisResponse), ['/purposes/0/legalBasisIds/1']);
  t.match(basisResponse.data.errors[0].message, /transfer mechanism/);

  // A lawful basis used as the mechanism of a transfer.
  const basisAsMechanism = fullBody(b, 'Basis as mechanism');
  basisAsMechanism.transfers[0]!.mechanismId = b.lb['gdpr-6-1-a'];
  const mechanismResponse = await post(basisAsMechanism);
  assertProblem(t, mechanismResponse, 422, 'UNKNOWN_REFERENCE');
  t.strictSame(paths(mechanismResponse), ['/transfers/0/mechanismId']);
  t.match(mechanismResponse.data.errors[0].message, /not a transfer mechanism/);

  // A source channel that is not among the activity's collection channels (it exists, it is just not listed).
  const strayChannel = fullBody(b, 'Stray channel');
  strayChannel.collectionChannelIds = [b.channelA.id];
  const channelResponse = await post(strayChannel);
  assertProblem(t, channelResponse, 422, 'UNKNOWN_REFERENCE');
  t.strictSame(paths(channelResponse), ['/dataCategories/0/sourceChannelIds/1']);
  t.match(channelResponse.data.errors[0].message, /collectionChannelIds/);

  // A recipient receiving a data category the activity does not process.
  const strayCategory = fullBody(b, 'Stray category');
  strayCategory.dataCategories = [strayCategory.dataCategories[0]!];
  const categoryResponse = await post(strayCategory);
  assertProblem(t, categoryResponse, 422, 'UNKNOWN_REFERENCE');
  t.strictSame(paths(categoryResponse), ['/recipients/1/dataCategoryIds/1']);
  t.match(categoryResponse.data.errors[0].message, /dataCategories/);

  // Several consistency problems in one request are all reported together.
  const everything = fullBody(b, 'Everything wrong');
  everything.purposes[1]!.legalBasisIds = [b.lb['gdpr-49-1-a']];
  everything.transfers[0]!.mechanismId = b.lb['gdpr-6-1-c'];
  everything.collectionChannelIds = [b.channelB.id];
  everything.dataCategories = [everything.dataCategories[0]!];
  const everythingResponse = await post(everything);
  assertProblem(t, everythingResponse, 422, 'UNKNOWN_REFERENCE');
  t.strictSame(
    paths(everythingResponse),
    [
      '/dataCategories/0/sourceChannelIds/0',
      '/purposes/1/legalBasisIds/0',
      '/recipients/1/dataCategoryIds/1',
      '/transfers/0/mechanismId',
    ].sort(),
  );

  // Nothing was created by any of the refused requests.
  const list = await call(app, 'GET', '/v1/processing-activities');
  t.equal(list.data.total, 1);
  t.strictSame(
    list.data.items.map((a: any) => a.name),
    ['Existing'],
  );

  // PATCH is all or nothing: a valid scalar beside a bad link changes nothing.
  const before = await get(app, existing.id);
  const patches: [string, object, string[]][] = [
    [
      'unknown purpose beside a rename',
      { name: 'Renamed', status: 'active', purposes: [{ purposeId: missing, legalBasisIds: [b.lb['gdpr-6-1-b']] }] },
      ['/purposes/0/purposeId'],
    ],
    [
      'transfer mechanism as a purpose basis',
      { status: 'active', purposes: [{ purposeId: b.purposeA.id, legalBasisIds: [b.lb['gdpr-46-2-c']] }] },
      ['/purposes/0/legalBasisIds/0'],
    ],
    [
      'lawful basis as a transfer mechanism',
      { transfers: [{ recipientId: b.recipientB.id, country: 'CH', mechanismId: b.lb['gdpr-6-1-b'] }] },
      ['/transfers/0/mechanismId'],
    ],
    // The kept recipients still receive category B, which the sent list drops.
    [
      'dropping a data category a kept recipient receives',
      { owner: 'Nobody', dataCategories: [{ dataCategoryId: b.categoryA.id, sourceChannelIds: [b.channelA.id] }] },
      ['/recipients/1/dataCategoryIds/1'],
    ],
    // The kept data categories still come from channel B, which the sent list drops.
    [
      'dropping a collection channel a kept data category comes from',
      { collectionChannelIds: [b.channelA.id] },
      ['/dataCategories/0/sourceChannelIds/1'],
    ],
    [
      'unknown controller and unknown security measure',
      { controllerIds: [missing], securityMeasureIds: [b.measureB.id, missing2] },
      ['/controllerIds/0', '/securityMeasureIds/1'],
    ],
  ];
  for (const [what, patch, expectedPaths] of patches) {
    const response = await call(app, 'PATCH', existingUrl, patch);
    assertProblem(t, response, 422, 'UNKNOWN_REFERENCE');
    t.strictSame(paths(response), expectedPaths, `${what}: paths`);
    t.strictSame(await get(app, existing.id), before, `${what}: activity unchanged`);
  }
});

t.test('400 VALIDATION_FAILED for malformed bodies, naming every bad field', async (t) => {
  const app = await buildTestApp(t);
  const b = await buildingBlocks(app);
  const post = (body: object) => call(app, 'POST', '/v1/processing-activities', body);
  const valid = () => fullBody(b, 'Valid');

  const cases: [string, (body: any) => void, string[]][] = [
    ['legalBasisIds as a string', (body) => (body.purposes[0].legalBasisIds = b.lb['gdpr-6-1-b']), ['/purposes/0/legalBasisIds']],
    ['a bad uuid in controllerIds', (body) => (body.controllerIds = [b.orgA.id, 'not-a-uuid']), ['/controllerIds/1']],
    ['a duplicate purposeId', (body) => (body.purposes[1].purposeId = b.purposeA.id), ['/purposes/1/purposeId']],
    [
      'a duplicate dataCategoryId',
      (body) => (body.dataCategories[1].dataCategoryId = b.categoryA.id),
      ['/dataCategories/1/dataCategoryId'],
    ],
    ['a duplicate recipientId', (body) => (body.recipients[1].recipientId = b.recipientA.id), ['/recipients/1/recipientId']],
    ['an unknown nested field', (body) => (body.purposes[0].foo = 'bar'), ['/purposes/0/foo']],
    ['an invalid transfer country', (body) => (body.transfers[0].country = 'XX'), ['/transfers/0/country']],
    ['a lower-case transfer country', (body) => (body.transfers[0].country = 'us'), ['/transfers/0/country']],
    ['an impossible reviewDueAt', (body) => (body.reviewDueAt = '2026-13-40'), ['/reviewDueAt']],
    ['a missing name', (body) => delete body.name, ['/name']],
    ['a missing nested purposeId', (body) => delete body.purposes[0].purposeId, ['/purposes/0/purposeId']],
    ['a wrong type in a nested recipient', (body) => (body.recipients[0].dataCategoryIds = [42]), ['/recipients/0/dataCategoryIds/0']],
  ];
  for (const [what, spoil, expectedPaths] of cases) {
    const body = valid();
    spoil(body);
    const response = await post(body);
    assertProblem(t, response, 400, 'VALIDATION_FAILED');
    t.strictSame([...new Set(paths(response))], expectedPaths, `${what}: paths`);
    t.ok(
      response.data.errors.every((e: any) => e.in === 'body' && e.message),
      `${what}: in body, with a message`,
    );
  }

  // Three bad fields at once: three errors, one per field.
  const three = await post({ ...valid(), name: 123, role: 'boss', dpiaRequired: 'yes' });
  assertProblem(t, three, 400, 'VALIDATION_FAILED');
  t.strictSame(paths(three), ['/dpiaRequired', '/name', '/role']);
  t.equal(three.data.errors.length, 3);

  // Bad fields at different depths are reported together too.
  const nested = valid() as any;
  nested.controllerIds = ['nope'];
  nested.purposes[0].foo = 1;
  nested.transfers[0].country = 'XX';
  const nestedResponse = await post(nested);
  assertProblem(t, nestedResponse, 400, 'VALIDATION_FAILED');
  t.strictSame([...new Set(paths(nestedResponse))], ['/controllerIds/0', '/purposes/0/foo', '/transfers/0/country']);

  // A PATCH with a duplicate is refused the same way, and changes nothing.
  const existing = await create(app, 'processing-activities', valid());
  const duplicatePatch = await call(app, 'PATCH', `/v1/processing-activities/${existing.id}`, {
    status: 'active',
    purposes: [
      { purposeId: b.purposeA.id, legalBasisIds: [b.lb['gdpr-6-1-b']] },
      { purposeId: b.purposeA.id, legalBasisIds: [b.lb['gdpr-6-1-c']] },
    ],
  });
  assertProblem(t, duplicatePatch, 400, 'VALIDATION_FAILED');
  t.strictSame(paths(duplicatePatch), ['/purposes/1/purposeId']);
  t.strictSame(await get(app, existing.id), existing, 'unchanged after the refused PATCH');

  t.equal(await total(app), 1, 'only the one valid activity exists');
});

t.test('404 for unknown ids and 400 (not 500) for malformed ids', async (t) => {
  const app = await buildTestApp(t);
  const url = `/v1/processing-activities/${missing}`;
  for (const [method, payload] of [
    ['GET', undefined],
    ['PATCH', { status: 'active' }],
    ['DELETE', undefined],
  ] as const) {
    // A change names a version (If-Match); without one it is 428 before anything is looked up.
    const response = await call(app, method, url, payload, 'admin', method === 'GET' ? {} : { 'if-match': '"any"' });
    assertProblem(t, response, 404, 'NOT_FOUND');
    t.match(response.data.detail, missing, `${method}: detail names the id`);
    t.equal(response.data.instance, url);
  }
  for (const [method, payload] of [
    ['GET', undefined],
    ['PATCH', { status: 'active' }],
    ['DELETE', undefined],
  ] as const) {
    const response = await call(app, method, '/v1/processing-activities/abc', payload);
    assertProblem(t, response, 400, 'VALIDATION_FAILED');
    t.strictSame(
      response.data.errors.map((e: any) => [e.in, e.path]),
      [['params', '/id']],
      `${method}: the id param is named`,
    );
  }
  t.equal(await total(app), 0);
});

t.test('409 DUPLICATE on create and rename, case-insensitively', async (t) => {
  const app = await buildTestApp(t);
  const orders = await create(app, 'processing-activities', { name: 'Customer orders', owner: 'Sales' });
  const marketing = await create(app, 'processing-activities', { name: 'Marketing' });

  const duplicate = await call(app, 'POST', '/v1/processing-activities', { name: 'CUSTOMER ORDERS', owner: 'Other' });
  assertProblem(t, duplicate, 409, 'DUPLICATE');
  t.strictSame(paths(duplicate), ['/name']);
  const list = await call(app, 'GET', '/v1/processing-activities');
  t.equal(list.data.total, 2);
  t.strictSame(
    list.data.items.map((a: any) => a.name),
    ['Customer orders', 'Marketing'],
  );
  t.equal((await get(app, orders.id)).owner, 'Sales', 'the existing one is untouched');

  const rename = await call(app, 'PATCH', `/v1/processing-activities/${marketing.id}`, { name: 'customer Orders', status: 'active' });
  assertProblem(t, rename, 409, 'DUPLICATE');
  t.strictSame(paths(rename), ['/name']);
  t.strictSame(await get(app, marketing.id), marketing, 'the renamed one is unchanged, status included');

  // Changing the case of its own name is not a duplicate.
  const recase = await call(app, 'PATCH', `/v1/processing-activities/${marketing.id}`, { name: 'MARKETING' });
  t.equal(recase.statusCode, 200);
  t.equal((await get(app, marketing.id)).name, 'MARKETING');
});

t.test('list filters, sorting and pagination', async (t) => {
  const app = await buildTestApp(t);
  const b = await buildingBlocks(app);
  const alpha = await create(app, 'processing-activities', {
    name: 'Alpha billing',
    status: 'active',
    role: 'controller',
    owner: 'Finance',
    reviewDueAt: '2026-06-30',
    dpiaRequired: false,
    controllerIds: [b.orgA.id],
    purposes: [{ purposeId: b.purposeA.id, legalBasisIds: [b.lb['gdpr-6-1-b']] }],
    dataSubjectCategoryIds: [b.subjectA.id],
    dataCategories: [{ dataCategoryId: b.categoryA.id, retentionRuleId: b.retentionA.id, sourceChannelIds: [b.channelA.id] }],
    collectionChannelIds: [b.channelA.id],
    recipients: [{ recipientId: b.recipientA.id, dataCategoryIds: [b.categoryA.id] }],
    securityMeasureIds: [b.measureA.id],
  });
  const beta = await create(app, 'processing-activities', {
    name: 'Beta analytics',
    status: 'draft',
    role: 'processor',
    owner: 'Marketing',
    reviewDueAt: '2027-01-31',
    dpiaRequired: true,
    controllerIds: [b.orgB.id],
    purposes: [{ purposeId: b.purposeB.id, legalBasisIds: [b.lb['gdpr-6-1-a']] }],
    dataSubjectCategoryIds: [b.subjectB.id],
    dataCategories: [{ dataCategoryId: b.categoryB.id, retentionRuleId: b.retentionB.id }],
    transfers: [{ recipientId: b.recipientB.id, country: 'US', mechanismId: b.lb['gdpr-46-2-c'] }],
    securityMeasureIds: [b.measureB.id],
  });
  const gamma = await create(app, 'processing-activities', {
    name: 'Gamma support',
    status: 'retired',
    role: 'joint-controller',
    owner: 'Finance',
    dpiaRequired: false,
    controllerIds: [b.orgA.id, b.orgB.id],
    purposes: [{ purposeId: b.purposeA.id, legalBasisIds: [b.lb['gdpr-6-1-b'], b.lb['gdpr-6-1-f']] }],
    dataCategories: [{ dataCategoryId: b.categoryA.id }, { dataCategoryId: b.categoryB.id, retentionRuleId: b.retentionB.id }],
    collectionChannelIds: [b.channelB.id],
    recipients: [{ recipientId: b.recipientB.id, dataCategoryIds: [b.categoryB.id] }],
    transfers: [{ recipientId: b.recipientA.id, country: 'IN', mechanismId: b.lb['gdpr-49-1-a'] }],
  });
  const [A, B, G] = [alpha.name, beta.name, gamma.name];

  const names = async (query: string) => {
    const response = await call(app, 'GET', `/v1/processing-activities?${query}`);
    t.equal(response.statusCode, 200, `${query}: 200`);
    t.equal(response.data.total, response.data.items.length, `${query}: total matches`);
    return response.data.items.map((a: any) => a.name);
  };
  const expectations: [string, string[]][] = [
    ['', [A, B, G]],
    ['status=active', [A]],
    ['status=draft', [B]],
    ['role=processor', [B]],
    ['role=joint-controller', [G]],
    ['owner=Finance', [A, G]],
    ['owner=finance', []],
    ['q=ALPH', [A]],
    ['q=a', [A, B, G]],
    ['q=support', [G]],
    ['q=%25', []],
    [`controllerId=${b.orgA.id}`, [A, G]],
    [`purposeId=${b.purposeA.id}`, [A, G]],
    [`purposeId=${b.purposeB.id}`, [B]],
    [`legalBasisId=${b.lb['gdpr-6-1-b']}`, [A, G]],
    [`legalBasisId=${b.lb['gdpr-6-1-f']}`, [G]],
    [`legalBasisId=${b.lb['gdpr-46-2-c']}`, [B]], // only as a transfer mechanism
    [`legalBasisId=${b.lb['gdpr-49-1-a']}`, [G]], // only as a transfer mechanism
    [`legalBasisId=${b.lb['gdpr-6-1-c']}`, []],
    [`dataSubjectCategoryId=${b.subjectB.id}`, [B]],
    [`recipientId=${b.recipientA.id}`, [A, G]], // A as recipient, G by transfer
    [`recipientId=${b.recipientB.id}`, [B, G]], // B by transfer, G as recipient
    [`dataCategoryId=${b.categoryA.id}`, [A, G]],
    [`dataCategoryId=${b.categoryB.id}`, [B, G]],
    [`collectionChannelId=${b.channelB.id}`, [G]],
    [`retentionRuleId=${b.retentionB.id}`, [B, G]],
    [`securityMeasureId=${b.measureA.id}`, [A]],
    ['transferCountry=US', [B]],
    ['transferCountry=IN', [G]],
    ['transferCountry=DE', []],
    ['reviewDueBefore=2027-01-01', [A]],
    ['reviewDueBefore=2027-02-01', [A, B]],
    ['reviewDueBefore=2026-06-30', []],
    ['dpiaRequired=true', [B]],
    ['dpiaRequired=false', [A, G]],
    ['owner=Finance&status=retired', [G]],
    [`purposeId=${b.purposeA.id}&transferCountry=IN`, [G]],
    [`purposeId=${b.purposeA.id}&legalBasisId=${b.lb['gdpr-6-1-f']}&dpiaRequired=true`, []],
    ['sort=name', [A, B, G]],
    ['sort=-name', [G, B, A]],
    ['sort=reviewDueAt', [A, B, G]],
    ['sort=-reviewDueAt', [B, A, G]],
    ['sort=-name&owner=Finance', [G, A]],
  ];
  for (const [query, expected] of expectations) t.strictSame(await names(query), expected, `?${query}`);

  // Filtered items are complete activities, links resolved.
  const filtered = await call(app, 'GET', `/v1/processing-activities?transferCountry=US`);
  t.strictSame(filtered.data.items, [await get(app, beta.id)]);

  // Pagination.
  const page = async (query: string) => (await call(app, 'GET', `/v1/processing-activities?${query}`)).data;
  let data = await page('limit=2');
  t.strictSame(
    data.items.map((a: any) => a.name),
    [A, B],
  );
  t.match(data, { total: 3, limit: 2, offset: 0 });
  data = await page('limit=2&offset=2');
  t.strictSame(
    data.items.map((a: any) => a.name),
    [G],
  );
  t.match(data, { total: 3, limit: 2, offset: 2 });
  data = await page('limit=2&offset=1&sort=-name');
  t.strictSame(
    data.items.map((a: any) => a.name),
    [B, A],
  );
  t.match(data, { total: 3, limit: 2, offset: 1 });
  data = await page('limit=1&offset=1&owner=Finance');
  t.strictSame(
    data.items.map((a: any) => a.name),
    [G],
  );
  t.match(data, { total: 2, limit: 1, offset: 1 });
  data = await page('offset=5');
  t.strictSame(data.items, []);
  t.match(data, { total: 3, limit: 20, offset: 5 });
  data = await page('limit=100');
  t.equal(data.items.length, 3);

  // Bad query parameters.
  const badQueries: [string, string][] = [
    ['limit=101', '/limit'],
    ['limit=0', '/limit'],
    ['offset=-1', '/offset'],
    ['sort=owner', '/sort'],
    ['status=archived', '/status'],
    ['purposeId=abc', '/purposeId'],
    ['transferCountry=XX', '/transferCountry'],
    ['reviewDueBefore=2027-13-01', '/reviewDueBefore'],
    ['dpiaRequired=maybe', '/dpiaRequired'],
  ];
  for (const [query, path] of badQueries) {
    const response = await call(app, 'GET', `/v1/processing-activities?${query}`);
    assertProblem(t, response, 400, 'VALIDATION_FAILED');
    t.strictSame([...new Set(response.data.errors.map((e: any) => `${e.in} ${e.path}`))], [`query ${path}`], `?${query}`);
  }
});

t.test('deleting activities and the building blocks they link', async (t) => {
  const app = await buildTestApp(t);
  const b = await buildingBlocks(app);
  const blockUrls = [
    `/v1/organisations/${b.orgA.id}`,
    `/v1/purposes/${b.purposeA.id}`,
    `/v1/data-subject-categories/${b.subjectA.id}`,
    `/v1/data-categories/${b.categoryA.id}`,
    `/v1/retention-rules/${b.retentionA.id}`,
    `/v1/collection-channels/${b.channelA.id}`,
    `/v1/recipients/${b.recipientA.id}`,
    `/v1/security-measures/${b.measureA.id}`,
    `/v1/legal-bases/${b.lb['gdpr-45']}`,
  ];

  // Deleting an activity removes it and its links; the building blocks stay.
  const full = await create(app, 'processing-activities', fullBody(b, 'Full'));
  const deleted = await call(app, 'DELETE', `/v1/processing-activities/${full.id}`);
  t.equal(deleted.statusCode, 204);
  t.equal(deleted.body, '');
  assertProblem(t, await call(app, 'GET', `/v1/processing-activities/${full.id}`), 404, 'NOT_FOUND');
  assertProblem(
    t,
    await call(app, 'DELETE', `/v1/processing-activities/${full.id}`, undefined, 'admin', { 'if-match': '"any"' }),
    404,
    'NOT_FOUND',
  );
  t.equal(await total(app), 0);
  for (const url of blockUrls) t.equal((await call(app, 'GET', url)).statusCode, 200, `${url} still exists`);

  // A building block still linked cannot be deleted; the error names the activity, once.
  const first = await create(app, 'processing-activities', fullBody(b, 'Linked one'));
  const second = await create(app, 'processing-activities', {
    name: 'Linked two',
    purposes: [{ purposeId: b.purposeA.id, legalBasisIds: [b.lb['gdpr-6-1-b']] }],
  });
  const linkedOne = { resource: 'processing-activities', id: first.id, name: 'Linked one' };
  const linkedTwo = { resource: 'processing-activities', id: second.id, name: 'Linked two' };

  const purpose = await call(app, 'DELETE', `/v1/purposes/${b.purposeA.id}`);
  assertProblem(t, purpose, 409, 'STILL_REFERENCED');
  t.strictSame(purpose.data.referencedBy, [linkedOne, linkedTwo], 'both activities named');
  t.equal((await call(app, 'GET', `/v1/purposes/${b.purposeA.id}`)).statusCode, 200, 'purpose still there');

  // Recipient A is both a recipient and a transfer destination of the same activity.
  const recipient = await call(app, 'DELETE', `/v1/recipients/${b.recipientA.id}`);
  assertProblem(t, recipient, 409, 'STILL_REFERENCED');
  t.strictSame(recipient.data.referencedBy, [linkedOne], 'the activity is named once');

  // Blocks linked only through nested links are protected too.
  for (const url of [
    `/v1/retention-rules/${b.retentionB.id}`,
    `/v1/collection-channels/${b.channelB.id}`,
    `/v1/organisations/${b.orgB.id}`,
    `/v1/data-subject-categories/${b.subjectB.id}`,
    `/v1/security-measures/${b.measureB.id}`,
    `/v1/data-categories/${b.categoryB.id}`,
  ]) {
    const response = await call(app, 'DELETE', url);
    assertProblem(t, response, 409, 'STILL_REFERENCED');
    t.strictSame(response.data.referencedBy, [linkedOne], `${url} names the activity`);
  }
  t.strictSame(await get(app, first.id), first, 'the activity is untouched by the refused deletes');

  // Once the activities are gone, the building blocks can be deleted.
  t.equal((await call(app, 'DELETE', `/v1/processing-activities/${first.id}`)).statusCode, 204);
  const stillTwo = await call(app, 'DELETE', `/v1/purposes/${b.purposeA.id}`);
  assertProblem(t, stillTwo, 409, 'STILL_REFERENCED');
  t.strictSame(stillTwo.data.referencedBy, [linkedTwo], 'only the remaining activity is named');
  t.equal((await call(app, 'DELETE', `/v1/processing-activities/${second.id}`)).statusCode, 204);

  const purposeGone = await call(app, 'DELETE', `/v1/purposes/${b.purposeA.id}`);
  t.equal(purposeGone.statusCode, 204);
  assertProblem(t, await call(app, 'GET', `/v1/purposes/${b.purposeA.id}`), 404, 'NOT_FOUND');
  t.equal((await call(app, 'DELETE', `/v1/recipients/${b.recipientA.id}`)).statusCode, 204);
  assertProblem(t, await call(app, 'GET', `/v1/recipients/${b.recipientA.id}`), 404, 'NOT_FOUND');
  t.equal(await total(app), 0);
});
