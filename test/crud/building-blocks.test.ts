import t from 'tap';
import { buildTestApp, call, create } from '../helper';

/**
 * Every building-block resource shares one CRUD mechanism; this table drives the same checks
 * through each of them: create (full and minimal), get, list with filters, update, clear with
 * null, unique names, unknown fields, wrong types, 404s and delete.
 */
interface Case {
  path: string;
  minimal: Record<string, unknown>;
  full: Record<string, unknown>;
  patch: Record<string, unknown>;
  /** A nullable field of `full` that PATCH null clears. */
  clearable: string;
  /** A filter that matches `full` but not `minimal`. */
  filter?: [string, string];
  /** A field with a value of the wrong type or out of its domain. */
  invalid: [string, unknown];
  /** The natural key that must be unique (default: name, case-insensitively). */
  unique?: string;
}

const cases: Case[] = [
  {
    path: 'organisations',
    minimal: { name: 'Minimal Org' },
    full: {
      name: 'Woktron Ltd.',
      roles: ['controller'],
      description: 'Hosting company',
      address: 'Keizersgracht 1, Amsterdam',
      country: 'NL',
      email: 'info@woktron.com',
      phone: '+31 20 000 0000',
      website: 'https://www.woktron.com',
      dpoName: 'J. de Vries',
      dpoEmail: 'dpo@woktron.com',
      privacyContactEmail: 'services@woktron.com',
      privacyResponseDays: 14,
    },
    patch: { privacyResponseDays: 30 },
    clearable: 'dpoName',
    filter: ['country', 'NL'],
    invalid: ['country', 'XX'],
  },
  {
    path: 'data-subject-categories',
    minimal: { name: 'Prospects' },
    full: { name: 'Customers', description: 'People who ordered a service', vulnerable: false },
    patch: { vulnerable: true },
    clearable: 'description',
    invalid: ['vulnerable', 'yes'],
  },
  {
    path: 'data-categories',
    minimal: { name: 'Usage data' },
    full: { name: 'Identity documents', description: 'Passport copies', examples: ['passport'], sensitivity: 'special' },
    patch: { sensitivity: 'criminal' },
    clearable: 'description',
    filter: ['sensitivity', 'special'],
    invalid: ['sensitivity', 'secret'],
  },
  {
    path: 'collection-channels',
    minimal: { name: 'Email', sourceType: 'data-subject', mechanism: 'email' },
    full: {
      name: 'Google Analytics cookies',
      description: 'Analytics cookies',
      sourceType: 'observed',
      mechanism: 'cookie',
      cookie: { provider: 'Google', purpose: 'Analytics', lifetime: 'P2Y', party: 'third-party', names: ['_ga'] },
    },
    patch: { description: 'Website statistics' },
    clearable: 'description',
    filter: ['mechanism', 'cookie'],
    invalid: ['sourceType', 'telepathy'],
  },
  {
    path: 'purposes',
    minimal: { name: 'Marketing' },
    full: { name: 'Processing orders', description: 'Orders and contracts' },
    patch: { description: 'Orders, contracts and service delivery' },
    clearable: 'description',
    invalid: ['description', 42],
  },
  {
    path: 'legal-bases',
    minimal: {
      code: 'nl-uavg-46',
      name: 'UAVG criminal data',
      kind: 'criminal-data-condition',
      article: 'Art. 31 UAVG',
      jurisdiction: 'NL',
    },
    full: {
      code: 'nl-awr-52',
      name: 'Fiscal retention obligation',
      kind: 'lawful-basis',
      article: 'Art. 52 AWR',
      description: 'Keep books for seven years',
      dpvIri: 'https://w3id.org/dpv#LegalObligation',
      jurisdiction: 'NL',
    },
    patch: { article: 'Art. 52 lid 4 AWR' },
    clearable: 'description',
    filter: ['kind', 'lawful-basis'],
    invalid: ['code', 'Not A Code'],
    unique: 'code',
  },
  {
    path: 'recipients',
    minimal: { name: 'Collection agencies', kind: 'independent-controller', category: 'collection-agency' },
    full: {
      name: 'Google Analytics',
      description: 'Web analytics',
      kind: 'processor',
      category: 'analytics-provider',
      country: 'US',
      processingAgreementRef: 'Google Ads Data Processing Terms',
    },
    patch: { country: 'IE' },
    clearable: 'processingAgreementRef',
    filter: ['kind', 'processor'],
    invalid: ['kind', 'friend'],
  },
  {
    path: 'retention-rules',
    minimal: { name: 'Short', duration: 'P30D', startEvent: 'collection' },
    full: {
      name: 'Customer records',
      description: 'Typically 7 years',
      duration: 'P7Y',
      maximumDuration: 'P10Y',
      startEvent: 'End of contract',
      endAction: 'review',
      legalReference: 'Art. 52 AWR',
    },
    patch: { endAction: 'anonymise' },
    clearable: 'maximumDuration',
    filter: ['endAction', 'review'],
    invalid: ['duration', '7 years'],
  },
  {
    path: 'security-measures',
    minimal: { name: 'Password managers', type: 'technical' },
    full: { name: 'PCI DSS compliance', description: 'Card data processes', type: 'organisational', standardReference: 'PCI DSS' },
    patch: { standardReference: 'PCI DSS v4.0' },
    clearable: 'standardReference',
    filter: ['type', 'organisational'],
    invalid: ['type', 'magical'],
  },
  {
    path: 'systems',
    minimal: { name: 'Filing cabinet' },
    full: {
      name: 'Customer database',
      description: 'Orders and contracts',
      kind: 'database',
      owner: 'IT department',
      hostingCountries: ['NL', 'DE'],
    },
    patch: { hostingCountries: ['US'] },
    clearable: 'owner',
    filter: ['kind', 'database'],
    invalid: ['kind', 'cloud'],
  },
];

