import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import jsonld from 'jsonld';
import t from 'tap';
import { csvColumns, csvField } from '../../src/register/render-csv';
import { woktronRegister } from '../../src/seed/woktron-register';
import { authHeader, buildTestApp, create } from '../helper';
import { internalNoteOf, recordEveryStatedFact, sharedWoktronApp } from '../support/register-fixtures';
import { entryName } from '../../src/import/register-document';

// The other representations of the register: JSON-LD with W3C DPV terms (expanded offline by a
// JSON-LD processor) and CSV in the UK ICO template's columns (round-tripped through a parser).

/** One app with the Woktron register for the tests that only read it. */
const seeded = sharedWoktronApp(t);

async function fetchAs(app: FastifyInstance, accept: string, query = '') {
  const response = await app.inject({
    method: 'GET',
    url: `/v1/register?state=working${query.replace(/^\?/, '&')}`,
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

// ---- every stated fact ------------------------------------------------------------------------

const reg = 'urn:processing-register:terms:';
const rdf = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const dct = 'http://purl.org/dc/terms/';

/** The expanded graph of the register's JSON-LD export, with lookups by label. */
async function expandedRegister(app: FastifyInstance, query = '') {
  const response = await fetchAs(app, 'application/ld+json', query);
  const document = JSON.parse(response.body);
  const expanded = (await jsonld.expand(document, { documentLoader: offline as never })) as any[];
  const label = (node: any) =>
    node['http://www.w3.org/2000/01/rdf-schema#label']?.[0]?.['@value'] ?? node[`${dpv}hasName`]?.[0]?.['@value'];
  const all = (nodes: any[]): any[] =>
    nodes.flatMap((node) =>
      node && typeof node === 'object' && !Array.isArray(node)
        ? [node, ...all(Object.values(node).flatMap((value) => (Array.isArray(value) ? value : [value])))]
        : [],
    );
  const everyNode = all(expanded);
  const named = (name: string) => {
    const found = everyNode.find((node) => label(node) === name && Object.keys(node).length > 2);
    if (!found) throw new Error(`no node labelled ${name}`);
    return found;
  };
  return { body: response.body, expanded, everyNode, named };
}

const ids = (node: any, property: string) => (node?.[property] ?? []).map((value: any) => value['@id']);
const values = (node: any, property: string) => (node?.[property] ?? []).map((value: any) => value['@value']);
const types = (node: any) => node?.['@type'] ?? [];

t.test(
  'JSON-LD: every stated fact in DPV terms where DPV has them, the register’s own terms otherwise, nothing for not stated',
  async (t) => {
    const app = await buildTestApp(t);
    const recorded = await recordEveryStatedFact(app);
    const { body, everyNode, named } = await expandedRegister(app);

    // The document is what the spec says it is.
    const spec = JSON.parse((await app.inject({ method: 'GET', url: '/docs/json' })).body);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema(spec, 'urn:formats:spec');
    const valid = ajv.compile({ $ref: 'urn:formats:spec#/components/schemas/RegisterJsonLd' });
    t.ok(valid(JSON.parse(body)), `valid against RegisterJsonLd: ${JSON.stringify(valid.errors?.slice(0, 3))}`);

    t.notOk(body.includes('not-stated'), 'no "not stated" anywhere: what is not stated is left out');
    t.notOk(body.includes('INTERNAL'), 'no internal note in the public JSON-LD');

    // Organisations: applicable law, DPO and contacts, DPO requirement, register-wide mechanism.
    const municipality = named('Gemeente Voorbeeld');
    t.ok(types(municipality).includes(`${dpv}PublicSectorBody`), 'a public body is a dpv:PublicSectorBody');
    t.same(ids(municipality, `${dpv}hasApplicableLaw`), ['https://w3id.org/dpv/legal/eu#law-GDPR'], 'GDPR: legal-eu:law-GDPR');
    t.same(
      ids(named('Provincie Voorbeeld'), `${dpv}hasApplicableLaw`),
      ['https://w3id.org/dpv/legal/gb#law-GDPR'],
      'UK GDPR: legal-gb:law-GDPR',
    );
    t.same(ids(named('EU Agency'), `${dpv}hasApplicableLaw`), ['http://data.europa.eu/eli/reg/2018/1725/oj'], 'EUDPR: its ELI');
    t.same(named('Stille Partner')[`${dpv}hasApplicableLaw`], undefined, 'no law where none is stated');
    const dpo = municipality[`${dpv}hasDataProtectionOfficer`][0];
    t.ok(types(dpo).includes(`${dpv}DataProtectionOfficer`));
    t.same(values(dpo, 'http://www.w3.org/2006/vcard/ns#title'), ['Functionaris gegevensbescherming']);
    const contacts = municipality[`${dpv}hasContact`];
    t.same(
      contacts.map((c: any) => values(c, 'http://www.w3.org/2006/vcard/ns#role')[0]).sort(),
      ['dpo', 'privacy-desk'],
      'contacts, with roles',
    );
    t.ok(
      types(contacts.find((c: any) => values(c, 'http://www.w3.org/2006/vcard/ns#role')[0] === 'dpo')).includes(
        `${dpv}DataProtectionOfficer`,
      ),
    );
    t.same(values(municipality, `${reg}dpoRequired`), [true]);
    t.same(values(municipality, `${reg}dpoRequiredReason`), ['Art. 37(1)(a): a public authority']);
    t.same(values(named('Provincie Voorbeeld'), `${reg}dpoRequired`), [false], 'a stated "no DPO required"');
    t.same(named('Stille Partner')[`${reg}dpoRequired`], undefined, 'nothing for an unstated requirement');
    t.same(ids(municipality, `${reg}transferMechanism`), [`${gdpr}A46-2-c`], 'the register-wide mechanism as its DPV IRI');
    t.same(values(municipality, `${reg}transferMechanismNote`), ['All transfers under SCC 2021/914']);

    // The activity: record metadata, absences, ADM, joint controllers and their arrangement.
    const parking = named('Parkeren');
    t.same(values(parking, `${dct}identifier`), ['VWP-017']);
    t.same(
      values(parking[`${dpv}hasOrganisationalUnit`]?.[0], `${dpv}hasName`),
      ['Publiekszaken'],
      'business function: dpv:OrganisationalUnit',
    );
    t.same(values(parking, `${reg}recordGroup`), ['Mobiliteit']);
    t.same(parking[`${dct}dateAccepted`], [{ '@value': '2019-03-01', '@type': 'http://www.w3.org/2001/XMLSchema#date' }]);
    t.same(values(parking, `${reg}lastReviewedOn`), ['2024-11-20']);
    t.same(values(parking, `${dct}language`), ['nl']);
    t.same(ids(parking, `${dct}source`), ['https://voorbeeld.nl/verwerkingsregister/parkeren']);
    t.same(values(parking, `${reg}sourcePhrase`), ['Verwerking: parkeervergunningen']);
    t.same(ids(parking, `${reg}statedAbsence`).sort(), [`${reg}no-criminal-data`, `${reg}no-external-recipients`]);
    const adm = parking[`${dpv}hasContext`]?.[0];
    t.ok(types(adm).includes(`${dpv}AutomatedDecisionMaking`), 'automated decisions: dpv:AutomatedDecisionMaking');
    t.same(values(adm, `${reg}logic`), ['Permits are granted when the address is in the zone']);
    t.same(values(adm, `${reg}significance`), ['A refused permit']);
    t.same(values(adm, `${reg}safeguards`), ['An officer reviews every refusal on request']);
    const joint = parking[`${dpv}hasJointDataControllers`]?.[0];
    t.ok(types(joint).includes(`${dpv}JointDataControllers`));
    t.same(
      ids(joint, `${dpv}hasDataController`).sort(),
      [`urn:uuid:${recorded.municipality.id}`, `urn:uuid:${recorded.province.id}`].sort(),
    );
    const arrangement = joint[`${dpv}hasLegalMeasure`]?.[0];
    t.ok(types(arrangement).includes(`${dpv}JointDataControllersAgreement`), 'the Art. 26 arrangement');
    t.same(values(arrangement, `${dct}identifier`), ['GR-2022-04']);
    t.same(values(arrangement, `${dct}abstract`), ['Published on voorbeeld.nl/samenwerking']);

    const subsidies = named('Subsidies');
    t.same(subsidies[`${dpv}hasContext`], undefined, 'no DPV value for a stated "no automated decisions"');
    t.same(values(subsidies, `${reg}automatedDecisions`), [false], 'but the statement itself');
    t.same(subsidies[`${dpv}hasJointDataControllers`], undefined, 'separate controllers are not joint');
    const relationships = (subsidies[`${dpv}hasPersonalDataHandling`] ?? []).filter((n: any) => n[`${reg}controllerRelationship`]);
    t.same(
      relationships.map((n: any) => [ids(n, `${dpv}hasDataController`)[0], values(n, `${reg}controllerRelationship`)[0]]),
      [[`urn:uuid:${recorded.agency.id}`, 'separate']],
      'a stated relationship; the unstated one says nothing',
    );
    const nothing = named('Nothing stated');
    for (const property of [`${dpv}hasContext`, `${reg}automatedDecisions`, `${reg}statedAbsence`, `${dpv}hasJointDataControllers`])
      t.same(nothing[property], undefined, `an activity that states nothing has no ${property}`);

    // Legal bases: the activity's own and the notes.
    t.ok(ids(parking, `${dpv}hasLegalBasis`).includes(`${gdpr}A6-1-c`), 'a basis stated for the whole activity is one of its legal bases');
    t.same(ids(parking, `${reg}activityLegalBasis`), [`${gdpr}A6-1-c`]);
    const notes = (node: any) =>
      (node[`${reg}legalBasisNote`] ?? []).map((n: any) => [ids(n, `${reg}legalBasis`)[0], values(n, `${rdf}value`)[0]]);
    t.same(notes(parking), [[`${gdpr}A6-1-c`, 'Wegenverkeerswet 1994, art. 18']]);
    const purposeHandling = parking[`${dpv}hasPersonalDataHandling`].find((n: any) =>
      n[`${dpv}hasPurpose`]?.[0]?.['@id'].endsWith(named('Parkeervergunningen')['@id'].slice(4)),
    );
    t.same(notes(purposeHandling), [[`${gdpr}A6-1-e`, 'Gemeentewet, art. 160']], 'a note on a purpose’s basis');

    // Retention: DPV kinds of duration, deletion, end actions, conditions; nothing for not stated.
    const storage = (name: string) => named(name);
    const durationsOf = (node: any) =>
      (node[`${dpv}hasDuration`] ?? []).map((d: any) => [types(d)[0]?.replace(dpv, 'dpv:'), values(d, `${rdf}value`)[0] ?? null]);
    const statutory = storage('Archiefwet');
    t.ok(types(statutory).includes(`${dpv}StorageDuration`));
    t.same(values(statutory, `${reg}retentionKind`), ['statutory']);
    t.same(values(statutory, `${dct}source`), ['Selectielijst gemeenten 2020, 1.1.2']);
    t.same(durationsOf(statutory), [], 'a statutory period of unstated length has no duration');
    t.same(ids(statutory, `${reg}endAction`), [`${reg}archive`]);
    t.ok(ids(parking, `${dpv}hasStorageCondition`).includes(`urn:uuid:${recorded.statutory.id}`), 'a retention for the whole activity');
    t.same(ids(parking, `${reg}activityRetention`), [`urn:uuid:${recorded.statutory.id}`]);
    const untilEvent = storage('Account plus two years');
    t.same(durationsOf(untilEvent), [
      ['dpv:UntilEventDuration', 'the account is closed'],
      ['dpv:TemporalDuration', 'P2Y'],
    ]);
    t.same(ids(untilEvent, `${reg}endAction`), [`${dpv}Anonymise`]);
    t.notOk(types(untilEvent).includes(`${dpv}StorageDeletion`), 'anonymised, not deleted');
    const conditions = untilEvent[`${reg}retentionCondition`].map((c: any) => [
      values(c, `${reg}appliesWhen`)[0],
      durationsOf(c),
      ids(c, `${reg}endAction`),
    ]);
    t.same(conditions.sort(), [
      ['when tax law applies', [['dpv:TemporalDuration', 'P10Y']], [`${dpv}Erase`]],
      ['with consent', [['dpv:TemporalDuration', 'P2Y']], []],
    ]);
    t.same(durationsOf(storage('Permanent archive')), [['dpv:EndlessDuration', null]], 'permanent: dpv:EndlessDuration');
    t.same(ids(storage('Permanent archive'), `${reg}endAction`), [`${reg}review`]);
    t.same(durationsOf(storage('As long as necessary')), [['dpv:IndeterminateDuration', null]]);
    const seven = storage('Seven years');
    t.same(durationsOf(seven), [['dpv:TemporalDuration', 'P7Y']]);
    t.ok(types(seven).includes(`${dpv}StorageDeletion`), 'erased at the end: dpv:StorageDeletion');
    t.same(ids(seven, `${reg}endAction`), [`${dpv}Erase`]);
    const unstated = storage('Unstated retention');
    for (const property of [`${dpv}hasDuration`, `${reg}retentionKind`, `${reg}endAction`])
      t.same(unstated[property], undefined, `an unstated retention has no ${property}`);
    t.same(types(unstated), [`${dpv}StorageDuration`]);

    // Recipients and their agreements.
    const agreement = (name: string) => named(name)[`${dpv}hasLegalMeasure`]?.[0];
    const signed = agreement('Parking app supplier');
    t.ok(types(signed).includes(`${dpv}DataProcessingAgreement`), 'dpv:DataProcessingAgreement');
    t.same(ids(signed, `${dpv}hasContractStatus`), [`${dpv}ContractFullySigned`]);
    t.same(values(signed, `${dct}date`), ['2024-01-15']);
    t.same(values(signed, `${dct}identifier`), ['VWO-2024-01']);
    t.same(ids(agreement('Cloud host'), `${dpv}hasContractStatus`), [`${dpv}ContractUnderNegotiation`]);
    t.same(agreement('Court'), undefined, 'no agreement where none is needed');
    t.same(values(named('Court'), `${reg}processingAgreementStatus`), ['not-needed'], 'but the statement that it is not needed');
    t.same(agreement('Unnamed partners'), undefined);
    t.same(values(named('Website visitors'), `${reg}recipientKind`), ['the-public']);
    t.same(named('Unnamed partners')[`${reg}recipientKind`], undefined);

    // Transfers: countries, worldwide, an international organisation, onward.
    const transfers = parking[`${dpv}hasPersonalDataHandling`].filter((n: any) => ids(n, `${dpv}hasProcessing`)[0] === `${dpv}Transfer`);
    t.equal(transfers.length, 5);
    t.same(transfers.flatMap((n: any) => ids(n, `${dpv}hasThirdCountry`)).sort(), [
      'https://w3id.org/dpv/loc#IN',
      'https://w3id.org/dpv/loc#US',
    ]);
    const organisation = transfers.find((n: any) => n[`${reg}internationalOrganisation`]);
    t.ok(types(organisation[`${reg}internationalOrganisation`][0]).includes(`${dpv}InternationalOrganisation`));
    const onward = transfers.find((n: any) => n[`${dpv}hasDataExporter`]);
    t.same(values(onward, `${reg}transferDestination`), ['worldwide']);
    t.same(ids(onward, `${dpv}hasDataExporter`), [named('Cloud host')['@id']], 'onward: the processor exports to its sub-processor');
    t.equal(transfers.filter((n: any) => !n[`${reg}transferDestination`]).length, 1, 'an unstated destination says nothing');

    // Measures.
    t.ok(types(named('Locked archive room')).includes(`${dpv}PhysicalMeasure`));
    t.same(types(named('Appropriate measures')), [`${dpv}TechnicalOrganisationalMeasure`], 'a measure of unstated type is only a TOM');

    // And everything is RDF.
    t.ok(everyNode.length > 50);
  },
);

t.test('JSON-LD: the auditor’s export carries the internal notes, marked internal; the public one never', async (t) => {
  const app = await buildTestApp(t);
  await recordEveryStatedFact(app);
  const notes = ['organisation', 'purpose', 'subjects', 'data category', 'retention', 'recipient', 'activity'].map(internalNoteOf);
  const plain = await expandedRegister(app);
  for (const note of notes) t.notOk(plain.body.includes(note), `public: no ${note}`);
  t.notOk(plain.body.includes('reg:internalNote'));
  t.notOk(plain.body.includes('containsInternalNotes'));
  const reader = await app.inject({
    method: 'GET',
    url: '/v1/register?state=working&format=jsonld&internalNotes=true',
    headers: await authHeader(app, 'reader'),
  });
  t.equal(reader.statusCode, 403, 'a reader may not ask for them');

  const audit = await expandedRegister(app, '?internalNotes=true');
  const register = audit.expanded.find((node) => types(node).includes(`${dpv}RecordsOfActivities`));
  t.same(values(register, `${reg}containsInternalNotes`), [true], 'the document says it holds internal notes');
  const internal = audit.everyNode.flatMap((node) => values(node, `${reg}internalNote`));
  t.same(internal.sort(), [...notes].sort(), 'every note, each as reg:internalNote');
  t.same(values(audit.named('Parkeren'), `${reg}internalNote`), [internalNoteOf('activity')]);
  t.same(
    values(audit.named('Parkeren'), 'http://purl.org/dc/terms/description'),
    ['Parking permits for residents'],
    'the public description stays apart',
  );
});

/** The document without what differs between two registers holding the same facts: ids, times, versions. */
function facts(document: unknown): unknown {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value)
        // The CSV names no organisation's roles: the import gives each the roles it plays in the records.
        .filter(([key]) => !['id', 'createdAt', 'updatedAt', 'version', 'generatedAt', 'roles'].includes(key))
        .map(([key, inner]) => [key, strip(inner)]),
    );
  };
  return strip(document);
}

