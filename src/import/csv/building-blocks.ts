import { entryName } from '../register-document';
import type {
  RegisterDocument,
  SeedCollectionChannel,
  SeedDataCategory,
  SeedDataSubjectCategory,
  SeedOrganisation,
  SeedPurpose,
  SeedRecipient,
  SeedRetentionRule,
  SeedSecurityMeasure,
  SeedSystem,
} from '../register-document';
import type { At, ProblemList } from './problem-list';

const quote = (value: unknown) => (value === undefined ? '(none)' : JSON.stringify(value));
/** Equal as the document holds them: lists (contacts, retention conditions) by their content. */
const same = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));

/**
 * One kind of building block, deduplicated by name (case aside): the CSV repeats a block in every
 * row and activity that uses it. `strict` fields must be the same wherever the block is named;
 * `merged` fields may be left out in some places but must not disagree where given.
 */
export class Blocks<T extends { name: string }> {
  private readonly seen = new Map<string, { item: T; row: number }>();

  constructor(
    private readonly problems: ProblemList,
    private readonly list: T[],
    private readonly what: string,
    private readonly strict: readonly (keyof T)[],
    private readonly merged: readonly (keyof T)[] = [],
  ) {}

  get(name: string): T | undefined {
    return this.seen.get(name.toLowerCase())?.item;
  }

  has(name: string) {
    return this.seen.has(name.toLowerCase());
  }

  /** The block of that name: `item` when it is the first, else the earlier one (completed by `item`'s merged fields). */
  add(item: T, where: At, value: string): T {
    const seen = this.seen.get(item.name.toLowerCase());
    if (!seen) {
      this.seen.set(item.name.toLowerCase(), { item, row: where.row });
      this.list.push(item);
      return item;
    }
    const differences: string[] = [];
    for (const field of this.strict) {
      if (!same(seen.item[field] ?? undefined, item[field] ?? undefined))
        differences.push(`${String(field)} ${quote(seen.item[field])} there, ${quote(item[field])} here`);
    }
    for (const field of this.merged) {
      if (item[field] === undefined) continue;
      if (seen.item[field] === undefined) seen.item[field] = item[field];
      else if (!same(seen.item[field], item[field]))
        differences.push(`${String(field)} ${quote(seen.item[field])} there, ${quote(item[field])} here`);
    }
    if (differences.length > 0) {
      this.problems.report(
        where,
        value,
        `The ${this.what} "${seen.item.name}" is described differently in row ${seen.row}: ${differences.join('; ')}`,
      );
    }
    return seen.item;
  }
}

/** The texts every entry may have, given (by the texts columns) where the entry is used. */
const texts = ['description', 'sourcePhrase', 'internalNote'] as const;

/** The document's building blocks, each kind filled (in first-appearance order) into its list of the document. */
export function registerBlocks(document: RegisterDocument, problems: ProblemList) {
  return {
    organisations: new Blocks<SeedOrganisation>(
      problems,
      document.organisations,
      'organisation',
      [],
      [
        'address',
        'country',
        'email',
        'phone',
        'privacyContactEmail',
        'dpoName',
        'dpoEmail',
        'dpoPhone',
        'representative',
        'dpoTitle',
        'dpoAddress',
        'dpoRequired',
        'dpoRequiredReason',
        'publicBody',
        'framework',
        'language',
        'transferMechanism',
        'transferMechanismNote',
        'contacts',
        ...texts,
      ],
    ),
    subjects: new Blocks<SeedDataSubjectCategory>(problems, document.dataSubjectCategories, 'category of individuals', [], texts),
    dataCategories: new Blocks<SeedDataCategory>(problems, document.dataCategories, 'category of personal data', ['sensitivity'], texts),
    channels: new Blocks<SeedCollectionChannel>(
      problems,
      document.collectionChannels,
      'source of personal data',
      ['sourceType'],
      ['mechanism', ...texts],
    ),
    purposes: new Blocks<SeedPurpose>(problems, document.purposes, 'purpose', [], texts),
    recipients: new Blocks<SeedRecipient>(
      problems,
      document.recipients,
      'recipient',
      ['kind', 'country'],
      ['category', 'processingAgreementStatus', 'processingAgreementDate', 'processingAgreementRef', ...texts],
    ),
    retentionRules: new Blocks<SeedRetentionRule>(
      problems,
      document.retentionRules,
      'retention rule',
      ['kind', 'duration', 'maximumDuration', 'startEvent', 'endAction', 'legalReference', 'conditions'],
      texts,
    ),
    securityMeasures: new Blocks<SeedSecurityMeasure>(
      problems,
      document.securityMeasures,
      'security measure',
      ['type', 'standardReference'],
      texts,
    ),
    systems: new Blocks<SeedSystem>(
      problems,
      (document.systems ??= []),
      'system',
      ['kind', 'provider', 'hostingCountries', 'securityMeasures'],
      texts,
    ),
  };
}

export type RegisterBlocks = ReturnType<typeof registerBlocks>;

/** An activity links a block once, whatever the case of its name in each row. */
export const addName = (list: (string | { name: string })[], item: string) => {
  if (!list.some((existing) => entryName(existing).toLowerCase() === item.toLowerCase())) list.push(item);
};
