import { frameworkNames, type Framework } from '../gdpr/frameworks';
import { isoDurationPattern } from '../http/dto';

/**
 * The words the privacy notice speaks, per language. A notice is read by website visitors, not
 * by the register keeper: every code the register stores (a recipient kind, a retention kind, a
 * country) is said in words here. The register's language chooses the dictionary; languages
 * without one read English (`noticeLanguage`). Names and descriptions the organisation recorded
 * are its own text and are shown as they are.
 */
export const noticeLanguages = ['en', 'nl'] as const;
export type NoticeLanguage = (typeof noticeLanguages)[number];

/** The dictionary for a BCP 47 tag ("nl", "nl-BE" → nl); English for every language without one. */
export function noticeLanguage(tag: string | null | undefined): NoticeLanguage {
  const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return (noticeLanguages as readonly string[]).includes(primary ?? '') ? (primary as NoticeLanguage) : 'en';
}

type Table = Record<string, string>;

export interface NoticeWords {
  /** The laws by the names readers know them by in this language (the GDPR is the AVG in Dutch). */
  lawNames: Record<Framework, string>;
  sectionTitles: {
    dataCollected: string;
    collection: string;
    purposes: string;
    automatedDecisions: string;
    sharing: string;
    storage: string;
    marketing: string;
    cookies: string;
    other: string;
    rights: string;
    contact: string;
    changes: string;
  };
  /** The sharing section's title under the UK GDPR, whose transfers are those outside the United Kingdom. */
  sharingTitleUk: string;
  /** "Transfers outside the EEA" / "… the United Kingdom" (UK GDPR). */
  transfersOutside: { eea: string; uk: string };
  /** A transfer destination that is not one country. */
  destinations: { worldwide: string; notStated: string };
  measureTypes: Table;
  recipientKinds: Table;
  recipientCategories: Table;
  /** Said of a processor, with the date when one is recorded. */
  agreementStatus: Table;
  agreementSince: (date: string) => string;
  sourceTypes: Table;
  mechanisms: Table;
  cookieParties: Table;
  sensitivity: { special: (article: string) => string; criminal: (article: string) => string };
  retentionKinds: Table;
  endActions: Table;
  retention: {
    fixed: (duration: string | null) => string;
    atMost: (duration: string) => string;
    countedFrom: (event: string) => string;
    until: (event: string | null) => string;
    thenFor: (duration: string) => string;
    statutory: (reference: string | null) => string;
    permanent: (article: string) => string;
    asLongAsNecessary: string;
    notStated: string;
    condition: (condition: string, duration: string | null) => string;
  };
  units: Record<'year' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second', [one: string, many: string]>;
  and: string;
  legalBases: Table;
  rights: Record<string, { name: string; description: string }>;
  adm: {
    yes: (article: string) => string;
    no: string;
    notStated: string;
    logic: string;
    significance: string;
    safeguards: string;
    logicNotStated: string;
    significanceNotStated: string;
    safeguardsNotStated: string;
  };
  objection: (article: string) => string;
  md: {
    title: (name: string) => string;
    generated: (name: string, policy: string | null, language: string) => string;
    informs: (articles: string) => string;
    nothing: string;
    subjects: string;
    categories: string;
    forExample: (list: string) => string;
    legalBasis: string;
    notRecorded: string;
    legitimateInterests: string;
    transferTo: (recipient: string, country: string) => string;
    noMechanism: string;
    safeguards: string;
    securityMeasures: string;
    standards: string;
    howLong: string;
    appliesTo: string;
    allDataOf: string;
    cookieColumns: [string, string, string, string, string, string];
    notStated: string;
    fee: string;
    namedOnly: string;
    sendRequests: (email: string) => string;
    answerWithin: (days: number) => string;
    phone: string;
    website: string;
    dpo: string;
    representative: string;
    lastChanged: string;
    activities: string;
  };
}

