import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { collectionMechanisms, cookieParties, sourceTypes } from '../../entities/collection-channel';
import { automatedDecisionStatuses } from '../../entities/processing-activity';
import { processingAgreementStatuses, recipientCategories, recipientKinds } from '../../entities/recipient';
import { retentionEndActions, retentionKinds } from '../../entities/retention-rule';
import { securityMeasureTypes } from '../../entities/security-measure';
import type { RegisterDocument } from '../../src/import/register-document';
import { dictionaries, noticeLanguage } from '../../src/privacy-notice/words';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { authHeader, buildTestApp, call } from '../helper';

/** The notice's schema in the served spec: every notice these tests read must match it. */
async function noticeSchema(app: FastifyInstance) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(JSON.parse((await app.inject({ method: 'GET', url: '/docs/json' })).body), 'urn:notice:spec');
  return ajv.compile({ $ref: 'urn:notice:spec#/components/schemas/PrivacyNoticeResponse' });
}

/** The notice as JSON (checked against the spec), and as Markdown with the escapes undone (a leak must not hide behind a backslash). */
async function notice(app: FastifyInstance, query = '') {
  const json = await call(app, 'GET', `/v1/privacy-notice?state=working${query ? `&${query}` : ''}`);
  if (json.statusCode !== 200) throw new Error(`notice: ${json.statusCode} ${JSON.stringify(json.data)}`);
  const data: any = json.data;
  const valid = await noticeSchema(app);
  if (!valid(structuredClone(data))) throw new Error(`the notice does not match its schema: ${JSON.stringify(valid.errors)}`);
  const markdown = await app.inject({
    method: 'GET',
    url: `/v1/privacy-notice?state=working&format=markdown${query ? `&${query}` : ''}`,
    headers: await authHeader(app),
  });
  if (markdown.statusCode !== 200) throw new Error(`Markdown notice: ${markdown.statusCode}`);
  return { data, markdown: markdown.body.replace(/\\([\\`*_[\]<>|#])/g, '$1') };
}

/** Every string the JSON notice holds, one per line. */
const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(strings)
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(strings)
        : [];

/** The register's codes that are not words: a reader should never meet one. */
const codes = [
  ...recipientKinds,
  ...recipientCategories,
  ...sourceTypes,
  ...collectionMechanisms,
  ...cookieParties,
  ...retentionKinds,
  ...retentionEndActions,
  ...processingAgreementStatuses,
  ...securityMeasureTypes,
  ...automatedDecisionStatuses,
].filter((code) => code.includes('-'));
const codePattern = new RegExp(`(?<![\\w-])(${[...new Set(codes)].join('|')}|gdpr-\\d[\\w-]*)(?![\\w-])`);

/** The fields of the JSON notice that carry words for a code (and the sentences built from them). */
const wordFields = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(wordFields)
    : value && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, v]) =>
          typeof v === 'string' && (/Text$|Name$/.test(key) || ['period', 'statement', 'processingAgreement', 'citation'].includes(key))
            ? [v]
            : wordFields(v),
        )
      : [];

/** The Markdown without the text the register recorded (names, descriptions…), which may hold any word: what is left is the notice's own. */
const ownWords = (markdown: string, doc: RegisterDocument) =>
  strings(doc)
    .filter((value) => value.length > 2)
    .sort((a, b) => b.length - a.length)
    .reduce((rest, value) => rest.split(value).join(' '), markdown);

const withLanguage = (doc: RegisterDocument, language: string | undefined): RegisterDocument => ({
  ...doc,
  organisations: doc.organisations.map((o) => (o.name === 'Woktron Ltd.' ? { ...o, language } : o)),
});

t.test('languages: the primary subtag picks a dictionary, English for the rest', async (t) => {
  t.equal(noticeLanguage('nl'), 'nl');
  t.equal(noticeLanguage('nl-BE'), 'nl');
  t.equal(noticeLanguage('NL_nl'), 'nl');
  t.equal(noticeLanguage('en-GB'), 'en');
  t.equal(noticeLanguage('de'), 'en');
  t.equal(noticeLanguage(null), 'en');
  t.strictSame(Object.keys(dictionaries.nl.recipientKinds).sort(), [...recipientKinds].sort(), 'every recipient kind has Dutch words');
  for (const language of ['en', 'nl'] as const) {
    const words = dictionaries[language];
    for (const [table, values] of [
      ['recipientKinds', recipientKinds],
      ['recipientCategories', recipientCategories],
      ['sourceTypes', sourceTypes],
      ['mechanisms', collectionMechanisms],
      ['cookieParties', cookieParties],
      ['retentionKinds', retentionKinds],
      ['endActions', retentionEndActions],
      ['agreementStatus', processingAgreementStatuses],
      ['measureTypes', securityMeasureTypes],
    ] as const) {
      t.strictSame(Object.keys(words[table]).sort(), [...values].sort(), `${language}: words for every ${table} code`);
    }
  }
});

t.test('the Woktron notice shows no internal note, in JSON or Markdown, in either language', async (t) => {
  // Every entry of every kind gets a marked internal note on top of its own, so a field that leaks one shows.
  const mark = <T extends object>(kind: string, items: T[]) =>
    items.map((item, i) => ({
      ...item,
      internalNote: `INTERNAL-${kind}-${i}${'internalNote' in item ? ` ${String(item.internalNote)}` : ''}`,
    }));
  const doc = woktronRegister;
  const marked: RegisterDocument = {
    ...doc,
    organisations: mark('organisation', doc.organisations),
    dataSubjectCategories: mark('subject', doc.dataSubjectCategories),
    dataCategories: mark('category', doc.dataCategories),
    collectionChannels: mark('channel', doc.collectionChannels),
    purposes: mark('purpose', doc.purposes),
    legalBases: mark('basis', doc.legalBases),
    recipients: mark('recipient', doc.recipients),
    retentionRules: mark('retention', doc.retentionRules),
    securityMeasures: mark('measure', doc.securityMeasures),
    activities: mark('activity', doc.activities),
  };
  // The seed's own notes, sentence by sentence: the assessments its descriptions used to carry.
  const notes = Object.values(doc)
    .flatMap((items: { internalNote?: string }[]) => items.map((item) => item.internalNote))
    .filter((note): note is string => !!note);
  t.ok(notes.length >= 30, `the seed keeps its assessments as internal notes (${notes.length})`);
  const sentences = notes.flatMap((note) => note.split(/(?<=[.:;])\s+/)).filter((sentence) => sentence.length > 30);
  t.ok(
    sentences.some((s) => s.startsWith('The lifetime (1 year) is an assumption')),
    "the functional cookies' assumed lifetime is an internal note",
  );
  t.ok(
    notes.some((note) => note.startsWith('Recorded as "standard"')),
    'the sensitivity assessments are internal notes',
  );

  for (const language of ['en', 'nl']) {
    const app = await buildTestApp(t);
    await loadRegister(app.services, withLanguage(marked, language));
    const { data, markdown } = await notice(app);
    const text = strings(data).join('\n');
    t.notMatch(text, /INTERNAL-/, `${language} JSON: no marked internal note`);
    t.notMatch(markdown, /INTERNAL-/, `${language} Markdown: no marked internal note`);
    const leaked = sentences.filter((sentence) => text.includes(sentence) || markdown.includes(sentence));
    t.strictSame(leaked, [], `${language}: no sentence of the seed's internal notes`);
    for (const phrase of ['is an assumption', 'Recorded as', 'Verify against', 'should be updated', 'the DPO']) {
      t.notOk(markdown.includes(phrase), `${language} Markdown: no "${phrase}"`);
    }
    // The public descriptions are there.
    t.ok(markdown.includes('First-party functional cookies that recognise the visitor and remember their preferences.'));
    t.ok(markdown.includes('Documents and information that confirm identity.'));
  }
});

t.test('a Dutch register gets a Dutch notice, in words: no codes', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, withLanguage(woktronRegister, 'nl'));
  const { data, markdown } = await notice(app);
  const nl = dictionaries.nl;

  t.match(data, { language: 'nl', registerLanguage: 'nl' });
  t.strictSame(data.framework, { code: 'gdpr', stated: false, name: 'AVG', noticeArticles: 'Art. 13 en 14 AVG' });
  for (const [key, title] of Object.entries(nl.sectionTitles)) t.equal(data[key].title, title, `${key}: Dutch title`);
  t.match(
    data.sharing.recipients.find((r: any) => r.name === 'Google Analytics'),
    { kind: 'processor', kindText: 'verwerker, handelt in onze opdracht', countryName: 'Verenigde Staten' },
  );
  t.match(
    data.sharing.recipients.find((r: any) => r.name === 'Credit reference and business scoring bureaus'),
    { kindText: /^zelfstandig verwerkingsverantwoordelijke/, categoryText: 'kredietinformatiebureau', processingAgreement: null },
  );
  t.match(
    data.sharing.transfers.find((x: any) => x.recipient === 'ARIN'),
    {
      countryName: 'Verenigde Staten',
      mechanism: { name: 'Noodzakelijk voor de uitvoering van een overeenkomst met u', citation: 'Art. 49(1)(b) AVG' },
    },
  );
  t.match(data.purposes.purposes.find((p: any) => p.name === 'Marketing activities and newsletters').legalBases, [
    { code: 'gdpr-6-1-a', article: 'Art. 6(1)(a)', citation: 'Art. 6(1)(a) AVG', name: 'Toestemming' },
  ]);
  t.match(
    data.purposes.purposes.find((p: any) => p.name === 'Compliance with legal obligations').legalBases,
    [
      { name: 'Wettelijke verplichting' },
      { citation: 'Art. 52 Algemene wet inzake rijksbelastingen', name: 'Fiscal retention obligation' },
    ],
    'a national basis keeps its own name and article',
  );
  t.match(
    data.storage.retention.find((r: any) => r.duration === 'P7Y'),
    {
      kindText: 'een vaste termijn',
      durationText: '7 jaar',
      period: '7 jaar, ten hoogste 10 jaar, gerekend vanaf end of the customer relationship; daarna worden ze verwijderd.',
    },
  );
  t.match(data.cookies.cookies, [
    { name: 'Functional cookies', party: 'first-party', partyText: 'eigen cookie', lifetimeText: '1 jaar' },
    { name: 'Google Analytics cookies', partyText: 'cookie van derden', lifetimeText: '2 jaar' },
  ]);
  t.match(data.rights.rights[0], { code: 'access', article: 'Art. 15', name: 'Recht op inzage' });
  t.match(
    data.rights.rights.find((r: any) => r.code === 'complaint'),
    {
      name: 'Recht om een klacht in te dienen',
      description: /klacht indienen bij een toezichthoudende autoriteit/,
    },
  );
  t.match(data.marketing.objection, /^U kunt altijd bezwaar maken.*\(Art\. 21\(2\)–\(3\) AVG\)\.$/);
  t.equal(data.automatedDecisions.activities.length, woktronRegister.activities.length, 'every activity');
  t.ok(
    data.automatedDecisions.activities.every((a: any) => a.status === 'not-stated' && a.statement === nl.adm.notStated && a.logic === null),
    'the policy says nothing on automated decisions, and the notice says so',
  );

  const codesSaid = wordFields(data).filter((value) => codePattern.test(value));
  t.strictSame(codesSaid, [], 'no code in the words fields');
  t.notMatch(ownWords(markdown, woktronRegister), codePattern, 'no code in the Markdown');
  t.notMatch(markdown, /\((?:[a-z]+-)+[a-z]+(?:, [A-Z]{2})?\)/, 'no "(independent-controller, US)"');
  for (const sentence of [
    '# Privacyverklaring: Woktron Ltd.',
    'als aanvulling op het privacybeleid "Privacy Beleid" (Nederlands).',
    'Deze verklaring geeft de informatie van Art. 13 en 14 AVG.',
    '## Welke gegevens we verzamelen',
    '## Geautomatiseerde besluitvorming en profilering',
    `- ${nl.adm.notStated} Verwerkingen: Abuse handling and terms-of-service enforcement;`,
    'Toestemming (Art. 6(1)(a) AVG)',
    '**Google Analytics** (verwerker, handelt in onze opdracht, Verenigde Staten)',
    '**Service partners and agents** (verwerker, handelt in onze opdracht)',
    'Het register vermeldt niet of er een verwerkersovereenkomst is.',
    '**ARIN** (Verenigde Staten): Noodzakelijk voor de uitvoering van een overeenkomst met u (Art. 49(1)(b) AVG).',
    '**Website registration and orders** (bestelling), van u',
    '7 jaar, ten hoogste 10 jaar',
    '| Cookie | Aanbieder | Soort | Doel | Bewaartermijn | Namen |',
    '**Recht op inzage** (Art. 15)',
    'We antwoorden binnen 14 dagen.',
    'Laatst gewijzigd: 2021-03-31.',
  ]) {
    t.ok(markdown.includes(sentence), `Markdown: ${sentence}`);
  }
  t.notOk(markdown.includes('What data we collect'), 'no English titles');
});

