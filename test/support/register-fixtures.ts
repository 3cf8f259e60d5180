import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import type { DataSource } from 'typeorm';
import { refreshDocuments } from '../../src/processing-activities/documents';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { buildTestApp, create, legalBasisId } from '../helper';

/** One app with the Woktron register, built on first use and shared by the tests of a file that only read it. */
export function sharedWoktronApp(t: Test): () => Promise<FastifyInstance> {
  let shared: Promise<FastifyInstance> | undefined;
  return () =>
    (shared ??= (async () => {
      const app = await buildTestApp(t);
      await loadRegister(app.services, woktronRegister);
      return app;
    })());
}

/** The published JSON Schema of the register export, compiled the way a consumer would (draft-07, strict). */
export function registerSchemaValidator() {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi', 'register.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

/**
 * Adds `count` controller activities named `<prefix>000001`… straight in SQL (fast enough for
 * thousands), each linked like a real record to the building blocks already in the register:
 * the first controller organisation, 2 purposes with 2 legal bases each, 3 data subject
 * categories, 4 data categories with a retention rule and a source channel, 2 channels, 2
 * recipients receiving a category, a transfer to the US and 3 security measures (fewer where the register has fewer).
 */
export async function generateActivities(dataSource: DataSource, count: number, prefix = 'Generated activity ') {
  await dataSource.transaction(async (manager) => {
    const first = (table: string, n: number, where = 'TRUE') =>
      `(SELECT id FROM ${table} WHERE ${where} ORDER BY lower(name), id LIMIT ${n})`;
    const mine = `SELECT id FROM processing_activities WHERE name LIKE $1 || '%'`;
    await manager.query(
      `INSERT INTO processing_activities (name, description, role, status, owner, review_due_at)
       SELECT $1 || lpad(g::text, 6, '0'), 'Generated record ' || g || ', with "quotes", commas, and a
line break', 'controller', CASE WHEN g % 10 = 0 THEN 'draft' ELSE 'active' END, 'Generated', DATE '2027-03-31'
         FROM generate_series(1, $2::int) g`,
      [prefix, count],
    );
    await manager.query(
      `INSERT INTO activity_controllers (activity_id, organisation_id) SELECT a.id, o.id FROM (${mine}) a, ${first('organisations', 1, `'controller' = ANY(roles)`)} o`,
      [prefix],
    );
    await manager.query(
      `INSERT INTO activity_purposes (activity_id, purpose_id) SELECT a.id, p.id FROM (${mine}) a, ${first('purposes', 2)} p`,
      [prefix],
    );
    await manager.query(
      `INSERT INTO activity_purpose_legal_bases (activity_purpose_id, legal_basis_id, activity_id)
       SELECT ap.id, lb.id, ap.activity_id FROM activity_purposes ap JOIN (${mine}) a ON a.id = ap.activity_id,
              (SELECT id FROM legal_bases WHERE code IN ('gdpr-6-1-b', 'gdpr-6-1-f')) lb`,
      [prefix],
    );
    await manager.query(
      `INSERT INTO activity_data_subject_categories (activity_id, data_subject_category_id) SELECT a.id, s.id FROM (${mine}) a, ${first('data_subject_categories', 3)} s`,
      [prefix],
    );
    await manager.query(
      `INSERT INTO activity_collection_channels (activity_id, collection_channel_id) SELECT a.id, c.id FROM (${mine}) a, ${first('collection_channels', 2)} c`,
      [prefix],
    );
    await manager.query(
      `INSERT INTO activity_data_categories (activity_id, data_category_id, retention_rule_id)
       SELECT a.id, d.id, ${first('retention_rules', 1)} FROM (${mine}) a, ${first('data_categories', 4)} d`,
      [prefix],
    );
    await manager.query(
      `INSERT INTO activity_data_category_sources (activity_data_category_id, collection_channel_id, activity_id)
       SELECT adc.id, c.id, adc.activity_id FROM activity_data_categories adc JOIN (${mine}) a ON a.id = adc.activity_id, ${first('collection_channels', 1)} c`,
      [prefix],
    );
    await manager.query(
      `INSERT INTO activity_recipients (activity_id, recipient_id) SELECT a.id, r.id FROM (${mine}) a, ${first('recipients', 2)} r`,
      [prefix],
    );
    await manager.query(
      `INSERT INTO activity_recipient_data_categories (activity_recipient_id, data_category_id, activity_id)
       SELECT ar.id, d.id, ar.activity_id FROM activity_recipients ar JOIN (${mine}) a ON a.id = ar.activity_id, ${first('data_categories', 1)} d`,
      [prefix],
    );
    await manager.query(
      `INSERT INTO activity_transfers (activity_id, recipient_id, destination, country, mechanism_id, safeguard)
       SELECT a.id, r.id, 'country', 'US', (SELECT id FROM legal_bases WHERE code = 'gdpr-45'), 'Data Privacy Framework'
         FROM (${mine}) a, ${first('recipients', 1)} r`,
      [prefix],
    );
    await manager.query(
      `INSERT INTO activity_security_measures (activity_id, security_measure_id) SELECT a.id, m.id FROM (${mine}) a, ${first('security_measures', 3)} m`,
      [prefix],
    );
    // Written past the service, so their stored documents are too: one statement, as a migration fills them.
    await refreshDocuments((sql, params) => manager.query(sql, params), `a.id IN (${mine})`, [prefix]);
  });
}

/** The internal note the every-fact register gives an entry: only the auditor's export may show it. */
export const internalNoteOf = (what: string) => `INTERNAL ${what}: assumed, verify with the owner`;

/**
 * A register, recorded through the API, that uses each fact a real register states beyond the
 * ICO columns: every kind of retention (with conditions, each end action that differs), a
 * retention for the whole activity, stated absences, contacts with roles, the DPO requirement,
 * the three legal frameworks, joint and separate controllers with the Art. 26 arrangement,
 * transfers to a country, worldwide, to an international organisation and onward, a
 * register-wide transfer mechanism, automated decisions, processor agreements with status, date
 * and reference, record metadata, legal basis notes, source phrases and internal notes. Beside
 * them, entries that state nothing: their "not stated" must stay so in every export.
 */
export async function recordEveryStatedFact(app: FastifyInstance) {
  const [publicTask, obligation, contract, scc, explicitConsent] = await Promise.all(
    ['gdpr-6-1-e', 'gdpr-6-1-c', 'gdpr-6-1-b', 'gdpr-46-2-c', 'gdpr-9-2-a'].map((code) => legalBasisId(app, code)),
  );
  const municipality = await create(app, 'organisations', {
    name: 'Gemeente Voorbeeld',
    roles: ['controller', 'joint-controller'],
    address: 'Markt 1, 1234 AB Voorbeeld',
    country: 'NL',
    email: 'info@voorbeeld.nl',
    dpoName: 'A. Jansen',
    dpoEmail: 'fg@voorbeeld.nl',
    dpoTitle: 'Functionaris gegevensbescherming',
    dpoAddress: 'Postbus 1, 1234 AB Voorbeeld',
    contacts: [
      { role: 'dpo', title: 'Functionaris gegevensbescherming', email: 'fg@voorbeeld.nl', phone: '+31 30 123 4567' },
      { role: 'privacy-desk', name: 'Privacyloket', email: 'privacy@voorbeeld.nl', address: 'Markt 1, 1234 AB Voorbeeld' },
    ],
    dpoRequired: 'yes',
    dpoRequiredReason: 'Art. 37(1)(a): a public authority',
    publicBody: true,
    framework: 'gdpr',
    language: 'nl',
    transferMechanismId: scc,
    transferMechanismNote: 'All transfers under SCC 2021/914',
    sourcePhrase: 'Gemeente Voorbeeld, verwerkingsverantwoordelijke',
    internalNote: internalNoteOf('organisation'),
  });
  const province = await create(app, 'organisations', {
    name: 'Provincie Voorbeeld',
    roles: ['joint-controller'],
    country: 'NL',
    dpoRequired: 'no',
    framework: 'uk-gdpr',
  });
  const agency = await create(app, 'organisations', { name: 'EU Agency', roles: ['controller'], framework: 'eudpr', country: 'BE' });
  const silent = await create(app, 'organisations', { name: 'Stille Partner', roles: ['controller'] });

  const purpose = await create(app, 'purposes', {
    name: 'Parkeervergunningen',
    description: 'Handling parking permit applications',
    sourcePhrase: 'Behandelen van aanvragen parkeervergunning',
    internalNote: internalNoteOf('purpose'),
  });
  const scoring = await create(app, 'purposes', { name: 'Risk scoring' });
  const subjects = await create(app, 'data-subject-categories', { name: 'Residents', internalNote: internalNoteOf('subjects') });
  const plate = await create(app, 'data-categories', { name: 'Licence plate', internalNote: internalNoteOf('data category') });
  const health = await create(app, 'data-categories', { name: 'Medical certificate', sensitivity: 'special' });
  const unstatedData = await create(app, 'data-categories', { name: 'Correspondence' });

  const rule = (body: Record<string, unknown>) => create(app, 'retention-rules', body);
  const statutory = await rule({
    name: 'Archiefwet',
    kind: 'statutory',
    legalReference: 'Selectielijst gemeenten 2020, 1.1.2',
    endAction: 'archive',
    internalNote: internalNoteOf('retention'),
  });
  const untilEvent = await rule({
    name: 'Account plus two years',
    kind: 'until-event',
    startEvent: 'the account is closed',
    duration: 'P2Y',
    endAction: 'anonymise',
    conditions: [
      { condition: 'when tax law applies', duration: 'P10Y', endAction: 'erase' },
      { condition: 'with consent', duration: 'P2Y', endAction: null },
    ],
  });
  const permanent = await rule({ name: 'Permanent archive', kind: 'permanent', endAction: 'review', legalReference: 'Art. 89 GDPR' });
  const necessary = await rule({ name: 'As long as necessary', kind: 'as-long-as-necessary' });
  const unstatedRule = await rule({ name: 'Unstated retention', kind: 'not-stated' });
  const fixed = await rule({
    name: 'Seven years',
    kind: 'fixed-duration',
    duration: 'P7Y',
    startEvent: 'end of the year',
    endAction: 'erase',
  });

  const processor = await create(app, 'recipients', {
    name: 'Parking app supplier',
    kind: 'processor',
    country: 'NL',
    processingAgreementStatus: 'signed',
    processingAgreementDate: '2024-01-15',
    processingAgreementRef: 'VWO-2024-01',
    internalNote: internalNoteOf('recipient'),
  });
  const negotiating = await create(app, 'recipients', {
    name: 'Cloud host',
    kind: 'processor',
    processingAgreementStatus: 'in-negotiation',
  });
  const notNeeded = await create(app, 'recipients', { name: 'Court', kind: 'public-authority', processingAgreementStatus: 'not-needed' });
  const publicAtLarge = await create(app, 'recipients', { name: 'Website visitors', kind: 'the-public' });
  const unstatedRecipient = await create(app, 'recipients', { name: 'Unnamed partners', kind: 'not-stated' });
  const who = await create(app, 'recipients', { name: 'WHO', kind: 'public-authority' });
  const subProcessor = await create(app, 'recipients', { name: 'Sub-processor (AWS)', kind: 'processor' });

  const measure = await create(app, 'security-measures', { name: 'Locked archive room', type: 'physical' });
  const unstatedMeasure = await create(app, 'security-measures', { name: 'Appropriate measures', type: 'not-stated' });

  const parking = await create(app, 'processing-activities', {
    name: 'Parkeren',
    description: 'Parking permits for residents',
    role: 'joint-controller',
    reference: 'VWP-017',
    businessFunction: 'Publiekszaken',
    recordGroup: 'Mobiliteit',
    adoptedOn: '2019-03-01',
    lastReviewedOn: '2024-11-20',
    language: 'nl',
    sourceUrl: 'https://voorbeeld.nl/verwerkingsregister/parkeren',
    sourcePhrase: 'Verwerking: parkeervergunningen',
    internalNote: internalNoteOf('activity'),
    statedAbsences: ['criminal-data', 'external-recipients'],
    automatedDecisions: 'yes',
    automatedDecisionLogic: 'Permits are granted when the address is in the zone',
    automatedDecisionSignificance: 'A refused permit',
    automatedDecisionSafeguards: 'An officer reviews every refusal on request',
    jointArrangementRef: 'GR-2022-04',
    jointArrangementEssence: 'Published on voorbeeld.nl/samenwerking',
    controllerIds: [
      { id: municipality.id, relationship: 'joint' },
      { id: province.id, relationship: 'joint' },
    ],
    legalBasisIds: [{ id: obligation, note: 'Wegenverkeerswet 1994, art. 18' }],
    purposes: [
      { purposeId: purpose.id, legalBasisIds: [{ id: publicTask, note: 'Gemeentewet, art. 160' }] },
      { purposeId: scoring.id, legalBasisIds: [contract, explicitConsent] },
    ],
    retentionRuleIds: [statutory.id],
    dataSubjectCategoryIds: [subjects.id],
    dataCategories: [
      { dataCategoryId: plate.id, retentionRuleId: untilEvent.id },
      { dataCategoryId: health.id, retentionRuleId: permanent.id },
      { dataCategoryId: unstatedData.id, retentionRuleId: unstatedRule.id },
    ],
    recipients: [
      { recipientId: processor.id },
      { recipientId: negotiating.id },
      { recipientId: notNeeded.id },
      { recipientId: publicAtLarge.id },
      { recipientId: unstatedRecipient.id },
      { recipientId: who.id },
      { recipientId: subProcessor.id },
    ],
    transfers: [
      { recipientId: negotiating.id, country: 'US', tiaReference: 'TIA-7' },
      { recipientId: negotiating.id, country: 'IN' },
      { recipientId: who.id, internationalOrganisation: 'World Health Organization' },
      { recipientId: subProcessor.id, destination: 'worldwide', viaRecipientId: negotiating.id },
      { recipientId: unstatedRecipient.id },
    ],
    securityMeasureIds: [measure.id, unstatedMeasure.id],
  });
  const separate = await create(app, 'processing-activities', {
    name: 'Subsidies',
    statedAbsences: ['special-categories', 'transfers'],
    automatedDecisions: 'no',
    controllerIds: [
      { id: agency.id, relationship: 'separate' },
      { id: silent.id, relationship: 'not-stated' },
    ],
    retentionRuleIds: [necessary.id, fixed.id],
  });
  const silentActivity = await create(app, 'processing-activities', { name: 'Nothing stated', controllerIds: [silent.id] });
  return {
    municipality,
    province,
    agency,
    silent,
    statutory,
    untilEvent,
    permanent,
    necessary,
    unstatedRule,
    fixed,
    parking,
    separate,
    silentActivity,
  };
}