/** "P7Y" → "7 years" / "7 jaar", "P1Y6M" → "1 year and 6 months"; anything else as it is. */
export function durationInWords(duration: string, words: NoticeWords): string {
  if (!isoDurationPattern.test(duration)) return duration;
  const [date = '', time = ''] = duration.slice(1).split('T');
  const parts: string[] = [];
  const read = (source: string, units: [RegExp, keyof NoticeWords['units']][]) => {
    for (const [pattern, unit] of units) {
      const amount = source.match(pattern)?.[1];
      if (amount) parts.push(`${Number(amount)} ${words.units[unit][Number(amount) === 1 ? 0 : 1]}`);
    }
  };
  read(date, [
    [/(\d+)Y/, 'year'],
    [/(\d+)M/, 'month'],
    [/(\d+)W/, 'week'],
    [/(\d+)D/, 'day'],
  ]);
  read(time, [
    [/(\d+)H/, 'hour'],
    [/(\d+)M/, 'minute'],
    [/(\d+)S/, 'second'],
  ]);
  return parts.length <= 1 ? (parts[0] ?? duration) : `${parts.slice(0, -1).join(', ')} ${words.and} ${parts.at(-1)}`;
}

/** A language by its name in the notice's language ("nl" → "Dutch" / "Nederlands"). */
export function languageName(tag: string, language: NoticeLanguage): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language', fallback: 'code' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A country by its name in the notice's language ("US" → "United States" / "Verenigde Staten"). */
export function countryName(code: string, language: NoticeLanguage): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region', fallback: 'code' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

