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

const quoted = (names: string[]) => names.map((name) => `"${name}"`).join(', ');

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
      .filter((code) => code.startsWith('gdpr-6-1-') || code.startsWith('gdpr-9-2-')),
  }));
  const withBasis = purposes.filter((p) => p.codes.length > 0);
  const resting = (codes: string[]) => withBasis.filter((p) => p.codes.some((code) => codes.includes(code))).map((p) => p.name);
  const noBasis = withBasis.length === 0 ? 'No legal basis is recorded for any purpose yet, so this cannot be derived. ' : '';

  const always = (article: string) => ({ applies: true, reason: `Applies whatever the legal basis (${article}).` });

  // Art. 17(3)(b): no erasure while processing is necessary for a legal obligation or public task.
  const onlyObligation = withBasis.filter((p) => p.codes.every((code) => obligationOrPublicTask.includes(code))).map((p) => p.name);
  const erasable = withBasis.filter((p) => !onlyObligation.includes(p.name)).map((p) => p.name);
  const erasure =
    withBasis.length > 0 && erasable.length === 0
      ? {
          applies: false,
          reason: `Every purpose rests on a legal obligation or public task (Art. 6(1)(c)/(e)): Art. 17(3)(b) excludes erasure while the processing is necessary for it.`,
        }
      : onlyObligation.length > 0
        ? {
            applies: true,
            reason: `Applies to ${quoted(erasable)}; not to ${quoted(onlyObligation)}, which rest${onlyObligation.length === 1 ? 's' : ''} on a legal obligation or public task only (Art. 17(3)(b)).`,
          }
        : {
            applies: true,
            reason: `${noBasis}No purpose rests only on a legal obligation or public task, so Art. 17(3)(b) does not exclude erasure; the grounds of Art. 17(1) apply.`,
          };

  const portable = resting([...consent, ...contract]);
  const portability =
    portable.length > 0
      ? {
          applies: true,
          reason: `${quoted(portable)} rest${portable.length === 1 ? 's' : ''} on consent or contract (Art. 20(1)(a)); applies to data the data subject provided, processed by automated means.`,
        }
      : {
          applies: false,
          reason: `${noBasis}Art. 20(1)(a) limits portability to processing based on consent (Art. 6(1)(a), 9(2)(a)) or contract (Art. 6(1)(b)), and no purpose rests on either.`,
        };

  const objectable = resting(publicTaskOrInterests);
  const objection =
    objectable.length > 0
      ? {
          applies: true,
          reason: `${quoted(objectable)} rest${objectable.length === 1 ? 's' : ''} on public task or legitimate interests (Art. 21(1)); objection to direct marketing is absolute (Art. 21(2)–(3)).`,
        }
      : {
          applies: false,
          reason: `${noBasis}Art. 21(1) applies only to processing based on Art. 6(1)(e) or (f), and no purpose rests on either; objection to direct marketing (Art. 21(2)) stays possible whatever the basis.`,
        };

  const consented = resting(consent);
  const withdrawal =
    consented.length > 0
      ? {
          applies: true,
          reason: `${quoted(consented)} rest${consented.length === 1 ? 's' : ''} on consent: it can be withdrawn at any time, as easily as given (Art. 7(3)).`,
        }
      : { applies: false, reason: `${noBasis}Art. 7(3) applies only to consent (Art. 6(1)(a), 9(2)(a)), and no purpose rests on it.` };

  const derived: Record<DataSubjectRightCode, { applies: boolean; reason: string }> = {
    access: always('Art. 15'),
    rectification: always('Art. 16'),
    erasure,
    restriction: always('Art. 18'),
    portability,
    objection,
    'automated-decision-making':
      activity.automatedDecisions === 'yes'
        ? {
            applies: true,
            reason:
              'The record states automated decision-making: data subjects may refuse decisions based solely on it that have legal or similarly significant effects, and have the safeguards of Art. 22(3).',
          }
        : activity.automatedDecisions === 'no'
          ? { applies: false, reason: 'The record states that no decisions are based solely on automated processing (Art. 22(1)).' }
          : {
              applies: true,
              reason:
                'Applies whatever the legal basis to decisions based solely on automated processing with legal or similarly significant effects (Art. 22(1)); the record does not state whether such decisions are made.',
            },
    'withdraw-consent': withdrawal,
    complaint: always('Art. 77'),
  };
  return rightDefinitions.map(({ code, article, name }) => ({ code, article, name, ...derived[code] }));
}

/** The activity with its derived rights added, as the API returns it. */
export function withRights<T extends RightsInput>(activity: T): T & { rights: DerivedRight[] } {
  return { ...activity, rights: deriveRights(activity) };
}
