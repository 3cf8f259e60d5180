import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { wantsMarkdown } from '../../src/privacy-notice/routes';
import { sectionOfNote, sectionTitles } from '../../src/privacy-notice/service';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister as doc } from '../../src/seed/woktron-register';
import { authHeader, buildTestApp, call, create } from '../helper';

/** The original Dutch policy the register was derived from, to check its sections are all covered. */
const policyText = readFileSync(join(__dirname, '..', 'fixtures', 'privacy-policy-woktron-nl.txt'), 'utf8');

const sections = [
  'dataCollected',
  'collection',
  'purposes',
  'automatedDecisions',
  'sharing',
  'storage',
  'marketing',
  'cookies',
  'other',
  'rights',
  'contact',
  'changes',
];

t.test('content negotiation and note classification', async (t) => {
  t.notOk(wantsMarkdown(undefined, undefined), 'JSON by default');
  t.notOk(wantsMarkdown(undefined, 'application/json'));
  t.notOk(wantsMarkdown(undefined, '*/*'));
  t.ok(wantsMarkdown(undefined, 'text/markdown'));
  t.ok(wantsMarkdown(undefined, 'text/markdown, application/json;q=0.5'));
  t.notOk(wantsMarkdown(undefined, 'text/markdown;q=0.4, application/json'));
  t.ok(wantsMarkdown('markdown', 'application/json'), 'format wins over Accept');
  t.notOk(wantsMarkdown('json', 'text/markdown'));
  t.equal(sectionOfNote('Marketing opt-out'), 'marketing');
  t.equal(sectionOfNote('Managing cookies'), 'cookies');
  t.equal(sectionOfNote('Preventing Google Analytics collection'), 'cookies');
  t.equal(sectionOfNote('Changes to the policy'), 'changes');
  t.equal(sectionOfNote('Links to other websites'), 'other');
});