t.test('a language without a dictionary reads English, and says which it was asked for', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, withLanguage(woktronRegister, 'de-DE'));
  const { data, markdown } = await notice(app);
  t.match(data, { language: 'en', registerLanguage: 'de-DE', dataCollected: { title: 'What data we collect' } });
  t.match(markdown, /^# Privacy notice: Woktron Ltd\.\n/);
  t.ok(markdown.includes('completing the privacy policy "Privacy Beleid" (Dutch).'), 'the policy language by its name');
  t.notMatch(ownWords(markdown, woktronRegister), codePattern, 'no code in the English Markdown either');
  t.strictSame(
    wordFields(data).filter((value) => codePattern.test(value)),
    [],
  );
  t.ok(markdown.includes(`- ${dictionaries.en.adm.notStated} Activities: `));
  t.ok(markdown.includes('**Functional cookies** (cookie), observed when you use our services'));
  t.ok(markdown.includes('| Functional cookies | Woktron Ltd. | set by us |'));
});

/** A Union institution's register (Regulation 2018/1725), with automated decisions and a retention it does not state. */
const agency = 'European Example Agency';
const eudprRegister: RegisterDocument = {
  organisations: [
    { name: agency, roles: ['controller'], framework: 'eudpr', language: 'en', country: 'LU', dpoEmail: 'dpo@agency.example' },
  ],
  dataSubjectCategories: [{ name: 'Applicants' }],
  dataCategories: [{ name: 'Application data' }, { name: 'Health data', sensitivity: 'special' }],
  collectionChannels: [],
  purposes: [{ name: 'Selection of staff' }, { name: 'Medical fitness' }, { name: 'Building security' }],
  legalBases: [],
  recipients: [
    {
      name: 'Test provider',
      kind: 'processor',
      category: 'service-partner',
      country: 'CH',
      processingAgreementStatus: 'signed',
      processingAgreementDate: '2024-01-15',
    },
  ],
  retentionRules: [
    { name: 'Retention as the register states it', kind: 'not-stated' },
    {
      name: 'Archive period',
      kind: 'statutory',
      legalReference: 'Common retention list, 12.3',
      duration: 'P5Y',
      endAction: 'archive',
      conditions: [{ condition: 'While an incident is investigated', duration: 'P1Y', endAction: null }],
    },
  ],
  securityMeasures: [],
  activities: [
    {
      name: 'Online pre-selection tests',
      role: 'controller',
      status: 'active',
      controllers: [agency],
      purposes: [
        {
          purpose: 'Selection of staff',
          legalBases: [{ name: 'gdpr-6-1-e', note: 'Art. 27 of the Staff Regulations' }, 'gdpr-6-1-b'],
        },
      ],
      dataSubjectCategories: ['Applicants'],
      dataCategories: [{ dataCategory: 'Application data', retentionRule: 'Retention as the register states it' }],
      collectionChannels: [],
      recipients: [{ recipient: 'Test provider' }],
      transfers: [],
      securityMeasures: [],
      automatedDecisions: 'yes',
      automatedDecisionLogic: 'Candidates below the pass mark of the online test are not invited',
      automatedDecisionSignificance: 'A candidate below the pass mark is not selected',
    },
    {
      name: 'Pre-recruitment medical check',
      role: 'controller',
      status: 'active',
      controllers: [agency],
      purposes: [{ purpose: 'Medical fitness', legalBases: ['gdpr-6-1-c', 'gdpr-9-2-b'] }],
      dataSubjectCategories: ['Applicants'],
      dataCategories: [{ dataCategory: 'Health data' }],
      collectionChannels: [],
      recipients: [],
      transfers: [],
      securityMeasures: [],
      automatedDecisions: 'no',
    },
    {
      name: 'Visitor access',
      role: 'controller',
      status: 'active',
      controllers: [agency],
      // The record states its basis and its retention for the activity as a whole.
      legalBases: ['gdpr-6-1-e'],
      retentionRules: ['Archive period'],
      purposes: [{ purpose: 'Building security', legalBases: [] }],
      dataSubjectCategories: ['Applicants'],
      dataCategories: [],
      collectionChannels: [],
      recipients: [],
      transfers: [],
      securityMeasures: [],
    },
  ],
  privacyPolicies: [],
};