const en: NoticeWords = {
  lawNames: frameworkNames,
  sectionTitles: {
    dataCollected: 'What data we collect',
    collection: 'How we collect your data',
    purposes: 'Why we process your data, and on what legal basis',
    automatedDecisions: 'Automated decision-making and profiling',
    sharing: 'Who receives your data, and transfers outside the EEA',
    storage: 'How we store and protect your data, and for how long',
    marketing: 'Marketing',
    cookies: 'Cookies',
    other: 'Other statements',
    rights: 'Your data protection rights',
    contact: 'How to contact us',
    changes: 'Changes to this notice',
  },
  sharingTitleUk: 'Who receives your data, and transfers outside the United Kingdom',
  transfersOutside: { eea: 'Transfers outside the European Economic Area', uk: 'Transfers outside the United Kingdom' },
  destinations: { worldwide: 'worldwide', notStated: 'a destination that is not stated' },
  measureTypes: { technical: 'technical', organisational: 'organisational', physical: 'physical', 'not-stated': 'not stated' },
  recipientKinds: {
    processor: 'processor, acting on our instructions',
    'independent-controller': 'independent controller, responsible for its own processing',
    'joint-controller': 'joint controller, sharing the responsibility with us',
    'public-authority': 'public authority',
    internal: 'within our organisation',
    'the-public': 'the public: the data is published',
    'not-stated': 'the kind of recipient is not stated',
  },
  recipientCategories: {
    'service-partner': 'service partner',
    'hosting-provider': 'hosting provider',
    'analytics-provider': 'analytics provider',
    'payment-provider': 'payment provider',
    'credit-bureau': 'credit reference bureau',
    'fraud-prevention': 'fraud prevention',
    'collection-agency': 'collection agency',
    'domain-registry': 'domain name registry',
    'regional-internet-registry': 'regional internet registry',
    'law-enforcement': 'law enforcement',
    regulator: 'regulator',
    court: 'court',
    claimant: 'claimant',
    'professional-adviser': 'professional adviser',
    'internal-department': 'internal department',
    other: 'other',
    'not-stated': 'not stated',
  },
  agreementStatus: {
    signed: 'A processing agreement has been signed.',
    'in-negotiation': 'A processing agreement is being negotiated.',
    'not-needed': 'No processing agreement is needed.',
    'not-stated': 'The register does not state whether a processing agreement is in place.',
  },
  agreementSince: (date) => `Signed on ${date}.`,
  sourceTypes: {
    'data-subject': 'from you',
    'third-party': 'from third parties',
    observed: 'observed when you use our services',
    derived: 'derived from other data',
    'not-stated': 'the source is not stated',
  },
  mechanisms: {
    'web-form': 'web form',
    order: 'order',
    email: 'e-mail',
    phone: 'phone',
    cookie: 'cookie',
    'network-usage': 'use of our network',
    survey: 'survey',
    'newsletter-signup': 'newsletter sign-up',
    'abuse-report': 'abuse report',
    'support-request': 'support request',
    'document-upload': 'document upload',
    api: 'API',
    'in-person': 'in person',
    'third-party-feed': 'data supplied by a third party',
    cctv: 'camera (CCTV)',
    'tracking-pixel': 'tracking pixel',
    chat: 'chat',
    'paper-form': 'paper form',
    post: 'post',
    observation: 'observation',
    'automatic-logging': 'automatic logging',
    other: 'other',
    'not-stated': 'not stated',
  },
  cookieParties: { 'first-party': 'set by us', 'third-party': 'set by another company', 'not-stated': 'not stated' },
  sensitivity: {
    special: (article) => `special category of personal data, ${article}`,
    criminal: (article) => `data on criminal convictions and offences, ${article}`,
  },
  retentionKinds: {
    'fixed-duration': 'a fixed period',
    statutory: 'the period the law sets',
    'until-event': 'until an event',
    permanent: 'permanently',
    'as-long-as-necessary': 'as long as necessary',
    'not-stated': 'not stated',
  },
  endActions: {
    erase: 'then it is erased',
    anonymise: 'then it is anonymised',
    archive: 'then it is archived',
    restrict: 'then its processing is restricted',
    review: 'then we review whether it is still needed',
    transfer: 'then it is transferred',
    'not-stated': 'what happens then is not stated',
  },
  retention: {
    fixed: (duration) => (duration ? `${duration}` : 'a fixed period, whose length is not stated'),
    atMost: (duration) => `at most ${duration}`,
    countedFrom: (event) => `counted from ${event}`,
    until: (event) => (event ? `until ${event}` : 'until an event that is not stated'),
    thenFor: (duration) => `and then ${duration}`,
    statutory: (reference) => (reference ? `the period the law sets (${reference})` : 'the period the law sets'),
    permanent: (article) => `permanently: archived in the public interest (${article})`,
    asLongAsNecessary: 'as long as necessary for the purpose',
    notStated: 'The register does not state how long these data are kept.',
    condition: (condition, duration) => (duration ? `${condition}: ${duration}` : condition),
  },
  units: {
    year: ['year', 'years'],
    month: ['month', 'months'],
    week: ['week', 'weeks'],
    day: ['day', 'days'],
    hour: ['hour', 'hours'],
    minute: ['minute', 'minutes'],
    second: ['second', 'seconds'],
  },
  and: 'and',
  legalBases: {},
  // Said without article numbers, which differ between the frameworks (rights.ts cites the GDPR's).
  rights: {
    access: {
      name: 'Right of access',
      description:
        'Ask whether we process personal data about you and, if we do, obtain a copy of it and information about the processing.',
    },
    erasure: { name: 'Right to erasure', description: "Have your personal data erased on certain grounds ('right to be forgotten')." },
    objection: {
      name: 'Right to object',
      description:
        'Object to processing based on a task in the public interest or on legitimate interests, and at any time to direct marketing.',
    },
  },
  adm: {
    yes: (article) => `Automated decisions, including profiling, are made in this processing (${article}).`,
    no: 'No decisions are made solely by automated means, and there is no profiling.',
    notStated: 'The register does not state whether automated decisions, including profiling, are made.',
    logic: 'The logic involved',
    significance: 'Its significance and the envisaged consequences for you',
    safeguards: 'Safeguards',
    logicNotStated: 'The logic involved is not stated.',
    significanceNotStated: 'Its significance and consequences are not stated.',
    safeguardsNotStated: 'The safeguards are not stated.',
  },
  objection: (article) =>
    `You may object at any time to the use of your personal data for direct marketing, including profiling related to it; your data will then no longer be used for that purpose (${article}).`,
  md: {
    title: (name) => `Privacy notice: ${name}`,
    generated: (name, policy, language) =>
      `Generated from the record of processing activities of ${name}${policy ? `, completing the privacy policy "${policy}" (${language})` : ''}.`,
    informs: (articles) => `This notice gives the information of ${articles}.`,
    nothing: 'Nothing recorded.',
    subjects: 'We process personal data about:',
    categories: 'The personal data we process:',
    forExample: (list) => `for example ${list}`,
    legalBasis: 'Legal basis',
    notRecorded: 'not recorded',
    legitimateInterests: 'Legitimate interests',
    transferTo: (recipient, country) => `${recipient} in ${country}`,
    noMechanism: 'no transfer mechanism recorded',
    safeguards: 'Safeguards',
    securityMeasures: 'Security measures:',
    standards: 'Standards',
    howLong: 'How long we keep your data:',
    appliesTo: 'Applies to',
    allDataOf: 'Applies to all data of',
    cookieColumns: ['Cookie', 'Provider', 'Party', 'Purpose', 'Lifetime', 'Names'],
    notStated: 'not stated',
    fee: 'Fee',
    namedOnly: '(Named in the policy, though no recorded activity gives rise to it.)',
    sendRequests: (email) => `Send requests about your personal data to ${email}.`,
    answerWithin: (days) => `We answer within ${days} days.`,
    phone: 'Phone',
    website: 'Website',
    dpo: 'Data protection officer',
    representative: 'Representative in the EU',
    lastChanged: 'Last changed',
    activities: 'Activities',
  },
};