for (const c of cases) {
  t.test(`${c.path}: create, read, list, update, delete`, async (t) => {
    const app = await buildTestApp(t);
    const base = `/v1/${c.path}`;
    const builtIn = c.path === 'legal-bases' ? (await call(app, 'GET', `${base}?limit=1`)).data.total : 0;

    const created = await call(app, 'POST', base, c.full);
    t.equal(created.statusCode, 201, 'created');
    t.equal(created.headers.location, `${base}/${created.data.id}`);
    t.match(created.data, { ...c.full, version: 1 }, 'response echoes every field');
    t.match(created.data.id, /^[0-9a-f-]{36}$/);
    const minimal = await create(app, c.path, c.minimal);
    t.match(minimal, c.minimal);

    const fetched = await call(app, 'GET', `${base}/${created.data.id}`);
    t.equal(fetched.statusCode, 200);
    t.same(fetched.data, created.data, 'GET returns what POST returned');

    const list = await call(app, 'GET', `${base}?limit=100`);
    t.equal(list.data.total, builtIn + 2);
    t.ok(list.data.items.some((item: any) => item.id === minimal.id));

    const search = await call(app, 'GET', `${base}?q=${encodeURIComponent(String(c.full.name).slice(0, 4).toUpperCase())}`);
    t.ok(
      search.data.items.some((item: any) => item.id === created.data.id),
      'q searches names case-insensitively',
    );
    t.notOk(search.data.items.some((item: any) => item.id === minimal.id));

    if (c.filter) {
      const [param, value] = c.filter;
      const filtered = await call(app, 'GET', `${base}?${param}=${value}&limit=100`);
      t.equal(filtered.statusCode, 200);
      t.ok(
        filtered.data.items.some((item: any) => item.id === created.data.id),
        `filter ${param} includes the match`,
      );
      t.notOk(
        filtered.data.items.some((item: any) => item.id === minimal.id),
        `filter ${param} excludes the rest`,
      );
    }

    const updated = await call(app, 'PATCH', `${base}/${created.data.id}`, c.patch);
    t.equal(updated.statusCode, 200);
    t.match(updated.data, { ...c.full, ...c.patch, version: 2 }, 'patched field changed, others kept');

    const cleared = await call(app, 'PATCH', `${base}/${created.data.id}`, { [c.clearable]: null });
    t.equal(cleared.statusCode, 200);
    t.equal(cleared.data[c.clearable], null, 'null clears an optional field');

    const unique = c.unique ?? 'name';
    const taken = unique === 'name' ? String(c.full.name).toUpperCase() : c.full[unique];
    const duplicate = await call(app, 'POST', base, { ...c.minimal, [unique]: taken });
    t.equal(duplicate.statusCode, 409, `${unique} is unique`);
    t.equal(duplicate.data.code, 'DUPLICATE');
    t.same(duplicate.data.errors, [{ in: 'body', path: `/${unique}`, message: duplicate.data.errors[0].message }]);

    const renamed = await call(app, 'PATCH', `${base}/${minimal.id}`, { [unique]: c.full[unique] });
    t.equal(renamed.statusCode, 409, `changing ${unique} onto an existing one is refused`);

    const [field, value] = c.invalid;
    const invalid = await call(app, 'POST', base, { ...c.minimal, name: 'Another', [field]: value, surplus: true });
    t.equal(invalid.statusCode, 400);
    t.match(invalid.headers['content-type'], /^application\/problem\+json/);
    t.equal(invalid.data.code, 'VALIDATION_FAILED');
    const paths = invalid.data.errors.map((error: any) => error.path).sort();
    t.same(paths, [`/${field}`, '/surplus'].sort(), 'every bad field is reported, unknown fields too');

    const missing = await call(app, 'POST', base, {});
    t.equal(missing.statusCode, 400);
    t.ok(missing.data.errors.some((error: any) => error.path === '/name' && error.message === 'is required'));

    const emptyPatch = await call(app, 'PATCH', `${base}/${minimal.id}`, {});
    t.equal(emptyPatch.statusCode, 400, 'an empty patch is refused');
    const nullName = await call(app, 'PATCH', `${base}/${minimal.id}`, { name: null });
    t.equal(nullName.statusCode, 400, 'required fields cannot be cleared');

    const after = await call(app, 'GET', `${base}?limit=100`);
    t.equal(after.data.total, builtIn + 2, 'refused requests stored nothing');

    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      // With an If-Match, as every change must have (without one it is 428 before anything is looked up).
      const ifMatch: Record<string, string> = method === 'GET' ? {} : { 'if-match': '"any"' };
      const response = await call(app, method, `${base}/${unknown}`, method === 'PATCH' ? c.patch : undefined, 'admin', ifMatch);
      t.equal(response.statusCode, 404, `${method} unknown id is 404`);
      t.equal(response.data.code, 'NOT_FOUND');
      const malformed = await call(app, method, `${base}/not-a-uuid`, method === 'PATCH' ? c.patch : undefined);
      t.equal(malformed.statusCode, 400, `${method} malformed id is 400`);
    }

    const deleted = await call(app, 'DELETE', `${base}/${minimal.id}`);
    t.equal(deleted.statusCode, 204);
    t.equal((await call(app, 'GET', `${base}/${minimal.id}`)).statusCode, 404);
  });
}