t.test('a register under Regulation 2018/1725 cites its articles; automated decisions per activity', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, eudprRegister);
  const { data, markdown } = await notice(app);
  const law = 'Regulation (EU) 2018/1725';

  t.strictSame(data.framework, { code: 'eudpr', stated: true, name: law, noticeArticles: `Art. 15 and 16 ${law}` });
  const bases = (purpose: string) => data.purposes.purposes.find((p: any) => p.name === purpose).legalBases;
  t.match(bases('Selection of staff'), [
    { code: 'gdpr-6-1-b', article: 'Art. 5(1)(c)', citation: `Art. 5(1)(c) ${law}`, name: 'Contract' },
    { code: 'gdpr-6-1-e', article: 'Art. 5(1)(a)', citation: `Art. 5(1)(a) ${law}`, notes: ['Art. 27 of the Staff Regulations'] },
  ]);
  t.match(bases('Building security'), [{ code: 'gdpr-6-1-e', article: 'Art. 5(1)(a)' }], "the activity's own basis, for its purpose");
  t.match(bases('Medical fitness'), [{ article: 'Art. 5(1)(b)' }, { article: 'Art. 10(2)(b)', citation: `Art. 10(2)(b) ${law}` }]);
  t.match(
    data.dataCollected.dataCategories.find((d: any) => d.name === 'Health data'),
    {
      sensitivityText: `special category of personal data, Art. 10 ${law}`,
    },
  );
  const articles = Object.fromEntries(data.rights.rights.map((r: any) => [r.code, r.article]));
  t.match(articles, { access: 'Art. 17', rectification: 'Art. 18', erasure: 'Art. 19', complaint: 'Art. 63' });
  t.equal(articles['automated-decision-making'], 'Art. 24', 'the Art. 22 right, numbered as 2018/1725 numbers it');
  t.strictSame(data.rights.rights.find((r: any) => r.code === 'automated-decision-making').activities, ['Online pre-selection tests']);
  t.match(data.marketing.objection, new RegExp(`\\(Art\\. 23 ${law.replace(/[().]/g, '\\$&')}\\)\\.$`));

  t.strictSame(data.automatedDecisions.activities, [
    {
      activity: 'Online pre-selection tests',
      status: 'yes',
      statement: `Automated decisions, including profiling, are made in this processing (Art. 24 ${law}).`,
      logic: 'Candidates below the pass mark of the online test are not invited',
      significance: 'A candidate below the pass mark is not selected',
      safeguards: null,
    },
    {
      activity: 'Pre-recruitment medical check',
      status: 'no',
      statement: 'No decisions are made solely by automated means, and there is no profiling.',
      logic: null,
      significance: null,
      safeguards: null,
    },
    {
      activity: 'Visitor access',
      status: 'not-stated',
      statement: 'The register does not state whether automated decisions, including profiling, are made.',
      logic: null,
      significance: null,
      safeguards: null,
    },
  ]);
  t.match(data.storage.retention, [
    {
      name: 'Archive period',
      kind: 'statutory',
      period: 'The period the law sets (Common retention list, 12.3), 5 years; then it is archived.',
      conditions: ['While an incident is investigated: 1 year'],
      dataCategories: [],
      activities: ['Visitor access'],
    },
    {
      kind: 'not-stated',
      kindText: 'not stated',
      period: 'The register does not state how long these data are kept.',
      activities: [],
    },
  ]);
  t.match(data.sharing.recipients, [
    {
      name: 'Test provider',
      kindText: 'processor, acting on our instructions',
      countryName: 'Switzerland',
      processingAgreement: 'A processing agreement has been signed. Signed on 2024-01-15.',
    },
  ]);
  t.match(data.contact, { country: 'LU', countryName: 'Luxembourg' });

  for (const sentence of [
    `This notice gives the information of Art. 15 and 16 ${law}.`,
    `Public task (Art. 5(1)(a) ${law}: Art. 27 of the Staff Regulations)`,
    `- **Online pre-selection tests**: Automated decisions, including profiling, are made in this processing (Art. 24 ${law}). The logic involved: Candidates below the pass mark of the online test are not invited. Its significance and the envisaged consequences for you: A candidate below the pass mark is not selected. The safeguards are not stated.`,
    '- No decisions are made solely by automated means, and there is no profiling. Activities: Pre-recruitment medical check.',
    '- **Retention as the register states it**: The register does not state how long these data are kept. Applies to: Application data.',
    '- **Archive period**: The period the law sets (Common retention list, 12.3), 5 years; then it is archived. While an incident is investigated: 1 year. Applies to all data of: Visitor access.',
    '**Rights related to automated decision-making** (Art. 24)',
    '**Right of access** (Art. 17)',
    '**Test provider** (processor, acting on our instructions, Switzerland)',
  ]) {
    t.ok(markdown.includes(sentence), `Markdown: ${sentence}`);
  }
  t.notOk(/\bGDPR\b/.test(markdown), 'the GDPR is not cited');
  t.notOk(/Art\. (6|13|14|15)\(/.test(markdown), 'nor its numbering');
  t.notMatch(ownWords(markdown, eudprRegister), codePattern, 'no code in the Markdown');
});

