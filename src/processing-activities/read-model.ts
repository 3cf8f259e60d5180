/**
 * The processing activity as the API returns it, links resolved, built by PostgreSQL (json_agg
 * per link kind). ONE definition of each link kind below gives two forms of the same SQL, so
 * their shapes cannot drift apart:
 *
 * - `activityColumns`: correlated subqueries per activity — for get, list (a page of ≤ 100) and
 *   the findings / privacy notice, where only a few activities are read;
 * - `bulkActivityQuery`: set-based — each link table aggregated once, grouped by activity, and
 *   hash-joined to the activities. For the export, which reads every activity of the register:
 *   at 10,000 activities the correlated form runs ~250,000 subplans and takes seconds; this one
 *   scans each link table once.
 */

const ref = (alias: string) => `json_build_object('id', ${alias}.id, 'name', ${alias}.name)`;
const legalBasisRef = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'name', ${alias}.name, 'code', ${alias}.code, 'article', ${alias}.article, 'kind', ${alias}.kind)`;
const recipientRef = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'name', ${alias}.name, 'kind', ${alias}.kind, 'country', ${alias}.country)`;

/**
 * One list of links: `from` is the link table aliased `alias` with what it joins, `parent` the
 * link column pointing at the owner (the activity, or a parent link row), `element` one item
 * (nested lists by `nested(name)`), `order` the order of the items.
 */
interface LinkList {
  alias: string;
  from: string;
  parent: string;
  element: (nested: (name: string) => string) => string;
  order: string;
  children?: Record<string, LinkList>;
}

const links: Record<string, LinkList> = {
  controllers: {
    alias: 'x',
    from: 'activity_controllers x JOIN organisations o ON o.id = x.organisation_id',
    parent: 'activity_id',
    element: () => ref('o'),
    order: 'lower(o.name), o.id',
  },
  purposes: {
    alias: 'x',
    from: 'activity_purposes x JOIN purposes p ON p.id = x.purpose_id',
    parent: 'activity_id',
    element: (nested) => `json_build_object(
       'purpose', ${ref('p')},
       'legalBases', ${nested('legalBases')},
       'legitimateInterest', x.legitimate_interest,
       'assessmentReference', x.assessment_reference)`,
    order: 'lower(p.name), p.id',
    children: {
      legalBases: {
        alias: 'y',
        from: 'activity_purpose_legal_bases y JOIN legal_bases lb ON lb.id = y.legal_basis_id',
        parent: 'activity_purpose_id',
        element: () => legalBasisRef('lb'),
        order: 'lb.code',
      },
    },
  },
  dataSubjectCategories: {
    alias: 'x',
    from: 'activity_data_subject_categories x JOIN data_subject_categories s ON s.id = x.data_subject_category_id',
    parent: 'activity_id',
    element: () => ref('s'),
    order: 'lower(s.name), s.id',
  },
  dataCategories: {
    alias: 'x',
    from: `activity_data_categories x JOIN data_categories d ON d.id = x.data_category_id
           LEFT JOIN retention_rules r ON r.id = x.retention_rule_id`,
    parent: 'activity_id',
    element: (nested) => `json_build_object(
       'dataCategory', json_build_object('id', d.id, 'name', d.name, 'sensitivity', d.sensitivity),
       'retentionRule', CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object(
          'id', r.id, 'name', r.name, 'duration', r.duration, 'maximumDuration', r.maximum_duration) END,
       'sourceChannels', ${nested('sourceChannels')})`,
    order: 'lower(d.name), d.id',
    children: {
      sourceChannels: {
        alias: 'y',
        from: 'activity_data_category_sources y JOIN collection_channels c ON c.id = y.collection_channel_id',
        parent: 'activity_data_category_id',
        element: () => ref('c'),
        order: 'lower(c.name), c.id',
      },
    },
  },
  collectionChannels: {
    alias: 'x',
    from: 'activity_collection_channels x JOIN collection_channels c ON c.id = x.collection_channel_id',
    parent: 'activity_id',
    element: () => ref('c'),
    order: 'lower(c.name), c.id',
  },
  recipients: {
    alias: 'x',
    from: 'activity_recipients x JOIN recipients r ON r.id = x.recipient_id',
    parent: 'activity_id',
    element: (nested) => `json_build_object('recipient', ${recipientRef('r')}, 'dataCategories', ${nested('dataCategories')})`,
    order: 'lower(r.name), r.id',
    children: {
      dataCategories: {
        alias: 'y',
        from: 'activity_recipient_data_categories y JOIN data_categories d ON d.id = y.data_category_id',
        parent: 'activity_recipient_id',
        element: () => ref('d'),
        order: 'lower(d.name), d.id',
      },
    },
  },
  transfers: {
    alias: 'x',
    from: `activity_transfers x JOIN recipients r ON r.id = x.recipient_id
           LEFT JOIN legal_bases lb ON lb.id = x.mechanism_id`,
    parent: 'activity_id',
    element: () => `json_build_object(
       'recipient', ${recipientRef('r')},
       'country', x.country,
       'mechanism', CASE WHEN lb.id IS NULL THEN NULL ELSE ${legalBasisRef('lb')} END,
       'safeguard', x.safeguard,
       'tiaReference', x.tia_reference)`,
    order: 'lower(r.name), x.country, x.id',
  },
  securityMeasures: {
    alias: 'x',
    from: 'activity_security_measures x JOIN security_measures m ON m.id = x.security_measure_id',
    parent: 'activity_id',
    element: () => ref('m'),
    order: 'lower(m.name), m.id',
  },
};