async function importCsv(app: FastifyInstance, csv: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/register/import',
    headers: { ...(await authHeader(app, 'admin')), 'content-type': 'text/csv; charset=utf-8' },
    payload: csv,
  });
  return Object.assign(response, { data: JSON.parse(response.body) });
}

t.test('CSV: every stated fact survives export → import → export, and not stated stays not stated', async (t) => {
  const source = await buildTestApp(t);
  await recordEveryStatedFact(source);
  const csv = (await fetchAs(source, 'text/csv', '?internalNotes=true')).body;
  const [header, ...rows] = parse(csv) as string[][];
  const cell = (activity: string, column: string) =>
    rows.find((row) => row[header!.indexOf('Processing activity')] === activity)![header!.indexOf(column)];
  // A few cells as a person reads them.
  t.equal(cell('Parkeren', 'Record reference'), 'VWP-017');
  t.match(
    cell('Parkeren', 'Retention schedule (if possible)'),
    /Licence plate: Account plus two years \(kind: until-event; duration: P2Y; from: the account is closed; then: anonymise; if: when tax law applies → P10Y, then erase; if: with consent → P2Y\)/,
  );
  t.match(
    cell('Parkeren', 'Retention schedule (if possible)'),
    /Correspondence: Unstated retention \(kind: not-stated\)/,
    'an unstated retention says so, and nothing more',
  );
  t.equal(cell('Nothing stated', 'Automated decision-making, including profiling (Art. 22)?'), '', 'not stated: an empty cell');
  t.equal(cell('Subsidies', 'Automated decision-making, including profiling (Art. 22)?'), 'No');
  t.equal(cell('Subsidies', 'Relationship between the controllers'), 'EU Agency: separate', 'an unstated relationship is not written');

  const target = await buildTestApp(t);
  const imported = await importCsv(target, csv);
  t.equal(imported.statusCode, 200, imported.body.slice(0, 1500));
  const exported = async (app: FastifyInstance) => JSON.parse((await fetchAs(app, 'application/json', '?internalNotes=true')).body);
  const [before, after] = [await exported(source), await exported(target)];
  t.same(facts(after), facts(before), 'the register that comes back states what the exported one stated, no more, no less');
  t.ok(JSON.stringify(after).includes(internalNoteOf('retention')), "the auditor's CSV brings the internal notes along");
  const again = (await fetchAs(target, 'text/csv', '?internalNotes=true')).body;
  const withoutIds = (text: string) => (parse(text) as string[][]).map((row) => row.filter((_, i) => i !== header!.indexOf('Record ID')));
  t.same(withoutIds(again), withoutIds(csv), 'and its CSV is the same, cell for cell');
});