t.test('a register under the UK GDPR: its name, and transfers are those leaving the UK', async (t) => {
  const [selection, ...others] = eudprRegister.activities;
  const ukRegister: RegisterDocument = {
    ...eudprRegister,
    organisations: eudprRegister.organisations.map((o) => ({ ...o, framework: 'uk-gdpr', country: 'GB' })),
    activities: [{ ...selection!, transfers: [{ recipient: 'Test provider', country: 'FR', mechanism: 'gdpr-45' }] }, ...others],
  };
  const app = await buildTestApp(t);
  await loadRegister(app.services, ukRegister);
  const { data, markdown } = await notice(app);
  t.match(data.framework, { code: 'uk-gdpr', name: 'UK GDPR', noticeArticles: 'Art. 13 and 14 UK GDPR' });
  t.equal(data.sharing.title, 'Who receives your data, and transfers outside the United Kingdom');
  t.match(data.sharing.transfers, [
    { recipient: 'Test provider', country: 'FR', countryName: 'France', mechanism: { citation: 'Art. 45(3) UK GDPR' } },
  ]);
  t.match(data.purposes.purposes.find((p: any) => p.name === 'Selection of staff').legalBases, [{ citation: 'Art. 6(1)(b) UK GDPR' }]);
  t.match(
    data.rights.rights.find((r: any) => r.code === 'access'),
    { article: 'Art. 15' },
  );
  t.ok(markdown.includes('Transfers outside the United Kingdom:'));
  t.ok(markdown.includes('- **Test provider** (France): Adequacy decision (Art. 45(3) UK GDPR).'));
});