const emptyList = `'[]'::json`;
const quoted = (name: string) => (/^[a-z]+$/.test(name) ? name : `"${name}"`);

/** The correlated form: a scalar subquery per list, for the owner row aliased `owner`. */
function correlated(list: LinkList, owner: string): string {
  const nested = (name: string) => correlated(list.children![name]!, list.alias);
  return `COALESCE((SELECT json_agg(${list.element(nested)} ORDER BY ${list.order})
     FROM ${list.from} WHERE ${list.alias}.${list.parent} = ${owner}.id), ${emptyList})`;
}

/**
 * The set-based form: a derived table `(k, v)` with each owner's list, for the link rows of the
 * activities `scope` selects (every link table has an activity_id).
 */
function grouped(list: LinkList, name: string, scope: string): { join: string; value: string } {
  const table = `g_${name}`;
  const children = Object.entries(list.children ?? {}).map(([childName, child]) => ({
    childName,
    ...grouped(child, `${name}_${childName}`, scope),
  }));
  const nested = (childName: string) => children.find((child) => child.childName === childName)!.value;
  const joins = children.map((child) => child.join.replace(/__OWNER__/g, `${list.alias}.id`)).join('\n');
  return {
    join: `LEFT JOIN (SELECT ${list.alias}.${list.parent} AS k, json_agg(${list.element(nested)} ORDER BY ${list.order}) AS v
       FROM ${list.from}
       ${joins}
       WHERE ${list.alias}.activity_id IN (${scope})
       GROUP BY ${list.alias}.${list.parent}) ${table} ON ${table}.k = __OWNER__`,
    value: `COALESCE(${table}.v, ${emptyList})`,
  };
}

const scalarColumns = `
  a.id, a.name, a.description, a.role, a.status, a.owner,
  to_char(a.review_due_at, 'YYYY-MM-DD') AS "reviewDueAt",
  a.dpia_required AS "dpiaRequired", a.dpia_reference AS "dpiaReference",
  a.created_at AS "createdAt", a.updated_at AS "updatedAt", a.version`;

/** The read model's columns for activity rows aliased `a` (correlated form). */
export const activityColumns = `${scalarColumns},
  ${Object.entries(links)
    .map(([name, list]) => `${correlated(list, 'a')} AS ${quoted(name)}`)
    .join(',\n  ')}`;

/**
 * The read model for many activities at once (set-based form). `from` is a FROM clause that
 * yields the activity rows as `a` (it may join more, e.g. for grouping columns), `where` their
 * condition, `scope` a query of the ids of those activities (it may use the same parameters),
 * `extra` more output columns placed first, `orderBy` the order of the result.
 */
export function bulkActivityQuery(options: { from: string; where: string; scope: string; extra?: string; orderBy: string }): string {
  const lists = Object.entries(links).map(([name, list]) => ({ name, ...grouped(list, name, options.scope) }));
  return `SELECT ${options.extra ? `${options.extra},` : ''} ${scalarColumns},
  ${lists.map((list) => `${list.value} AS ${quoted(list.name)}`).join(',\n  ')}
  FROM ${options.from}
  ${lists.map((list) => list.join.replace(/__OWNER__/g, 'a.id')).join('\n  ')}
  WHERE ${options.where}
  ORDER BY ${options.orderBy}`;
}

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
