import t from 'tap';
import { adequacyCountries, eeaCountries } from '../../src/gdpr/countries';
import { describeDuration, isLonger } from '../../src/gdpr/iso-duration';
import { buildTestApp, call, create } from '../helper';
import { cleanRegister, codesOf } from './fixtures/clean-register';

t.test('ISO 8601 durations are compared by length and described in words', async (t) => {
  t.ok(isLonger('P12Y', 'P10Y'));
  t.notOk(isLonger('P12M', 'P1Y'), 'twelve months are a year');
  t.ok(isLonger('P1Y6M', 'P1Y'));
  t.ok(isLonger('P1Y', 'P364D'));
  t.notOk(isLonger('P30D', 'P1M'));
  t.ok(isLonger('PT25H', 'P1D'));
  t.notOk(isLonger('P2W', 'P14D'));
  t.notOk(isLonger('forever', 'P1Y'), 'not a duration: no comparison');
  t.equal(describeDuration('P7Y'), '7 years');
  t.equal(describeDuration('P1Y'), '1 year');
  t.equal(describeDuration('P1Y6M'), '1 year and 6 months');
  t.equal(describeDuration('P1DT12H'), '1 day and 12 hours');
  t.equal(describeDuration('session'), 'session');
  t.equal(eeaCountries.size, 30, 'EU 27 plus Iceland, Liechtenstein and Norway');
  t.ok(['US', 'GB', 'CH', 'JP', 'BR'].every((country) => adequacyCountries.has(country)));
  t.notOk(adequacyCountries.has('IN') || adequacyCountries.has('CN') || adequacyCountries.has('AU'));
});