t.test('lists page with a stable sort and a hard maximum page size', async (t) => {
  const app = await buildTestApp(t);
  for (const name of ['delta', 'Alpha', 'charlie', 'Bravo', 'echo']) await create(app, 'purposes', { name });
  const page1 = await call(app, 'GET', '/v1/purposes?limit=2&offset=0&sort=name');
  const page2 = await call(app, 'GET', '/v1/purposes?limit=2&offset=2&sort=name');
  const page3 = await call(app, 'GET', '/v1/purposes?limit=2&offset=4&sort=name');
  t.same(
    [...page1.data.items, ...page2.data.items, ...page3.data.items].map((p: any) => p.name),
    ['Alpha', 'Bravo', 'charlie', 'delta', 'echo'],
    'case-insensitive name order across pages',
  );
  t.same([page1.data.total, page1.data.limit, page1.data.offset], [5, 2, 0]);
  const descending = await call(app, 'GET', '/v1/purposes?sort=-name');
  t.equal(descending.data.items[0].name, 'echo');
  const past = await call(app, 'GET', '/v1/purposes?offset=10');
  t.same([past.data.items, past.data.total], [[], 5]);

  for (const query of ['limit=101', 'limit=0', 'offset=-1', 'sort=colour', 'limit=abc', 'unknown=1']) {
    const response = await call(app, 'GET', `/v1/purposes?${query}`);
    t.equal(response.statusCode, 400, `${query} is refused`);
    t.equal(response.data.errors[0].in, 'query');
  }
  const like = await call(app, 'GET', '/v1/purposes?q=%25');
  t.equal(like.data.total, 0, '% in q matches a literal percent sign, not everything');
});