t.test('the notice generated for the seeded Woktron register covers every section of the original policy', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, doc);

  const response = await call(app, 'GET', '/v1/privacy-notice?state=working');
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], /application\/json/);
  const notice = response.data;
  t.match(notice.organisation, { name: 'Woktron Ltd.' }, 'the only controller is the default');
  t.match(notice.policy, { name: 'Privacy Beleid', language: 'nl', lastChanged: '2021-03-31' });
  t.strictSame(
    Object.keys(notice),
    ['organisation', 'language', 'registerLanguage', 'framework', 'policy', ...sections, 'state', 'notApproved'],
    'sections in the order of the seed policy',
  );
  t.match(notice, { language: 'en', registerLanguage: null }, 'the register states no language: English');
  t.strictSame(notice.framework, { code: 'gdpr', stated: false, name: 'GDPR', noticeArticles: 'Art. 13 and 14 GDPR' });
  for (const key of sections) t.equal(notice[key].title, sectionTitles[key as keyof typeof sectionTitles], `${key}: titled`);

  // "Welke gegevens verzamelen we?": every data category, children after their parent, and every data subject category.
  const categories = notice.dataCollected.dataCategories;
  t.strictSame(categories.map((d: any) => d.name).sort(), doc.dataCategories.map((d) => d.name).sort(), 'every data category');
  const account = categories.findIndex((d: any) => d.name === 'Account information');
  t.strictSame(
    categories.slice(account + 1, account + 6).map((d: any) => [d.name, d.parent]),
    ['Assigned IP addresses', 'Customer ID', 'Domain registration data', 'Fees due and paid', 'Services ordered'].map((name) => [
      name,
      'Account information',
    ]),
    'account information followed by services ordered, domain data, IP addresses, customer ID, fees',
  );
  t.match(
    categories.find((d: any) => d.name === 'Payment details'),
    { examples: ['bank account number (IBAN)', 'PayPal account information'] },
  );
  t.strictSame(
    notice.dataCollected.dataSubjectCategories.map((s: any) => s.name).sort(),
    doc.dataSubjectCategories.map((s) => s.name).sort(),
  );

  // "Hoe verzamelen wij uw gegevens?": every channel, with where the data comes from.
  const channels = notice.collection.channels;
  t.strictSame(channels.map((c: any) => c.name).sort(), doc.collectionChannels.map((c) => c.name).sort(), 'every collection channel');
  t.match(
    channels.find((c: any) => c.name === 'Abuse reports'),
    { sourceType: 'third-party', mechanism: 'abuse-report' },
  );

  // "Waarom verwerkt Woktron uw persoonsgegevens?": every purpose with the legal bases of every activity pursuing it.
  const purposes = notice.purposes.purposes;
  t.strictSame(purposes.map((p: any) => p.name).sort(), doc.purposes.map((p) => p.name).sort(), 'every purpose');
  for (const purpose of doc.purposes) {
    const expected = [
      ...new Set(doc.activities.flatMap((a) => a.purposes.filter((p) => p.purpose === purpose.name).flatMap((p) => p.legalBases))),
    ].sort();
    const shown = purposes.find((p: any) => p.name === purpose.name);
    t.strictSame(shown.legalBases.map((b: any) => b.code).sort(), expected, `${purpose.name}: its legal bases`);
    t.ok(
      shown.legalBases.every((b: any) => b.article && b.name),
      `${purpose.name}: bases with article and name`,
    );
  }
  t.match(purposes.find((p: any) => p.name === 'Marketing activities and newsletters').legalBases, [
    { code: 'gdpr-6-1-a', article: 'Art. 6(1)(a)', citation: 'Art. 6(1)(a) GDPR', name: 'Consent' },
  ]);
  t.match(purposes.find((p: any) => p.name === 'Credit-worthiness assessment and risk management').legitimateInterests, [
    /payment defaults/,
  ]);

  // "Het delen van uw persoonlijke gegevens met derden": every recipient, and the US transfer with its safeguard.
  t.strictSame(notice.sharing.recipients.map((r: any) => r.name).sort(), doc.recipients.map((r) => r.name).sort(), 'every recipient');
  t.match(
    notice.sharing.recipients.find((r: any) => r.name === 'Google Analytics'),
    { kind: 'processor', kindText: 'processor, acting on our instructions', country: 'US', countryName: 'United States' },
  );
  t.match(
    notice.sharing.recipients.find((r: any) => r.name === 'Service partners and agents'),
    { processingAgreement: 'The register does not state whether a processing agreement is in place.' },
    'a processor whose agreement the register does not state: said so',
  );
  t.equal(notice.sharing.recipients.find((r: any) => r.name === 'Courts').processingAgreement, null, 'not a processor: no agreement shown');
  const ga = notice.sharing.transfers.find((x: any) => x.recipient === 'Google Analytics');
  t.match(ga, {
    country: 'US',
    countryName: 'United States',
    mechanism: { code: 'gdpr-45', article: 'Art. 45(3)', citation: 'Art. 45(3) GDPR', name: 'Adequacy decision' },
    safeguard: /Data Privacy Framework.*IP anonymisation/,
  });
  t.match(
    notice.sharing.transfers.find((x: any) => x.recipient === 'ARIN'),
    { country: 'US', mechanism: { code: 'gdpr-49-1-b' } },
  );
  t.equal(notice.sharing.transfers.length, 2);

  // "Hoe slaan we uw gegevens op?": the measures, SOC 1 and PCI DSS, 7 years up to 10.
  t.strictSame(
    notice.storage.securityMeasures.map((m: any) => m.name).sort(),
    doc.securityMeasures.map((m) => m.name).sort(),
    'every security measure',
  );
  t.strictSame(notice.storage.standards, ['PCI DSS', 'SOC 1']);
  t.ok(policyText.includes('SOC 1 en PCI DSS'), 'as the policy states');
  t.match(
    notice.storage.retention.find((r: any) => r.duration === 'P7Y'),
    {
      durationText: '7 years',
      maximumDuration: 'P10Y',
      maximumDurationText: '10 years',
      endAction: 'erase',
      endActionText: 'then it is erased',
      dataCategories: [
        'Account information',
        'Assigned IP addresses',
        'Credit-worthiness and risk data',
        'Customer ID',
        'Domain registration data',
        'Fees due and paid',
        'Identification and contact details',
        'Identity documents',
        'Legal representative details',
        'Payment details',
        'Reports of suspected breaches of the terms',
        'Services ordered',
      ],
    },
  );
  t.ok(policyText.includes('7 jaar, maar mogelijk tot 10 jaar'));

  // "Marketing": the opt-out statements and the Art. 21(2) objection.
  t.strictSame(
    notice.marketing.statements.map((s: any) => s.topic),
    ['Marketing opt-out', 'Unsubscribing from marketing'],
  );
  t.match(notice.marketing.objection, /Art\. 21\(2\)/);

  // "Wat zijn cookies? / Welke soorten cookies gebruiken we? / Hoe u uw cookies beheert": both cookies, how to manage them.
  t.strictSame(
    notice.cookies.cookies.map((c: any) => [c.name, c.provider, c.party, c.lifetimeText]),
    [
      ['Functional cookies', 'Woktron Ltd.', 'first-party', '1 year'],
      ['Google Analytics cookies', 'Google LLC', 'third-party', '2 years'],
    ],
  );
  t.strictSame(notice.cookies.cookies[1].names, ['_ga', '_gid', '_gat']);
  t.strictSame(
    notice.cookies.statements.map((s: any) => s.topic),
    ['Managing cookies', 'Preventing Google Analytics collection', 'Cookie preferences tool'],
  );
  t.strictSame(
    notice.other.statements.map((s: any) => s.topic),
    ['Links to other websites'],
    'the links statement of the cookie-management section',
  );

  // "Wat zijn uw rechten op het gebied van gegevensbescherming?": the six rights, the fee, and what the policy omits.
  const rights = notice.rights.rights;
  t.strictSame(
    rights.filter((r: any) => r.statedInPolicy).map((r: any) => r.code),
    ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection'],
    'the six rights the policy names',
  );
  t.match(rights[0], {
    code: 'access',
    article: 'Art. 15',
    description: /copies of your personal data/,
    feeNote: 'Woktron may charge a small fee for this service.',
  });
  t.strictSame(
    rights.filter((r: any) => !r.statedInPolicy).map((r: any) => r.code),
    ['withdraw-consent', 'complaint'],
    'and the two it omits, derived from the register',
  );
  t.strictSame(rights.find((r: any) => r.code === 'withdraw-consent').activities, [
    'Marketing, newsletters and customer research',
    'Website analytics (Google Analytics)',
  ]);
  t.equal(rights.find((r: any) => r.code === 'complaint').activities.length, 13);
  t.notOk(
    rights.some((r: any) => r.code === 'automated-decision-making'),
    'no automated decisions recorded',
  );

  // "Hoe u contact met ons kunt opnemen" and "Wijzigingen privacy beleid".
  t.match(notice.contact, {
    controller: 'Woktron Ltd.',
    email: 'services@woktron.com',
    responseDays: 14,
    dpoName: null,
    representative: null,
  });
  t.ok(policyText.includes('14 dagen'));
  t.strictSame(
    notice.changes.statements.map((s: any) => s.topic),
    ['Changes to the policy'],
  );
  t.equal(notice.changes.lastChanged, '2021-03-31');
  t.ok(policyText.includes('31 Maart 2021'));

  // Markdown: the same sections as headings, in the same order, with the same facts.
  const markdown = await app.inject({
    method: 'GET',
    url: '/v1/privacy-notice?state=working',
    headers: { ...(await authHeader(app, 'reader')), accept: 'text/markdown' },
  });
  t.equal(markdown.statusCode, 200);
  t.match(markdown.headers['content-type'], /^text\/markdown; charset=utf-8/);
  t.match(markdown.headers.vary, /accept/i);
  const body = markdown.body;
  t.match(body, /^# Privacy notice: Woktron Ltd\.\n/);
  const headings = body
    .split('\n')
    .filter((line) => line.startsWith('## '))
    .map((line) => line.slice(3));
  t.strictSame(
    headings,
    sections.map((key) => sectionTitles[key as keyof typeof sectionTitles]),
    'every section, in order',
  );
  for (const name of [...doc.dataCategories, ...doc.collectionChannels, ...doc.purposes, ...doc.recipients].map((item) => item.name)) {
    t.ok(body.includes(`**${name.replace(/([\\`*_[\]<>|#])/g, '\\$1')}**`), `markdown names ${name}`);
  }
  for (const fact of [
    'Consent (Art. 6(1)(a) GDPR)',
    'Adequacy decision (Art. 45(3) GDPR)',
    'This notice gives the information of Art. 13 and 14 GDPR.',
    'Standards: PCI DSS, SOC 1.',
    '7 years, at most 10 years',
    '`_ga`, `_gid`, `_gat`',
    '**Right of access** (Art. 15)',
    'Fee: Woktron may charge a small fee for this service.',
    '**Right to lodge a complaint** (Art. 77)',
    'services@woktron.com',
    'We answer within 14 days.',
    'Last changed: 2021-03-31.',
    'Art. 21(2)–(3) GDPR',
  ]) {
    t.ok(body.includes(fact), `markdown states: ${fact}`);
  }
  // (inject, not call: call() parses the body as JSON)
  const markdownOf = async (query: string, role: 'auditor' | 'admin' = 'admin') =>
    app.inject({ method: 'GET', url: `/v1/privacy-notice?state=working&${query}`, headers: await authHeader(app, role) });
  const byFormat = await markdownOf('format=markdown', 'auditor');
  t.equal(byFormat.statusCode, 200);
  t.equal(byFormat.body, body, '?format=markdown gives the same document');
  t.match(byFormat.headers['content-type'], /^text\/markdown/);
  const jsonAgain = await app.inject({
    method: 'GET',
    url: '/v1/privacy-notice?state=working&format=json',
    headers: { ...(await authHeader(app)), accept: 'text/markdown' },
  });
  t.strictSame(JSON.parse(jsonAgain.body), notice, '?format=json wins over Accept');

  // Another controller, named by id; unknown ids and bad input.
  const other = await create(app, 'organisations', {
    name: 'Zeta Hosting B.V.',
    roles: ['controller'],
    email: 'privacy@zeta.example',
    address: 'Main St 1, Utrecht',
    country: 'NL',
  });
  const empty = await call(app, 'GET', `/v1/privacy-notice?state=working&organisationId=${other.id}`);
  t.equal(empty.statusCode, 200);
  t.match(empty.data, {
    organisation: { id: other.id, name: 'Zeta Hosting B.V.' },
    policy: null,
    contact: { email: 'privacy@zeta.example', responseDays: null },
    changes: { lastChanged: null },
  });
  t.strictSame(empty.data.purposes.purposes, [], 'no activities, no purposes');
  t.strictSame(empty.data.rights.rights, [], 'no activities and no policy: no rights to list');
  const emptyMarkdown = await markdownOf(`organisationId=${other.id}&format=markdown`);
  t.match(emptyMarkdown.body, /\*\*Zeta Hosting B\.V\.\*\*, Main St 1, Utrecht, Netherlands\./, 'the country by its name');
  t.match(emptyMarkdown.body, /Nothing recorded\./);
  t.equal(
    (await call(app, 'GET', '/v1/privacy-notice?state=working')).data.organisation.name,
    'Woktron Ltd.',
    'still the first controller by name',
  );

  const unknown = await call(app, 'GET', '/v1/privacy-notice?state=working&organisationId=00000000-0000-4000-8000-000000000000');
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.data.code, 'NOT_FOUND');
  for (const bad of ['organisationId=abc', 'format=pdf']) {
    t.equal((await call(app, 'GET', `/v1/privacy-notice?state=working&${bad}`)).statusCode, 400, `${bad}: 400`);
  }

  // Every role reads it; nobody without a token.
  for (const role of ['reader', 'auditor', 'editor', 'admin'] as const) {
    t.equal((await call(app, 'GET', '/v1/privacy-notice?state=working', undefined, role)).statusCode, 200, `${role} reads the notice`);
  }
  t.equal((await call(app, 'GET', '/v1/privacy-notice?state=working', undefined, null)).statusCode, 401);
});

t.test('without any controller organisation there is no default notice', async (t) => {
  const app = await buildTestApp(t);
  const response = await call(app, 'GET', '/v1/privacy-notice?state=working');
  t.equal(response.statusCode, 404);
  t.match(response.data, { code: 'NOT_FOUND', detail: /controller role/ });
});