t.test('processors, recipients outside the EEA and transfers, each with and without the defect', async (t) => {
  const app = await buildTestApp(t);
  const r = await cleanRegister(app);
  const sharingWith = (recipientId: string, transfers: unknown[] = []) => ({
    recipients: [{ recipientId, dataCategoryIds: [r.category.id] }],
    transfers,
  });

  // processor-agreement-missing: on the recipient, once, listing every activity using it.
  const host = await create(app, 'recipients', { name: 'Cloud host', kind: 'processor', category: 'hosting-provider', country: 'NL' });
  const hosted = await r.findingsOf('Hosted shop', sharingWith(host.id));
  t.strictSame(codesOf(hosted), ['processor-agreement-missing']);
  t.match(hosted[0], {
    severity: 'error',
    entity: { resource: 'recipients', id: host.id, name: 'Cloud host' },
    field: '/processingAgreementStatus',
    explanation: /^Art\. 28\(3\) GDPR: .*"Cloud host"/,
    resolution: new RegExp(`PATCH /v1/recipients/${host.id}`),
  });
  await r.findingsOf('Hosted blog', sharingWith(host.id));
  const once = await call(app, 'GET', '/v1/register/findings?code=processor-agreement-missing');
  t.equal(once.data.total, 1);
  t.strictSame(
    once.data.findings[0].activities.map((a: any) => a.name),
    ['Hosted blog', 'Hosted shop'],
  );
  const signed = await create(app, 'recipients', {
    name: 'Signed host',
    kind: 'processor',
    category: 'hosting-provider',
    country: 'NL',
    processingAgreementRef: 'DPA-2026-01',
  });
  t.strictSame(await r.findingsOf('Signed hosting', sharingWith(signed.id)), []);

  // transfer-not-recorded: a recipient outside the EEA (by its country, else its organisation's).
  const usPartner = await create(app, 'recipients', {
    name: 'US partner',
    kind: 'independent-controller',
    category: 'service-partner',
    country: 'US',
  });
  const unrecorded = await r.findingsOf('Unrecorded transfer', sharingWith(usPartner.id));
  t.strictSame(codesOf(unrecorded), ['transfer-not-recorded']);
  t.match(unrecorded[0], {
    severity: 'error',
    field: '/recipients/0',
    explanation: /^Art\. 30\(1\)\(e\) and 44 GDPR: .*"US partner" \(US\)/,
  });
  const scc = { recipientId: usPartner.id, country: 'US', mechanismId: r.lb['gdpr-46-2-c'], safeguard: 'SCC module 1 with encryption' };
  t.strictSame(await r.findingsOf('Recorded transfer', sharingWith(usPartner.id, [scc])), []);
  const nlPartner = await create(app, 'recipients', {
    name: 'NL partner',
    kind: 'independent-controller',
    category: 'service-partner',
    country: 'NL',
  });
  t.strictSame(await r.findingsOf('EEA recipient', sharingWith(nlPartner.id)), [], 'inside the EEA: no transfer');
  const indianOrg = await create(app, 'organisations', { name: 'Mumbai Support Pvt', country: 'IN' });
  const viaOrg = await create(app, 'recipients', {
    name: 'Support desk',
    kind: 'independent-controller',
    category: 'service-partner',
    organisationId: indianOrg.id,
  });
  t.strictSame(codesOf(await r.findingsOf('Recipient in India via its organisation', sharingWith(viaOrg.id))), ['transfer-not-recorded']);
  const unknownCountry = await create(app, 'recipients', { name: 'Somewhere', kind: 'independent-controller', category: 'other' });
  t.strictSame(await r.findingsOf('Recipient without country', sharingWith(unknownCountry.id)), [], 'no country, no conclusion');

  // transfer-mechanism-missing.
  const noMechanism = await r.findingsOf(
    'Transfer without mechanism',
    sharingWith(usPartner.id, [{ recipientId: usPartner.id, country: 'US' }]),
  );
  t.strictSame(codesOf(noMechanism), ['transfer-mechanism-missing']);
  t.match(noMechanism[0], { severity: 'error', field: '/transfers/0/mechanism', explanation: /^Art\. 44 GDPR/ });
  t.strictSame(
    await r.findingsOf('Sent within the EEA', sharingWith(nlPartner.id, [{ recipientId: nlPartner.id, country: 'DE' }])),
    [],
    'a "transfer" to an EEA country needs no mechanism',
  );

  // adequacy-decision-missing: Art. 45 to a country without an adequacy decision.
  const indian = await create(app, 'recipients', {
    name: 'Indian processor',
    kind: 'independent-controller',
    category: 'service-partner',
    country: 'IN',
  });
  const adequacy = (recipientId: string, country: string) =>
    sharingWith(recipientId, [{ recipientId, country, mechanismId: r.lb['gdpr-45'] }]);
  const inadequate = await r.findingsOf('Adequacy to India', adequacy(indian.id, 'IN'));
  t.strictSame(codesOf(inadequate), ['adequacy-decision-missing']);
  t.match(inadequate[0], {
    severity: 'error',
    field: '/transfers/0/mechanism',
    explanation: /^Art\. 45\(1\) GDPR: .*IN has no adequacy decision/,
  });
  for (const country of ['US', 'GB', 'CH', 'JP', 'BR']) {
    t.strictSame(await r.findingsOf(`Adequacy to ${country}`, adequacy(usPartner.id, country)), [], `${country} has an adequacy decision`);
  }

  // transfer-safeguard-missing: Art. 46/47 and the Art. 49(1) second-subparagraph transfer document safeguards; other derogations need none.
  const bareScc = await r.findingsOf('SCC without safeguards', sharingWith(usPartner.id, [{ ...scc, safeguard: undefined }]));
  t.strictSame(codesOf(bareScc), ['transfer-safeguard-missing']);
  t.match(bareScc[0], { severity: 'warning', field: '/transfers/0/safeguard', explanation: /^Art\. 46\(1\) GDPR/ });
  const compelling = await r.findingsOf(
    'Compelling interests',
    sharingWith(usPartner.id, [{ recipientId: usPartner.id, country: 'US', mechanismId: r.lb['gdpr-49-1-2'] }]),
  );
  t.strictSame(codesOf(compelling), ['transfer-safeguard-missing']);
  t.match(compelling[0].explanation, /^Art\. 49\(1\) second subparagraph and 30\(1\)\(e\)/);
  t.strictSame(
    await r.findingsOf(
      'Explicit consent derogation',
      sharingWith(usPartner.id, [{ recipientId: usPartner.id, country: 'US', mechanismId: r.lb['gdpr-49-1-a'] }]),
    ),
    [],
  );

  // retention-exceeds-maximum: on the retention rule.
  const retention = async (name: string, duration: string, maximumDuration: string) => {
    const rule = await create(app, 'retention-rules', { name, duration, maximumDuration, startEvent: 'collection' });
    return {
      rule,
      findings: await r.findingsOf(`Kept: ${name}`, { dataCategories: [{ dataCategoryId: r.category.id, retentionRuleId: rule.id }] }),
    };
  };
  const tooLong = await retention('Twelve years', 'P12Y', 'P10Y');
  t.strictSame(codesOf(tooLong.findings), ['retention-exceeds-maximum']);
  t.match(tooLong.findings[0], {
    severity: 'error',
    entity: { resource: 'retention-rules', id: tooLong.rule.id, name: 'Twelve years' },
    field: '/duration',
    explanation: /^Art\. 5\(1\)\(e\) GDPR: .*12 years, longer than its own maximum of 10 years/,
  });
  t.strictSame(codesOf((await retention('Eighteen months', 'P1Y6M', 'P1Y')).findings), ['retention-exceeds-maximum']);
  t.strictSame((await retention('Twelve months', 'P12M', 'P1Y')).findings, [], 'equal is not longer');
  t.strictSame((await retention('Seven of ten', 'P7Y', 'P10Y')).findings, []);
});
