import type { LegalFramework } from '../../entities/organisation';

/**
 * The laws a record of processing activities is kept under, and how to cite their articles. The
 * register's rules and the privacy notice are written against the GDPR's numbering; the UK GDPR
 * keeps it, and Regulation (EU) 2018/1725 (the EU institutions' GDPR) renumbers it: its Art. 31
 * is the GDPR's Art. 30, its Art. 10 the GDPR's Art. 9, and so on. Sub-paragraphs keep their
 * numbers where the two texts correspond, which they do for every provision cited here.
 */
export type Framework = Exclude<LegalFramework, 'not-stated'>;

export const frameworkNames: Record<Framework, string> = {
  gdpr: 'GDPR',
  'uk-gdpr': 'UK GDPR',
  eudpr: 'Regulation (EU) 2018/1725',
};

/** GDPR article → Regulation (EU) 2018/1725 article, for the provisions the register cites. */
const eudprArticles: Record<string, string> = {
  '4': '3',
  '5': '4',
  '6': '5',
  '7': '7',
  '9': '10',
  '10': '11',
  '12': '14',
  '13': '15',
  '14': '16',
  '15': '17',
  '16': '18',
  '17': '19',
  '18': '20',
  '20': '22',
  '21': '23',
  '22': '24',
  '24': '26',
  '26': '28',
  '27': '—',
  '28': '29',
  '30': '31',
  '32': '33',
  '35': '39',
  '37': '43',
  '44': '46',
  '45': '47',
  '46': '48',
  '47': '48',
  '49': '50',
  '77': '63',
  '89': '13',
};

/**
 * `cite('gdpr')('30(1)(a)')` → "Art. 30(1)(a) GDPR"; for Regulation 2018/1725 → "Art. 31(1)(a)
 * Regulation (EU) 2018/1725". Several provisions: `cite(f)('30(1)(e)', '44')` → "Art. 30(1)(e)
 * and 44 GDPR".
 */
export function cite(framework: Framework) {
  const number = (provision: string) => {
    if (framework !== 'eudpr') return provision;
    const [, article, rest] = /^(\d+)(.*)$/.exec(provision) ?? [];
    return article && eudprArticles[article] ? `${eudprArticles[article]}${rest}` : provision;
  };
  const articles = (provisions: string[]) => {
    const numbered = provisions.map(number);
    return `Art. ${numbered.length === 1 ? numbered[0] : `${numbered.slice(0, -1).join(', ')} and ${numbered.at(-1)}`}`;
  };
  /** With the law's name ("Art. 31(1)(a) Regulation (EU) 2018/1725"); `.article` without it ("Art. 31(1)(a)"). */
  return Object.assign((...provisions: string[]): string => `${articles(provisions)} ${frameworkNames[framework]}`, {
    article: (...provisions: string[]) => articles(provisions),
    framework,
  });
}

/** The framework findings cite for a stated one; the GDPR where none is stated (the register's own reading, not the organisation's words). */
export const framework = (stated: LegalFramework | null | undefined): Framework => (stated && stated !== 'not-stated' ? stated : 'gdpr');

/**
 * The one framework the given organisations state, for citing the provision their records are kept
 * under; the GDPR where none states one, or where they state different ones (the register's own
 * reading, as for findings).
 */
export function sharedFramework(organisations: { framework?: LegalFramework | string | null }[]): Framework {
  const stated = new Set(organisations.map((o) => o.framework).filter((f): f is Framework => !!f && f !== 'not-stated'));
  return stated.size === 1 ? [...stated][0]! : 'gdpr';
}

/**
 * The provision of the records themselves: "GDPR Art. 30(1)", "UK GDPR Art. 30(2)", "Regulation (EU)
 * 2018/1725 Art. 31(1)" (its Art. 31 is the EU institutions' Art. 30).
 */
export const recordsProvision = (framework: Framework, paragraph: 1 | 2): string =>
  framework === 'eudpr' ? `${frameworkNames.eudpr} Art. 31(${paragraph})` : `${frameworkNames[framework]} Art. 30(${paragraph})`;
