import type { DataSubjectRightCode } from '../../entities/data-subject-right';

/**
 * The GDPR data subject rights, as migration 1764100000002 ships them (a test keeps the two
 * equal). Kept in code too because deriving rights is a pure function: it must not need the database.
 */
export const rightDefinitions: readonly { code: DataSubjectRightCode; article: string; name: string; description: string }[] = [
  {
    code: 'access',
    article: 'Art. 15',
    name: 'Right of access',
    description: 'Obtain confirmation whether personal data is processed, a copy of it, and the information of Art. 15(1).',
  },
  {
    code: 'rectification',
    article: 'Art. 16',
    name: 'Right to rectification',
    description: 'Have inaccurate personal data corrected and incomplete data completed.',
  },
  {
    code: 'erasure',
    article: 'Art. 17',
    name: 'Right to erasure',
    description: "Have personal data erased ('right to be forgotten') on the grounds of Art. 17(1).",
  },
  {
    code: 'restriction',
    article: 'Art. 18',
    name: 'Right to restriction of processing',
    description: 'Have processing restricted while accuracy or lawfulness is contested, or when data is needed for legal claims.',
  },
  {
    code: 'portability',
    article: 'Art. 20',
    name: 'Right to data portability',
    description:
      'Receive data provided to the controller in a structured, machine-readable format and have it transmitted to another controller, where processing rests on consent or contract and is automated.',
  },
  {
    code: 'objection',
    article: 'Art. 21',
    name: 'Right to object',
    description: 'Object to processing based on Art. 6(1)(e) or (f), and at any time to direct marketing.',
  },
  {
    code: 'automated-decision-making',
    article: 'Art. 22',
    name: 'Rights related to automated decision-making',
    description:
      'Not to be subject to a decision based solely on automated processing, including profiling, with legal or similarly significant effects.',
  },
  {
    code: 'withdraw-consent',
    article: 'Art. 7(3)',
    name: 'Right to withdraw consent',
    description: 'Withdraw consent at any time, as easily as it was given, without affecting earlier processing.',
  },
  {
    code: 'complaint',
    article: 'Art. 77',
    name: 'Right to lodge a complaint',
    description: 'Lodge a complaint with a supervisory authority.',
  },
];

export interface DerivedRight {
  code: DataSubjectRightCode;
  article: string;
  name: string;
  applies: boolean;
  reason: string;
}

/**
 * What the derivation reads of an activity: its purposes and their legal bases (by code), the
 * bases it states for the activity as a whole (they count for every purpose), and whether it
 * states automated decisions.
 */
export interface RightsInput {
  purposes: { purpose: { name: string }; legalBases: { code: string }[] }[];
  legalBases?: { code: string }[];
  automatedDecisions?: string;
}

const consent = ['gdpr-6-1-a', 'gdpr-9-2-a'];
const contract = ['gdpr-6-1-b'];
const publicTaskOrInterests = ['gdpr-6-1-e', 'gdpr-6-1-f'];
const obligationOrPublicTask = ['gdpr-6-1-c', 'gdpr-6-1-e'];
/** Only the GDPR's own bases count. */
const gdprPrefixes = ['gdpr-6-1-', 'gdpr-9-2-'];

const quoted = (names: string[]) => names.map((name) => `"${name}"`).join(', ');

/**
 * Every reason a derived right gives, as a template of what it quotes (purpose names already
 * quoted, the verb's `s`, the no-basis preface): the one text of both derivations — this
 * module's, and the SQL one the stored read model runs (`derivedRightsSql`).
 */
export const rightReasons = {
  noBasis: 'No legal basis is recorded for any purpose yet, so this cannot be derived. ',
  always: (article: string) => `Applies whatever the legal basis (${article}).`,
  erasureExcluded: () =>
    `Every purpose rests on a legal obligation or public task (Art. 6(1)(c)/(e)): Art. 17(3)(b) excludes erasure while the processing is necessary for it.`,
  erasurePartly: (erasable: string, onlyObligation: string, s: string) =>
    `Applies to ${erasable}; not to ${onlyObligation}, which rest${s} on a legal obligation or public task only (Art. 17(3)(b)).`,
  erasureApplies: (noBasis: string) =>
    `${noBasis}No purpose rests only on a legal obligation or public task, so Art. 17(3)(b) does not exclude erasure; the grounds of Art. 17(1) apply.`,
  portable: (names: string, s: string) =>
    `${names} rest${s} on consent or contract (Art. 20(1)(a)); applies to data the data subject provided, processed by automated means.`,
  notPortable: (noBasis: string) =>
    `${noBasis}Art. 20(1)(a) limits portability to processing based on consent (Art. 6(1)(a), 9(2)(a)) or contract (Art. 6(1)(b)), and no purpose rests on either.`,
  objection: (names: string, s: string) =>
    `${names} rest${s} on public task or legitimate interests (Art. 21(1)); objection to direct marketing is absolute (Art. 21(2)–(3)).`,
  noObjection: (noBasis: string) =>
    `${noBasis}Art. 21(1) applies only to processing based on Art. 6(1)(e) or (f), and no purpose rests on either; objection to direct marketing (Art. 21(2)) stays possible whatever the basis.`,
  withdrawal: (names: string, s: string) =>
    `${names} rest${s} on consent: it can be withdrawn at any time, as easily as given (Art. 7(3)).`,
  noWithdrawal: (noBasis: string) => `${noBasis}Art. 7(3) applies only to consent (Art. 6(1)(a), 9(2)(a)), and no purpose rests on it.`,
  automatedYes: () =>
    'The record states automated decision-making: data subjects may refuse decisions based solely on it that have legal or similarly significant effects, and have the safeguards of Art. 22(3).',
  automatedNo: () => 'The record states that no decisions are based solely on automated processing (Art. 22(1)).',
  automatedNotStated: () =>
    'Applies whatever the legal basis to decisions based solely on automated processing with legal or similarly significant effects (Art. 22(1)); the record does not state whether such decisions are made.',
};

