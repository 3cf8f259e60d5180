/**
 * The processing activity as the API returns it, links resolved, built by PostgreSQL in ONE
 * query however many activities and links there are (json_agg per link kind). The same SQL
 * serves get, list and, later, the export, so their shapes cannot drift apart.
 */

const ref = (alias: string) => `json_build_object('id', ${alias}.id, 'name', ${alias}.name)`;
const legalBasisRef = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'name', ${alias}.name, 'code', ${alias}.code, 'article', ${alias}.article, 'kind', ${alias}.kind)`;
const recipientRef = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'name', ${alias}.name, 'kind', ${alias}.kind, 'country', ${alias}.country)`;
const list = (select: string) => `COALESCE((${select}), '[]'::json)`;

export const activityColumns = `
  a.id, a.name, a.description, a.role, a.status, a.owner,
  to_char(a.review_due_at, 'YYYY-MM-DD') AS "reviewDueAt",
  a.dpia_required AS "dpiaRequired", a.dpia_reference AS "dpiaReference",
  a.created_at AS "createdAt", a.updated_at AS "updatedAt", a.version,
  ${list(`SELECT json_agg(${ref('o')} ORDER BY lower(o.name), o.id)
     FROM activity_controllers x JOIN organisations o ON o.id = x.organisation_id WHERE x.activity_id = a.id`)} AS controllers,
  ${list(`SELECT json_agg(json_build_object(
       'purpose', ${ref('p')},
       'legalBases', ${list(`SELECT json_agg(${legalBasisRef('lb')} ORDER BY lb.code)
          FROM activity_purpose_legal_bases y JOIN legal_bases lb ON lb.id = y.legal_basis_id WHERE y.activity_purpose_id = x.id`)},
       'legitimateInterest', x.legitimate_interest,
       'assessmentReference', x.assessment_reference) ORDER BY lower(p.name), p.id)
     FROM activity_purposes x JOIN purposes p ON p.id = x.purpose_id WHERE x.activity_id = a.id`)} AS purposes,
  ${list(`SELECT json_agg(${ref('s')} ORDER BY lower(s.name), s.id)
     FROM activity_data_subject_categories x JOIN data_subject_categories s ON s.id = x.data_subject_category_id
     WHERE x.activity_id = a.id`)} AS "dataSubjectCategories",
  ${list(`SELECT json_agg(json_build_object(
       'dataCategory', json_build_object('id', d.id, 'name', d.name, 'sensitivity', d.sensitivity),
       'retentionRule', CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object(
          'id', r.id, 'name', r.name, 'duration', r.duration, 'maximumDuration', r.maximum_duration) END,
       'sourceChannels', ${list(`SELECT json_agg(${ref('c')} ORDER BY lower(c.name), c.id)
          FROM activity_data_category_sources y JOIN collection_channels c ON c.id = y.collection_channel_id
          WHERE y.activity_data_category_id = x.id`)}) ORDER BY lower(d.name), d.id)
     FROM activity_data_categories x JOIN data_categories d ON d.id = x.data_category_id
     LEFT JOIN retention_rules r ON r.id = x.retention_rule_id WHERE x.activity_id = a.id`)} AS "dataCategories",
  ${list(`SELECT json_agg(${ref('c')} ORDER BY lower(c.name), c.id)
     FROM activity_collection_channels x JOIN collection_channels c ON c.id = x.collection_channel_id
     WHERE x.activity_id = a.id`)} AS "collectionChannels",
  ${list(`SELECT json_agg(json_build_object(
       'recipient', ${recipientRef('r')},
       'dataCategories', ${list(`SELECT json_agg(${ref('d')} ORDER BY lower(d.name), d.id)
          FROM activity_recipient_data_categories y JOIN data_categories d ON d.id = y.data_category_id
          WHERE y.activity_recipient_id = x.id`)}) ORDER BY lower(r.name), r.id)
     FROM activity_recipients x JOIN recipients r ON r.id = x.recipient_id WHERE x.activity_id = a.id`)} AS recipients,
  ${list(`SELECT json_agg(json_build_object(
       'recipient', ${recipientRef('r')},
       'country', x.country,
       'mechanism', CASE WHEN lb.id IS NULL THEN NULL ELSE ${legalBasisRef('lb')} END,
       'safeguard', x.safeguard,
       'tiaReference', x.tia_reference) ORDER BY lower(r.name), x.country, x.id)
     FROM activity_transfers x JOIN recipients r ON r.id = x.recipient_id
     LEFT JOIN legal_bases lb ON lb.id = x.mechanism_id WHERE x.activity_id = a.id`)} AS transfers,
  ${list(`SELECT json_agg(${ref('m')} ORDER BY lower(m.name), m.id)
     FROM activity_security_measures x JOIN security_measures m ON m.id = x.security_measure_id
     WHERE x.activity_id = a.id`)} AS "securityMeasures"`;

/** A linked-to filter: the query parameter, and the link table/column it searches. */
export const activityLinkFilters: Record<string, { table: string; column: string }[]> = {
  controllerId: [{ table: 'activity_controllers', column: 'organisation_id' }],
  purposeId: [{ table: 'activity_purposes', column: 'purpose_id' }],
  legalBasisId: [
    { table: 'activity_purpose_legal_bases', column: 'legal_basis_id' },
    { table: 'activity_transfers', column: 'mechanism_id' },
  ],
  dataSubjectCategoryId: [{ table: 'activity_data_subject_categories', column: 'data_subject_category_id' }],
  dataCategoryId: [{ table: 'activity_data_categories', column: 'data_category_id' }],
  collectionChannelId: [{ table: 'activity_collection_channels', column: 'collection_channel_id' }],
  recipientId: [
    { table: 'activity_recipients', column: 'recipient_id' },
    { table: 'activity_transfers', column: 'recipient_id' },
  ],
  retentionRuleId: [{ table: 'activity_data_categories', column: 'retention_rule_id' }],
  securityMeasureId: [{ table: 'activity_security_measures', column: 'security_measure_id' }],
  transferCountry: [{ table: 'activity_transfers', column: 'country' }],
};