t.test('links between building blocks: references, expansion, cycles and 409 on delete', async (t) => {
  const app = await buildTestApp(t);
  const parent = await create(app, 'data-categories', { name: 'Account information' });
  const child = await create(app, 'data-categories', { name: 'Customer ID', parentId: parent.id });
  t.same(child.parent, { id: parent.id, name: 'Account information' }, 'parent resolved to id + name');
  const children = await call(app, 'GET', `/v1/data-categories?parentId=${parent.id}`);
  t.same(
    children.data.items.map((c: any) => c.name),
    ['Customer ID'],
  );

  const cycle = await call(app, 'PATCH', `/v1/data-categories/${parent.id}`, { parentId: child.id });
  t.equal(cycle.statusCode, 422, 'a category cannot be put under its own child');
  t.equal(cycle.data.errors[0].path, '/parentId');
  const self = await call(app, 'PATCH', `/v1/data-categories/${parent.id}`, { parentId: parent.id });
  t.equal(self.statusCode, 422);

  const ghost = await call(app, 'POST', '/v1/data-categories', { name: 'Orphan', parentId: '00000000-0000-4000-8000-000000000000' });
  t.equal(ghost.statusCode, 422, 'a reference to a missing entry is 422');
  t.same(ghost.data.errors, [{ in: 'body', path: '/parentId', message: 'refers to an entry that does not exist' }]);

  const blocked = await call(app, 'DELETE', `/v1/data-categories/${parent.id}`);
  t.equal(blocked.statusCode, 409);
  t.equal(blocked.data.code, 'STILL_REFERENCED');
  t.same(blocked.data.referencedBy, [{ resource: 'data-categories', id: child.id, name: 'Customer ID' }]);

  const google = await create(app, 'organisations', { name: 'Google LLC', roles: ['processor'], country: 'US' });
  const recipient = await create(app, 'recipients', {
    name: 'Google Analytics',
    kind: 'processor',
    category: 'analytics-provider',
    organisationId: google.id,
  });
  t.same(recipient.organisation, { id: google.id, name: 'Google LLC' });
  const byOrganisation = await call(app, 'GET', `/v1/recipients?organisationId=${google.id}`);
  t.equal(byOrganisation.data.total, 1);
  const orgBlocked = await call(app, 'DELETE', `/v1/organisations/${google.id}`);
  t.equal(orgBlocked.statusCode, 409);
  t.same(orgBlocked.data.referencedBy, [{ resource: 'recipients', id: recipient.id, name: 'Google Analytics' }]);
  const processors = await call(app, 'GET', '/v1/organisations?role=processor');
  t.same(
    processors.data.items.map((o: any) => o.name),
    ['Google LLC'],
  );
  const ownRep = await call(app, 'PATCH', `/v1/organisations/${google.id}`, { representativeId: google.id });
  t.equal(ownRep.statusCode, 422);
});

t.test('collection channels: cookie details exactly when the mechanism is cookie', async (t) => {
  const app = await buildTestApp(t);
  const missing = await call(app, 'POST', '/v1/collection-channels', { name: 'Cookies', sourceType: 'observed', mechanism: 'cookie' });
  t.equal(missing.statusCode, 400);
  t.same(
    missing.data.errors.map((e: any) => e.path),
    ['/cookie'],
  );
  const cookie = { provider: 'Woktron', purpose: 'Preferences', lifetime: 'session', party: 'first-party' };
  const misplaced = await call(app, 'POST', '/v1/collection-channels', {
    name: 'Mail',
    sourceType: 'data-subject',
    mechanism: 'email',
    cookie,
  });
  t.equal(misplaced.statusCode, 400);
  const badCookie = await call(app, 'POST', '/v1/collection-channels', {
    name: 'Cookies',
    sourceType: 'observed',
    mechanism: 'cookie',
    cookie: { ...cookie, party: 'fourth-party', colour: 'blue' },
  });
  t.same(badCookie.data.errors.map((e: any) => e.path).sort(), ['/cookie/colour', '/cookie/party']);
  const channel = await create(app, 'collection-channels', {
    name: 'Functional cookies',
    sourceType: 'observed',
    mechanism: 'cookie',
    cookie,
  });
  t.same(channel.cookie, cookie);
  const switched = await call(app, 'PATCH', `/v1/collection-channels/${channel.id}`, { mechanism: 'web-form', cookie: null });
  t.equal(switched.statusCode, 200);
  t.equal(switched.data.cookie, null);
  const stale = await call(app, 'PATCH', `/v1/collection-channels/${channel.id}`, { mechanism: 'cookie' });
  t.equal(stale.statusCode, 400, 'switching to cookie without details is refused');
});