const nl: NoticeWords = {
  lawNames: { gdpr: 'AVG', 'uk-gdpr': 'UK GDPR', eudpr: 'Verordening (EU) 2018/1725' },
  sectionTitles: {
    dataCollected: 'Welke gegevens we verzamelen',
    collection: 'Hoe we uw gegevens verzamelen',
    purposes: 'Waarom we uw gegevens verwerken, en op welke grondslag',
    automatedDecisions: 'Geautomatiseerde besluitvorming en profilering',
    sharing: 'Wie uw gegevens ontvangt, en doorgifte buiten de EER',
    storage: 'Hoe we uw gegevens opslaan en beveiligen, en hoe lang',
    marketing: 'Marketing',
    cookies: 'Cookies',
    other: 'Overige verklaringen',
    rights: 'Uw rechten op het gebied van gegevensbescherming',
    contact: 'Hoe u contact met ons opneemt',
    changes: 'Wijzigingen in deze verklaring',
  },
  sharingTitleUk: 'Wie uw gegevens ontvangt, en doorgifte buiten het Verenigd Koninkrijk',
  transfersOutside: { eea: 'Doorgifte buiten de Europese Economische Ruimte', uk: 'Doorgifte buiten het Verenigd Koninkrijk' },
  destinations: { worldwide: 'wereldwijd', notStated: 'een bestemming die niet is vermeld' },
  measureTypes: { technical: 'technisch', organisational: 'organisatorisch', physical: 'fysiek', 'not-stated': 'niet vermeld' },
  recipientKinds: {
    processor: 'verwerker, handelt in onze opdracht',
    'independent-controller': 'zelfstandig verwerkingsverantwoordelijke, verantwoordelijk voor de eigen verwerking',
    'joint-controller': 'gezamenlijk verwerkingsverantwoordelijke, deelt de verantwoordelijkheid met ons',
    'public-authority': 'overheidsinstantie',
    internal: 'binnen onze organisatie',
    'the-public': 'het publiek: de gegevens worden openbaar gemaakt',
    'not-stated': 'het soort ontvanger is niet vermeld',
  },
  recipientCategories: {
    'service-partner': 'dienstverlenende partner',
    'hosting-provider': 'hostingprovider',
    'analytics-provider': 'analysedienst',
    'payment-provider': 'betaaldienstverlener',
    'credit-bureau': 'kredietinformatiebureau',
    'fraud-prevention': 'fraudepreventie',
    'collection-agency': 'incassobureau',
    'domain-registry': 'domeinnaamregister',
    'regional-internet-registry': 'regionaal internetregister',
    'law-enforcement': 'opsporing en handhaving',
    regulator: 'toezichthouder',
    court: 'rechter',
    claimant: 'eiser',
    'professional-adviser': 'adviseur',
    'internal-department': 'interne afdeling',
    other: 'overig',
    'not-stated': 'niet vermeld',
  },
  agreementStatus: {
    signed: 'Er is een verwerkersovereenkomst gesloten.',
    'in-negotiation': 'Over een verwerkersovereenkomst wordt onderhandeld.',
    'not-needed': 'Een verwerkersovereenkomst is niet nodig.',
    'not-stated': 'Het register vermeldt niet of er een verwerkersovereenkomst is.',
  },
  agreementSince: (date) => `Gesloten op ${date}.`,
  sourceTypes: {
    'data-subject': 'van u',
    'third-party': 'van derden',
    observed: 'waargenomen wanneer u onze diensten gebruikt',
    derived: 'afgeleid uit andere gegevens',
    'not-stated': 'de bron is niet vermeld',
  },
  mechanisms: {
    'web-form': 'webformulier',
    order: 'bestelling',
    email: 'e-mail',
    phone: 'telefoon',
    cookie: 'cookie',
    'network-usage': 'gebruik van ons netwerk',
    survey: 'enquête',
    'newsletter-signup': 'aanmelding voor de nieuwsbrief',
    'abuse-report': 'misbruikmelding',
    'support-request': 'supportverzoek',
    'document-upload': 'geüpload document',
    api: 'API',
    'in-person': 'persoonlijk',
    'third-party-feed': 'gegevens aangeleverd door een derde',
    cctv: 'camera (cameratoezicht)',
    'tracking-pixel': 'trackingpixel',
    chat: 'chat',
    'paper-form': 'papieren formulier',
    post: 'post',
    observation: 'waarneming',
    'automatic-logging': 'automatische logging',
    other: 'overig',
    'not-stated': 'niet vermeld',
  },
  cookieParties: { 'first-party': 'eigen cookie', 'third-party': 'cookie van derden', 'not-stated': 'niet vermeld' },
  sensitivity: {
    special: (article) => `bijzondere categorie persoonsgegevens, ${article}`,
    criminal: (article) => `strafrechtelijke gegevens, ${article}`,
  },
  retentionKinds: {
    'fixed-duration': 'een vaste termijn',
    statutory: 'de wettelijke termijn',
    'until-event': 'tot een gebeurtenis',
    permanent: 'permanent',
    'as-long-as-necessary': 'zolang nodig',
    'not-stated': 'niet vermeld',
  },
  endActions: {
    erase: 'daarna worden ze verwijderd',
    anonymise: 'daarna worden ze geanonimiseerd',
    archive: 'daarna worden ze gearchiveerd',
    restrict: 'daarna wordt de verwerking beperkt',
    review: 'daarna beoordelen we of ze nog nodig zijn',
    transfer: 'daarna worden ze overgedragen',
    'not-stated': 'wat er daarna gebeurt, is niet vermeld',
  },
  retention: {
    fixed: (duration) => (duration ? `${duration}` : 'een vaste termijn, waarvan de lengte niet is vermeld'),
    atMost: (duration) => `ten hoogste ${duration}`,
    countedFrom: (event) => `gerekend vanaf ${event}`,
    until: (event) => (event ? `tot ${event}` : 'tot een gebeurtenis die niet is vermeld'),
    thenFor: (duration) => `en daarna ${duration}`,
    statutory: (reference) => (reference ? `de wettelijke termijn (${reference})` : 'de wettelijke termijn'),
    permanent: (article) => `permanent: gearchiveerd in het algemeen belang (${article})`,
    asLongAsNecessary: 'zolang nodig voor het doel',
    notStated: 'Het register vermeldt niet hoe lang deze gegevens worden bewaard.',
    condition: (condition, duration) => (duration ? `${condition}: ${duration}` : condition),
  },
  units: {
    year: ['jaar', 'jaar'],
    month: ['maand', 'maanden'],
    week: ['week', 'weken'],
    day: ['dag', 'dagen'],
    hour: ['uur', 'uur'],
    minute: ['minuut', 'minuten'],
    second: ['seconde', 'seconden'],
  },
  and: 'en',
  legalBases: {
    'gdpr-6-1-a': 'Toestemming',
    'gdpr-6-1-b': 'Uitvoering van een overeenkomst',
    'gdpr-6-1-c': 'Wettelijke verplichting',
    'gdpr-6-1-d': 'Vitaal belang',
    'gdpr-6-1-e': 'Taak van algemeen belang of openbaar gezag',
    'gdpr-6-1-f': 'Gerechtvaardigd belang',
    'gdpr-9-2-a': 'Uitdrukkelijke toestemming',
    'gdpr-9-2-b': 'Arbeidsrecht en sociale zekerheid',
    'gdpr-9-2-c': 'Vitaal belang, als toestemming niet mogelijk is',
    'gdpr-9-2-d': 'Stichting, vereniging of andere instantie zonder winstoogmerk',
    'gdpr-9-2-e': 'Door de betrokkene openbaar gemaakt',
    'gdpr-9-2-f': 'Rechtsvordering of rechtspraak',
    'gdpr-9-2-g': 'Zwaarwegend algemeen belang',
    'gdpr-9-2-h': 'Gezondheidszorg en arbeidsgeneeskunde',
    'gdpr-9-2-i': 'Volksgezondheid',
    'gdpr-9-2-j': 'Archivering, wetenschappelijk of historisch onderzoek, statistiek',
    'gdpr-10': 'Strafrechtelijke gegevens onder toezicht van de overheid of bij wet toegestaan',
    'gdpr-45': 'Adequaatheidsbesluit',
    'gdpr-46-2-a': 'Juridisch bindend instrument tussen overheidsinstanties',
    'gdpr-46-2-b': 'Bindende bedrijfsvoorschriften',
    'gdpr-46-2-c': 'Standaardcontractbepalingen van de Commissie',
    'gdpr-46-2-d': 'Standaardcontractbepalingen van een toezichthouder',
    'gdpr-46-2-e': 'Goedgekeurde gedragscode',
    'gdpr-46-2-f': 'Goedgekeurd certificeringsmechanisme',
    'gdpr-47': 'Bindende bedrijfsvoorschriften',
    'gdpr-49-1-a': 'Uitdrukkelijke toestemming voor de doorgifte',
    'gdpr-49-1-b': 'Noodzakelijk voor de uitvoering van een overeenkomst met u',
    'gdpr-49-1-c': 'Noodzakelijk voor een overeenkomst in uw belang',
    'gdpr-49-1-d': 'Gewichtige redenen van algemeen belang',
    'gdpr-49-1-e': 'Rechtsvordering',
    'gdpr-49-1-f': 'Vitaal belang',
    'gdpr-49-1-g': 'Openbaar register',
    'gdpr-49-1-2': 'Dwingend gerechtvaardigd belang (incidentele doorgifte)',
  },
  rights: {
    access: {
      name: 'Recht op inzage',
      description:
        'U kunt vragen of we persoonsgegevens van u verwerken, en zo ja, een kopie daarvan en informatie over de verwerking krijgen.',
    },
    rectification: {
      name: 'Recht op rectificatie',
      description: 'U kunt onjuiste gegevens laten corrigeren en onvolledige gegevens laten aanvullen.',
    },
    erasure: {
      name: 'Recht op gegevenswissing',
      description: "U kunt uw gegevens onder bepaalde voorwaarden laten wissen ('recht om vergeten te worden').",
    },
    restriction: {
      name: 'Recht op beperking van de verwerking',
      description:
        'U kunt de verwerking laten beperken zolang de juistheid of rechtmatigheid wordt betwist, of als u de gegevens nodig heeft voor een rechtsvordering.',
    },
    portability: {
      name: 'Recht op overdraagbaarheid van gegevens',
      description:
        'U kunt de gegevens die u ons heeft verstrekt in een gestructureerde, machineleesbare vorm krijgen en laten doorsturen naar een andere verwerkingsverantwoordelijke, als de verwerking op toestemming of een overeenkomst berust en geautomatiseerd is.',
    },
    objection: {
      name: 'Recht van bezwaar',
      description:
        'U kunt bezwaar maken tegen verwerking op grond van een taak van algemeen belang of een gerechtvaardigd belang, en altijd tegen direct marketing.',
    },
    'automated-decision-making': {
      name: 'Rechten bij geautomatiseerde besluitvorming',
      description:
        'U heeft het recht niet te worden onderworpen aan een uitsluitend op geautomatiseerde verwerking, waaronder profilering, gebaseerd besluit dat rechtsgevolgen of een vergelijkbaar aanmerkelijk gevolg voor u heeft.',
    },
    'withdraw-consent': {
      name: 'Recht om toestemming in te trekken',
      description: 'U kunt uw toestemming altijd intrekken, even gemakkelijk als u die gaf; dat doet niets af aan de verwerking daarvoor.',
    },
    complaint: { name: 'Recht om een klacht in te dienen', description: 'U kunt een klacht indienen bij een toezichthoudende autoriteit.' },
  },
  adm: {
    yes: (article) => `Bij deze verwerking worden geautomatiseerde besluiten genomen, waaronder profilering (${article}).`,
    no: 'Er worden geen besluiten genomen die uitsluitend op geautomatiseerde verwerking berusten, en er is geen profilering.',
    notStated: 'Het register vermeldt niet of er geautomatiseerde besluiten worden genomen, of dat er wordt geprofileerd.',
    logic: 'De onderliggende logica',
    significance: 'Het belang en de verwachte gevolgen voor u',
    safeguards: 'Waarborgen',
    logicNotStated: 'De onderliggende logica is niet vermeld.',
    significanceNotStated: 'Het belang en de gevolgen zijn niet vermeld.',
    safeguardsNotStated: 'De waarborgen zijn niet vermeld.',
  },
  objection: (article) =>
    `U kunt altijd bezwaar maken tegen het gebruik van uw persoonsgegevens voor direct marketing, met inbegrip van profilering die daarmee verband houdt; uw gegevens worden dan niet meer voor dat doel gebruikt (${article}).`,
  md: {
    title: (name) => `Privacyverklaring: ${name}`,
    generated: (name, policy, language) =>
      `Opgesteld uit het register van verwerkingsactiviteiten van ${name}${policy ? `, als aanvulling op het privacybeleid "${policy}" (${language})` : ''}.`,
    informs: (articles) => `Deze verklaring geeft de informatie van ${articles}.`,
    nothing: 'Niets vastgelegd.',
    subjects: 'We verwerken persoonsgegevens over:',
    categories: 'De persoonsgegevens die we verwerken:',
    forExample: (list) => `bijvoorbeeld ${list}`,
    legalBasis: 'Grondslag',
    notRecorded: 'niet vastgelegd',
    legitimateInterests: 'Gerechtvaardigde belangen',
    transferTo: (recipient, country) => `${recipient} in ${country}`,
    noMechanism: 'geen doorgiftegrondslag vastgelegd',
    safeguards: 'Waarborgen',
    securityMeasures: 'Beveiligingsmaatregelen:',
    standards: 'Normen',
    howLong: 'Hoe lang we uw gegevens bewaren:',
    appliesTo: 'Geldt voor',
    allDataOf: 'Geldt voor alle gegevens van',
    cookieColumns: ['Cookie', 'Aanbieder', 'Soort', 'Doel', 'Bewaartermijn', 'Namen'],
    notStated: 'niet vermeld',
    fee: 'Vergoeding',
    namedOnly: '(Genoemd in het privacybeleid, hoewel geen vastgelegde verwerking er aanleiding toe geeft.)',
    sendRequests: (email) => `Stuur verzoeken over uw persoonsgegevens naar ${email}.`,
    answerWithin: (days) => `We antwoorden binnen ${days} dagen.`,
    phone: 'Telefoon',
    website: 'Website',
    dpo: 'Functionaris voor gegevensbescherming',
    representative: 'Vertegenwoordiger in de EU',
    lastChanged: 'Laatst gewijzigd',
    activities: 'Verwerkingen',
  },
};

export const dictionaries: Record<NoticeLanguage, NoticeWords> = { en, nl };