/** The rights that apply whatever the basis, and the article each cites. */
const unconditional: Partial<Record<DataSubjectRightCode, string>> = {
  access: 'Art. 15',
  rectification: 'Art. 16',
  restriction: 'Art. 18',
  complaint: 'Art. 77',
};

const verbS = (names: string[]) => (names.length === 1 ? 's' : '');

/**
 * The rights a data subject has against one activity, derived from the legal bases of its
 * purposes. A right applies to the activity when it applies to at least one of its purposes; the
 * reason names the purposes and the article that includes or excludes them. Only the GDPR's own
 * bases count: national-law bases complement Art. 6(1)(c)/(e) and change nothing here.
 */
export function deriveRights(activity: RightsInput): DerivedRight[] {
  const purposes = activity.purposes.map((p) => ({
    name: p.purpose.name,
    codes: [...p.legalBases, ...(activity.legalBases ?? [])]
      .map((basis) => basis.code)
      .filter((code) => gdprPrefixes.some((prefix) => code.startsWith(prefix))),
  }));
  const withBasis = purposes.filter((p) => p.codes.length > 0);
  const resting = (codes: string[]) => withBasis.filter((p) => p.codes.some((code) => codes.includes(code))).map((p) => p.name);
  const noBasis = withBasis.length === 0 ? rightReasons.noBasis : '';

  // Art. 17(3)(b): no erasure while processing is necessary for a legal obligation or public task.
  const onlyObligation = withBasis.filter((p) => p.codes.every((code) => obligationOrPublicTask.includes(code))).map((p) => p.name);
  const erasable = withBasis.filter((p) => !onlyObligation.includes(p.name)).map((p) => p.name);
  const erasure =
    withBasis.length > 0 && erasable.length === 0
      ? { applies: false, reason: rightReasons.erasureExcluded() }
      : onlyObligation.length > 0
        ? { applies: true, reason: rightReasons.erasurePartly(quoted(erasable), quoted(onlyObligation), verbS(onlyObligation)) }
        : { applies: true, reason: rightReasons.erasureApplies(noBasis) };

  const portable = resting([...consent, ...contract]);
  const portability =
    portable.length > 0
      ? { applies: true, reason: rightReasons.portable(quoted(portable), verbS(portable)) }
      : { applies: false, reason: rightReasons.notPortable(noBasis) };

  const objectable = resting(publicTaskOrInterests);
  const objection =
    objectable.length > 0
      ? { applies: true, reason: rightReasons.objection(quoted(objectable), verbS(objectable)) }
      : { applies: false, reason: rightReasons.noObjection(noBasis) };

  const consented = resting(consent);
  const withdrawal =
    consented.length > 0
      ? { applies: true, reason: rightReasons.withdrawal(quoted(consented), verbS(consented)) }
      : { applies: false, reason: rightReasons.noWithdrawal(noBasis) };

  const derived: Partial<Record<DataSubjectRightCode, { applies: boolean; reason: string }>> = {
    erasure,
    portability,
    objection,
    'automated-decision-making':
      activity.automatedDecisions === 'yes'
        ? { applies: true, reason: rightReasons.automatedYes() }
        : activity.automatedDecisions === 'no'
          ? { applies: false, reason: rightReasons.automatedNo() }
          : { applies: true, reason: rightReasons.automatedNotStated() },
    'withdraw-consent': withdrawal,
  };
  return rightDefinitions.map(({ code, article, name }) => ({
    code,
    article,
    name,
    ...(derived[code] ?? { applies: true, reason: rightReasons.always(unconditional[code]!) }),
  }));
}

/** A SQL string literal. */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** A reason template as SQL text: its fixed words as literals, each argument an SQL text expression. */
function reasonSql<A extends string[]>(template: (...args: A) => string, ...args: A): string {
  const marks = args.map((_, i) => `\uE000${i}\uE000`) as A;
  return template(...marks)
    .split(/\uE000(\d+)\uE000/)
    .map((piece, i) => (i % 2 === 0 ? literal(piece) : `(${args[Number(piece)]})`))
    .filter((piece) => piece !== "''")
    .join(' || ');
}