t.test('legal bases: GDPR reference data is shipped and read-only; own bases are editable', async (t) => {
  const app = await buildTestApp(t);
  const all = await call(app, 'GET', '/v1/legal-bases?limit=100&builtIn=true');
  const codes = all.data.items.map((b: any) => b.code);
  for (const code of [
    'gdpr-6-1-a',
    'gdpr-6-1-f',
    'gdpr-9-2-a',
    'gdpr-9-2-j',
    'gdpr-10',
    'gdpr-45',
    'gdpr-46-2-a',
    'gdpr-46-2-f',
    'gdpr-47',
    'gdpr-49-1-a',
    'gdpr-49-1-g',
  ]) {
    t.ok(codes.includes(code), `${code} is shipped`);
  }
  t.equal(codes.filter((c: string) => c.startsWith('gdpr-6-1-')).length, 6);
  t.equal(codes.filter((c: string) => c.startsWith('gdpr-9-2-')).length, 10);
  const consent = all.data.items.find((b: any) => b.code === 'gdpr-6-1-a');
  t.match(consent, {
    kind: 'lawful-basis',
    article: 'Art. 6(1)(a)',
    name: 'Consent',
    dpvIri: 'https://w3id.org/dpv/legal/eu/gdpr#A6-1-a',
    builtIn: true,
  });
  const mechanisms = await call(app, 'GET', '/v1/legal-bases?kind=transfer-mechanism&limit=100');
  t.ok(mechanisms.data.items.every((b: any) => b.kind === 'transfer-mechanism'));

  const edit = await call(app, 'PATCH', `/v1/legal-bases/${consent.id}`, { name: 'Agreement' });
  t.equal(edit.statusCode, 409);
  t.equal(edit.data.code, 'READ_ONLY');
  const remove = await call(app, 'DELETE', `/v1/legal-bases/${consent.id}`);
  t.equal(remove.data.code, 'READ_ONLY');
  t.equal((await call(app, 'GET', `/v1/legal-bases/${consent.id}`)).data.name, 'Consent', 'unchanged');

  const reserved = await call(app, 'POST', '/v1/legal-bases', {
    code: 'gdpr-99',
    name: 'Fake',
    kind: 'lawful-basis',
    article: 'Art. 99',
    jurisdiction: 'EU',
  });
  t.equal(reserved.statusCode, 400);
  t.same(
    reserved.data.errors.map((e: any) => e.path),
    ['/code'],
  );
  const builtInFlag = await call(app, 'POST', '/v1/legal-bases', {
    code: 'nl-x',
    name: 'X',
    kind: 'lawful-basis',
    article: 'Art. 1',
    jurisdiction: 'NL',
    builtIn: true,
  });
  t.equal(builtInFlag.statusCode, 400, 'builtIn cannot be set through the API');
  const own = await create(app, 'legal-bases', { code: 'nl-x', name: 'X', kind: 'lawful-basis', article: 'Art. 1', jurisdiction: 'NL' });
  t.equal(own.builtIn, false);
  const sameCode = await call(app, 'POST', '/v1/legal-bases', {
    code: 'nl-x',
    name: 'Y',
    kind: 'lawful-basis',
    article: 'Art. 1',
    jurisdiction: 'NL',
  });
  t.equal(sameCode.statusCode, 409);
  t.same(
    sameCode.data.errors.map((e: any) => e.path),
    ['/code'],
  );
});

t.test('building blocks filter by the processing activity that links them (activityId)', async (t) => {
  const app = await buildTestApp(t);
  const used = await create(app, 'purposes', { name: 'Used' });
  await create(app, 'purposes', { name: 'Unused' });
  const channel = await create(app, 'collection-channels', { name: 'Form', sourceType: 'data-subject', mechanism: 'web-form' });
  const category = await create(app, 'data-categories', { name: 'Contact details' });
  const consent = (await call(app, 'GET', '/v1/legal-bases?code=gdpr-6-1-a')).data.items[0];
  const activity = await create(app, 'processing-activities', {
    name: 'Newsletter',
    purposes: [{ purposeId: used.id, legalBasisIds: [consent.id] }],
    collectionChannelIds: [channel.id],
    dataCategories: [{ dataCategoryId: category.id, sourceChannelIds: [channel.id] }],
  });
  const names = async (path: string) =>
    (await call(app, 'GET', `/v1/${path}?activityId=${activity.id}&limit=100`)).data.items.map((item: any) => item.name);
  t.same(await names('purposes'), ['Used']);
  t.same(await names('legal-bases'), ['Consent'], 'through the nested purpose → legal basis link');
  t.same(await names('collection-channels'), ['Form']);
  t.same(await names('data-categories'), ['Contact details']);
  t.same(await names('recipients'), []);
});