t.test('CSV: the auditor’s export shows internal notes in their own column, marked internal; the public one never', async (t) => {
  const app = await buildTestApp(t);
  await recordEveryStatedFact(app);
  const notes = ['organisation', 'purpose', 'subjects', 'data category', 'retention', 'recipient', 'activity'].map(internalNoteOf);
  const column = 'Internal notes (register keeper only, not for publication)';

  const plain = (await fetchAs(app, 'text/csv')).body;
  for (const note of notes) t.notOk(plain.includes(note), `public: no ${note}`);
  const [plainHeader, ...plainRows] = parse(plain) as string[][];
  t.ok(
    plainRows.every((row) => row[plainHeader!.indexOf(column)] === ''),
    'the column is there, and empty',
  );
  t.equal(
    (
      await app.inject({
        method: 'GET',
        url: '/v1/register?state=working&format=csv&internalNotes=true',
        headers: await authHeader(app, 'editor'),
      })
    ).statusCode,
    403,
  );

  const audit = (await fetchAs(app, 'text/csv', '?internalNotes=true')).body;
  const [header, ...rows] = parse(audit) as string[][];
  const parking = rows.find((row) => row[header!.indexOf('Processing activity')] === 'Parkeren')![header!.indexOf(column)]!;
  t.same(
    parking.split('\n').sort(),
    [
      `activity: ${internalNoteOf('activity')}`,
      `organisation "Gemeente Voorbeeld": ${internalNoteOf('organisation')}`,
      `purpose "Parkeervergunningen": ${internalNoteOf('purpose')}`,
      `individuals "Residents": ${internalNoteOf('subjects')}`,
      `personal data "Licence plate": ${internalNoteOf('data category')}`,
      `retention "Archiefwet": ${internalNoteOf('retention')}`,
      `recipient "Parking app supplier": ${internalNoteOf('recipient')}`,
    ].sort(),
    'each note names the entry it belongs to, in the internal column only',
  );
  for (const other of header!.filter((name) => name !== column)) {
    const index = header!.indexOf(other);
    t.notOk(
      rows.some((row) => row[index]!.includes('INTERNAL')),
      `no note under "${other}"`,
    );
  }

  // Back: a public CSV neither clears the notes nor conflicts with them; the auditor's brings a changed one as a difference.
  const target = await buildTestApp(t);
  t.equal((await importCsv(target, audit)).statusCode, 200);
  const publicImport = await importCsv(target, plain);
  t.equal(publicImport.statusCode, 200, publicImport.body.slice(0, 800));
  t.match(publicImport.data.counts, { create: 0, change: 0, conflict: 0 });
  const purposes = JSON.parse((await fetchAs(target, 'application/json', '?internalNotes=true')).body)
    .controllerRegister.activities.flatMap((a: any) => a.purposes)
    .map((p: any) => p.internalNote);
  t.ok(purposes.includes(internalNoteOf('purpose')), 'the note is still there');
  const changed = await importCsv(target, audit.replaceAll(internalNoteOf('purpose'), 'Another note'));
  t.equal(changed.statusCode, 409);
  t.match(changed.data.conflicts, [{ resource: 'purposes', name: 'Parkeervergunningen', fields: ['internalNote'] }]);
});