const codesArray = (codes: string[]) => `ARRAY[${codes.map(literal).join(', ')}]::text[]`;

/**
 * `deriveRights` in SQL, for the stored read model: the rights array as JSON text, exactly as
 * `JSON.stringify(deriveRights(activity))` writes it. `purposes` is a query of the activity's
 * purposes, in the activity's order, as rows (name text, ord, codes text[]: every basis code of
 * the purpose and of the activity as a whole); `automatedDecisions` the activity's column.
 */
export function derivedRightsSql(purposes: string, automatedDecisions: string): string {
  const gdpr = `ARRAY(SELECT c FROM unnest(p.codes) c WHERE ${gdprPrefixes.map((prefix) => `starts_with(c, ${literal(prefix)})`).join(' OR ')})`;
  const names = (condition: string) => `string_agg('"' || g.name || '"', ', ' ORDER BY g.ord) FILTER (WHERE ${condition})`;
  const count = (condition: string) => `count(*) FILTER (WHERE ${condition})`;
  const sets = {
    portable: `g.codes && ${codesArray([...consent, ...contract])}`,
    objectable: `g.codes && ${codesArray(publicTaskOrInterests)}`,
    consented: `g.codes && ${codesArray(consent)}`,
    onlyObligation: `g.codes <@ ${codesArray(obligationOrPublicTask)}`,
    erasable: `NOT g.codes <@ ${codesArray(obligationOrPublicTask)}`,
  };
  const aggregates = [
    'count(*) AS n',
    ...Object.entries(sets).flatMap(([set, condition]) => [`${names(condition)} AS ${set}`, `${count(condition)} AS ${set}_n`]),
  ].join(', ');
  const noBasis = `CASE WHEN r.n = 0 THEN ${literal(rightReasons.noBasis)} ELSE '' END`;
  const s = (set: string) => `CASE WHEN r.${set}_n = 1 THEN 's' ELSE '' END`;
  const tail = (applies: boolean, reason: string) => `'"applies":${applies},"reason":' || to_json((${reason})::text)::text`;
  const tails: Partial<Record<DataSubjectRightCode, string>> = {
    erasure: `CASE WHEN r.n > 0 AND r.erasable_n = 0 THEN ${tail(false, reasonSql(rightReasons.erasureExcluded))}
      WHEN r.onlyObligation_n > 0 THEN ${tail(true, reasonSql(rightReasons.erasurePartly, 'r.erasable', 'r.onlyObligation', s('onlyObligation')))}
      ELSE ${tail(true, reasonSql(rightReasons.erasureApplies, noBasis))} END`,
    portability: `CASE WHEN r.portable_n > 0 THEN ${tail(true, reasonSql(rightReasons.portable, 'r.portable', s('portable')))}
      ELSE ${tail(false, reasonSql(rightReasons.notPortable, noBasis))} END`,
    objection: `CASE WHEN r.objectable_n > 0 THEN ${tail(true, reasonSql(rightReasons.objection, 'r.objectable', s('objectable')))}
      ELSE ${tail(false, reasonSql(rightReasons.noObjection, noBasis))} END`,
    'automated-decision-making': `CASE WHEN ${automatedDecisions} = 'yes' THEN ${tail(true, reasonSql(rightReasons.automatedYes))}
      WHEN ${automatedDecisions} = 'no' THEN ${tail(false, reasonSql(rightReasons.automatedNo))}
      ELSE ${tail(true, reasonSql(rightReasons.automatedNotStated))} END`,
    'withdraw-consent': `CASE WHEN r.consented_n > 0 THEN ${tail(true, reasonSql(rightReasons.withdrawal, 'r.consented', s('consented')))}
      ELSE ${tail(false, reasonSql(rightReasons.noWithdrawal, noBasis))} END`,
  };
  const items = rightDefinitions.map(({ code, article, name }) => {
    const head = literal(
      `{${JSON.stringify('code')}:${JSON.stringify(code)},"article":${JSON.stringify(article)},"name":${JSON.stringify(name)},`,
    );
    const rest = tails[code] ?? tail(true, reasonSql(rightReasons.always, literal(unconditional[code]!)));
    return `${head} || ${rest} || '}'`;
  });
  return `(SELECT '[' || ${items.join(" || ',' || ")} || ']' FROM (
      SELECT ${aggregates}
      FROM (SELECT p.name, p.ord, ${gdpr} AS codes FROM (${purposes}) p) g
      WHERE cardinality(g.codes) > 0
    ) r)`;
}

/** The activity with its derived rights added, as the API returns it. */
export function withRights<T extends RightsInput>(activity: T): T & { rights: DerivedRight[] } {
  return { ...activity, rights: deriveRights(activity) };
}
