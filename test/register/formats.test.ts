import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import jsonld from 'jsonld';
import t from 'tap';
import { csvColumns, csvField } from '../../src/register/render-csv';
import { woktronRegister } from '../../src/seed/woktron-register';
import { authHeader, buildTestApp, create } from '../helper';
import { sharedWoktronApp } from '../support/register-fixtures';
import { entryName } from '../../src/import/register-document';

// The other representations of the register: JSON-LD with W3C DPV terms (expanded offline by a
// JSON-LD processor) and CSV in the UK ICO template's columns (round-tripped through a parser).

/** One app with the Woktron register for the tests that only read it. */
const seeded = sharedWoktronApp(t);

async function fetchAs(app: FastifyInstance, accept: string, query = '') {
  const response = await app.inject({
    method: 'GET',
    url: `/v1/register${query}`,
    headers: { ...(await authHeader(app, 'auditor')), accept },
  });
  if (response.statusCode !== 200) throw new Error(`${response.statusCode}: ${response.body}`);
  return response;
}

/** A JSON-LD document loader that refuses the network: the document must carry its context. */
const offline = async (url: string): Promise<never> => {
  throw new Error(`the JSON-LD processor tried to load ${url}`);
};

const dpv = 'https://w3id.org/dpv#';
const gdpr = 'https://w3id.org/dpv/legal/eu/gdpr#';

t.test('JSON-LD: expands offline (inline @context) and uses DPV IRIs', async (t) => {
  const app = await seeded();
  const response = await fetchAs(app, 'application/ld+json');
  t.match(response.headers['content-type'], /^application\/ld\+json; charset=utf-8/);
  t.match(response.headers['content-disposition'], /^attachment; filename="register-\d{4}-\d{2}-\d{2}\.jsonld"$/);
  const document = JSON.parse(response.body);
  t.type(document['@context'], 'object', 'the @context is inline, not a URL');
  t.equal(document['@context'].dpv, dpv);
  t.equal(document['@context']['eu-gdpr'], gdpr);

  const expanded = (await jsonld.expand(document, { documentLoader: offline as never })) as any[];
  t.ok(expanded.length > woktronRegister.activities.length, `${expanded.length} top-level nodes`);
  const ofType = (type: string) => expanded.filter((node) => (node['@type'] ?? []).includes(type));
  const handlings = ofType(`${dpv}PersonalDataHandling`);
  t.equal(handlings.length, woktronRegister.activities.length, 'one dpv:PersonalDataHandling per activity');
  t.equal(ofType(`${dpv}RecordsOfActivities`).length, 1, 'the register node');
  t.ok(ofType(`${dpv}DataController`).length >= 1, 'the controller is a dpv:DataController');

  const label = (node: any) => node['http://www.w3.org/2000/01/rdf-schema#label']?.[0]?.['@value'];
  for (const seed of woktronRegister.activities) {
    const node = handlings.find((candidate) => label(candidate) === seed.name);
    t.ok(node, `${seed.name}: present`);
    if (!node) continue;
    const ids = (property: string) => (node[`${dpv}${property}`] ?? []).map((value: any) => value['@id']);
    t.equal(ids('hasPurpose').length, seed.purposes.length, `${seed.name}: dpv:hasPurpose per purpose`);
    const bases = new Set(seed.purposes.flatMap((p) => p.legalBases.map(entryName)));
    t.equal(ids('hasLegalBasis').length, bases.size, `${seed.name}: dpv:hasLegalBasis per legal basis`);
    for (const code of bases) {
      const match = /^gdpr-(\d+)-(\d+)-([a-z])$/.exec(code);
      if (match) t.ok(ids('hasLegalBasis').includes(`${gdpr}A${match[1]}-${match[2]}-${match[3]}`), `${seed.name}: ${code} as its DPV IRI`);
    }
    t.equal(ids('hasDataSubject').length, seed.dataSubjectCategories.length, `${seed.name}: dpv:hasDataSubject`);
    t.equal(ids('hasPersonalData').length, seed.dataCategories.length, `${seed.name}: dpv:hasPersonalData`);
    t.equal(ids('hasRecipient').length, seed.recipients.length, `${seed.name}: dpv:hasRecipient`);
    t.equal(
      ids('hasTechnicalOrganisationalMeasure').length,
      seed.securityMeasures.length,
      `${seed.name}: dpv:hasTechnicalOrganisationalMeasure`,
    );
    t.equal(ids('hasDataController').length, seed.controllers.length, `${seed.name}: dpv:hasDataController`);
    if (seed.dataCategories.some((d) => d.retentionRule))
      t.ok(ids('hasStorageCondition').length > 0, `${seed.name}: dpv:hasStorageCondition`);
  }
  // Transfers: the Google Analytics transfer with its mechanism (Art. 45(3) → eu-gdpr:A45-3) and third country.
  const nested = handlings.flatMap((node) => node[`${dpv}hasPersonalDataHandling`] ?? []);
  const transfers = nested.filter((node: any) => node[`${dpv}hasProcessing`]?.[0]?.['@id'] === `${dpv}Transfer`);
  t.equal(
    transfers.length,
    woktronRegister.activities.reduce((sum, a) => sum + a.transfers.length, 0),
    'one nested transfer per transfer',
  );
  t.ok(
    transfers.some(
      (node: any) =>
        node[`${dpv}hasThirdCountry`]?.[0]?.['@id'] === 'https://w3id.org/dpv/loc#US' &&
        node[`${dpv}hasLegalBasis`]?.[0]?.['@id'] === `${gdpr}A45-3`,
    ),
    'a transfer to the US on an adequacy decision',
  );
  const serialized = JSON.stringify(expanded);
  for (const term of [
    'hasPurpose',
    'hasLegalBasis',
    'hasPersonalData',
    'hasDataSubject',
    'hasRecipient',
    'hasDataController',
    'hasTechnicalOrganisationalMeasure',
    'hasStorageCondition',
    'StorageDuration',
    'hasRight',
  ]) {
    t.ok(serialized.includes(`${dpv}${term}`), `dpv:${term} is used`);
  }
  // And it is RDF: N-Quads come out of it.
  const quads = (await jsonld.toRDF(document, { format: 'application/n-quads', documentLoader: offline as never })) as unknown as string;
  t.ok(quads.split('\n').length > 500, `${quads.split('\n').length} quads`);
});

t.test('CSV: the ICO columns, one row per activity × purpose, round-trips through a CSV parser', async (t) => {
  const app = await seeded();
  const response = await fetchAs(app, 'text/csv');
  t.match(response.headers['content-type'], /^text\/csv; charset=utf-8/);
  t.match(response.headers['content-disposition'], /^attachment; filename="register-\d{4}-\d{2}-\d{2}\.csv"$/);
  t.ok(response.body.endsWith('\r\n'), 'CRLF line ends');
  const records: string[][] = parse(response.body, { relax_column_count: false });
  const [header, ...rows] = records;
  const headers = csvColumns.map(([name]) => name);
  t.same(header, headers, 'the header row, once, first');
  for (const name of [
    'Purpose of processing',
    'Categories of individuals',
    'Categories of personal data',
    'Categories of recipients',
    'Retention schedule (if possible)',
  ]) {
    t.ok(headers.includes(name), `ICO column "${name}"`);
  }
  t.equal(
    rows.length,
    woktronRegister.activities.reduce((sum, a) => sum + Math.max(1, a.purposes.length), 0),
    'one row per activity × purpose',
  );
  t.notOk(
    rows.some((row) => row.some((cell, i) => cell === headers[i])),
    'no header text inside the data',
  );
  const column = (name: string) => headers.indexOf(name);
  const pairs = rows.map((row) => `${row[column('Processing activity')]} / ${row[column('Purpose of processing')]}`).sort();
  const expected = woktronRegister.activities.flatMap((a) => a.purposes.map((p) => `${a.name} / ${p.purpose}`)).sort();
  t.same(pairs, expected, 'every seeded activity × purpose');
  for (const seed of woktronRegister.activities) {
    const row = rows.find((r) => r[column('Processing activity')] === seed.name)!;
    t.same(
      row[column('Categories of individuals')]!.split('\n').sort(),
      [...seed.dataSubjectCategories].sort(),
      `${seed.name}: individuals, one per line`,
    );
    t.equal(row[column('Business function')], seed.owner ?? '', `${seed.name}: business function is the owner`);
    t.match(row[column('Name and contact details of controller')], /^Woktron Ltd\., privacy requests: services@woktron\.com$/);
  }
  const analytics = rows.find((r) => r[column('Processing activity')] === 'Website analytics (Google Analytics)')!;
  t.match(
    analytics[column('Names of third countries or international organisations that personal data are transferred to (if applicable)')],
    /^US \(/,
  );
  t.match(analytics[column('Article 6 lawful basis for processing personal data')], /Art\. 6\(1\)\(a\) Consent/);
});

t.test('CSV quoting: commas, quotes, line breaks and formula-like text survive; formulas are neutralised', async (t) => {
  const app = await buildTestApp(t);
  const purpose = await create(app, 'purposes', { name: 'Billing, "the" usual\nway' });
  const second = await create(app, 'purposes', { name: 'Plain' });
  await create(app, 'processing-activities', {
    name: 'Tricky, "quoted"\r\nname',
    owner: '=HYPERLINK("http://evil.example")',
    purposes: [
      { purposeId: purpose.id, legalBasisIds: [] },
      { purposeId: second.id, legalBasisIds: [] },
    ],
  });
  await create(app, 'processing-activities', { name: ' leading space', owner: '@SUM(1)' });
  const response = await fetchAs(app, 'text/csv');
  const [header, ...rows]: string[][] = parse(response.body);
  const column = (name: string) => header!.indexOf(name);
  t.equal(rows.length, 3, 'two purposes, and one activity without purpose (one row, purpose empty)');
  const tricky = rows.filter((row) => row[column('Processing activity')] === 'Tricky, "quoted"\r\nname');
  t.same(tricky.map((row) => row[column('Purpose of processing')]).sort(), ['Billing, "the" usual\nway', 'Plain']);
  t.equal(tricky[0]![column('Business function')], `'=HYPERLINK("http://evil.example")`, 'a formula gets a leading apostrophe');
  const leading = rows.find((row) => row[column('Processing activity')] === ' leading space')!;
  t.equal(leading[column('Purpose of processing')], '');
  t.equal(leading[column('Business function')], "'@SUM(1)");
  t.equal(csvField('a,b'), '"a,b"');
  t.equal(csvField('say "hi"'), '"say ""hi"""');
  t.equal(csvField('plain'), 'plain');
  t.equal(csvField('-1'), "'-1");
  const empty = await fetchAs(app, 'text/csv', '?role=processor');
  t.equal(empty.body, `${header!.map(csvField).join(',')}\r\n`, 'an empty selection is the header row alone');
});
