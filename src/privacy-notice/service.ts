import type { DataSource, EntityManager } from 'typeorm';
import type { CookieDetails } from '../../entities/collection-channel';
import type { LegalFramework } from '../../entities/organisation';
import type { PolicyNote, RightStatement } from '../../entities/privacy-policy';
import { AppError, notFound } from '../errors';
import { eeaCountries } from '../gdpr/countries';
import type { RetentionCondition } from '../../entities/retention-rule';
import { cite, framework, type Framework } from '../gdpr/frameworks';
import { linkedIds } from '../processing-activities/link-walk';
import { loadLinkedBlocks } from '../processing-activities/linked-blocks';
import { activityColumns } from '../processing-activities/read-model';
import { approvedActivities, notApprovedActivities, type RegisterState } from '../reviews/approved';
import type { ActivityView } from '../processing-activities/view';
import { deriveRights, rightDefinitions } from '../gdpr/rights';
import type { NoticeLegalBasis, NoticeRight, NoticeStatement, PrivacyNoticeResponse } from './dto';
import { countryName, dictionaries, durationInWords, noticeLanguage, type NoticeWords } from './words';
import type { JsonObject } from '../http/dto';

interface OrganisationRow {
  id: string;
  name: string;
  address: string | null;
  country: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  dpoName: string | null;
  dpoEmail: string | null;
  privacyContactEmail: string | null;
  privacyResponseDays: number | null;
  representative: string | null;
  language: string | null;
  framework: LegalFramework;
}

interface PolicyRow {
  id: string;
  name: string;
  language: string;
  url: string | null;
  lastChanged: string | null;
  contactEmail: string | null;
  responseDays: number | null;
  rights: RightStatement[];
  notes: PolicyNote[];
}

// Rows of the building-block queries below, read field by field into the DTO shapes.
type Row = { id: string; name: string } & JsonObject;

/** The English section titles (the notice's titles in other languages are in words.ts). */
export const sectionTitles = dictionaries.en.sectionTitles;

/**
 * Which section a statement of the policy (a note) belongs to, by its topic. Notes are free text,
 * so this is a keyword match; what matches nothing goes to "Other statements".
 */
export function sectionOfNote(topic: string): 'marketing' | 'cookies' | 'changes' | 'other' {
  if (/marketing|newsletter|unsubscrib/i.test(topic)) return 'marketing';
  if (/cookie|analytics|tracking|browser/i.test(topic)) return 'cookies';
  if (/chang|revision|update/i.test(topic)) return 'changes';
  return 'other';
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });
const uniqueIds = (values: string[]) => [...new Set(values)];

/**
 * The Art. 13/14 information for one controller, generated from what the register records about
 * its active processing activities and its recorded privacy policy (contact, rights, statements),
 * in the organisation's language (words.ts) and citing the articles of its framework. It reads
 * public descriptions only: never an internal note or a source phrase.
 */
export class PrivacyNoticeService {
  constructor(private readonly dataSource: DataSource) {}

  /** `state`: the activities as approved (default; never-approved ones are left out and listed in `notApproved`), or as edited. */
  build(organisationId?: string, state: RegisterState = 'approved'): Promise<PrivacyNoticeResponse> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) => this.read(manager, organisationId, state));
  }

  private async read(manager: EntityManager, organisationId: string | undefined, state: RegisterState): Promise<PrivacyNoticeResponse> {
    const [organisation]: OrganisationRow[] = await manager.query(
      `SELECT o.id, o.name, o.address, o.country, o.email, o.phone, o.website, o.dpo_name AS "dpoName", o.dpo_email AS "dpoEmail",
              o.privacy_contact_email AS "privacyContactEmail", o.privacy_response_days AS "privacyResponseDays", r.name AS representative,
              o.language, o.framework
         FROM organisations o LEFT JOIN organisations r ON r.id = o.representative_id
        ${organisationId ? 'WHERE o.id = $1' : `WHERE 'controller' = ANY(o.roles) ORDER BY lower(o.name), o.id LIMIT 1`}`,
      organisationId ? [organisationId] : [],
    );
    if (!organisation) {
      throw organisationId
        ? notFound('organisation', organisationId)
        : new AppError('NOT_FOUND', 'The register has no organisation with the controller role; name one with organisationId.');
    }

    // The processing this organisation controls: active activities where it is (joint) controller —
    // as approved (what each approval kept), or as they are being edited.
    const controlled = `a.status = 'active' AND a.role <> 'processor'
          AND EXISTS (SELECT 1 FROM activity_controllers x WHERE x.activity_id = a.id AND x.organisation_id = $1)`;
    const query = (sql: string, params?: unknown[]) => manager.query(sql, params);
    const activities: ActivityView[] =
      state === 'working'
        ? await manager.query(`SELECT ${activityColumns} FROM processing_activities a WHERE ${controlled} ORDER BY lower(a.name), a.id`, [
            organisation.id,
          ])
        : (await approvedActivities(query)).filter(
            (activity) =>
              activity.status === 'active' &&
              activity.role !== 'processor' &&
              activity.controllers.some((controller) => controller.id === organisation.id),
          );
    const notApproved = state === 'working' ? [] : await notApprovedActivities(query, controlled, [organisation.id]);
    const [policy]: PolicyRow[] = await manager.query(
      `SELECT id, name, language, url, to_char(last_changed, 'YYYY-MM-DD') AS "lastChanged", contact_email AS "contactEmail",
              response_days AS "responseDays", rights, notes
         FROM privacy_policies WHERE organisation_id = $1 ORDER BY last_changed DESC NULLS LAST, lower(name), id LIMIT 1`,
      [organisation.id],
    );

    // Every building block the activities link to, in one statement; data categories whole, for their parents' names.
    const linked = linkedIds(activities);
    const blocks = await loadLinkedBlocks((sql, params) => manager.query(sql, params), {
      dataCategories: 'all',
      dataSubjectCategories: linked.get('dataSubjectCategories') ?? [],
      collectionChannels: linked.get('collectionChannels') ?? [],
      purposes: linked.get('purposes') ?? [],
      recipients: linked.get('recipients') ?? [],
      retentionRules: linked.get('retentionRules') ?? [],
      securityMeasures: linked.get('securityMeasures') ?? [],
    });
    const rows = (kind: keyof typeof blocks): Row[] => [...(blocks[kind]?.values() ?? [])].map(({ row }) => row as Row);
    const allCategories = new Map(rows('dataCategories').map((d) => [d.id, d]));
    const linkedCategories = linked.get('dataCategories') ?? new Set<string>();
    const shown = new Set([...linkedCategories].flatMap((id) => [id, allCategories.get(id)?.parentId].filter((x): x is string => !!x)));
    const dataCategories = [...shown]
      .map((id) => allCategories.get(id)!)
      .map((d) => ({ ...d, parent: d.parentId ? (allCategories.get(d.parentId)?.name ?? null) : null }));
    const subjects = rows('dataSubjectCategories');
    const channels = rows('collectionChannels');
    const purposes = rows('purposes');
    const recipients = rows('recipients');
    const retentionRules = rows('retentionRules');
    const measures = rows('securityMeasures');

    const notes = (section: ReturnType<typeof sectionOfNote>): NoticeStatement[] =>
      (policy?.notes ?? []).filter((note) => sectionOfNote(note.topic) === section).map(({ topic, text }) => ({ topic, text }));

    const language = noticeLanguage(organisation.language);
    const words = dictionaries[language];
    const law = citing(cite(framework(organisation.framework)), words);
    const say = (table: Record<string, string>, code: string | null | undefined) => (code ? (table[code] ?? code) : null);
    const duration = (value: string | null | undefined) => (value ? durationInWords(value, words) : null);
    const basis = noticeBasis(law, words);
    // Under the UK GDPR a restricted transfer is one leaving the UK; under the GDPR and Regulation 2018/1725, one leaving the EEA.
    const inside = (country: string) => (law.framework === 'uk-gdpr' ? country === 'GB' : eeaCountries.has(country));

    return {
      state,
      notApproved,
      organisation: { id: organisation.id, name: organisation.name },
      language,
      registerLanguage: organisation.language,
      framework: {
        code: law.framework,
        stated: organisation.framework !== 'not-stated',
        name: words.lawNames[law.framework],
        noticeArticles: law('13', '14'),
      },
      policy: policy
        ? { id: policy.id, name: policy.name, language: policy.language, url: policy.url, lastChanged: policy.lastChanged }
        : null,
      dataCollected: {
        title: words.sectionTitles.dataCollected,
        dataSubjectCategories: subjects.sort(byName).map((s) => ({ name: s.name, description: s.description })),
        dataCategories: withChildrenAfterParents(dataCategories).map((d) => ({
          name: d.name,
          description: d.description,
          examples: d.examples ?? [],
          sensitivity: d.sensitivity,
          sensitivityText:
            d.sensitivity === 'special'
              ? words.sensitivity.special(law('9'))
              : d.sensitivity === 'criminal'
                ? words.sensitivity.criminal(law('10'))
                : null,
          parent: d.parent,
        })),
      },
      collection: {
        title: words.sectionTitles.collection,
        channels: channels.sort(byName).map((c) => ({
          name: c.name,
          description: c.description,
          sourceType: c.sourceType,
          sourceTypeText: say(words.sourceTypes, c.sourceType)!,
          mechanism: c.mechanism,
          mechanismText: say(words.mechanisms, c.mechanism)!,
        })),
      },
      purposes: { title: words.sectionTitles.purposes, purposes: purposesOf(activities, purposes, basis) },
      automatedDecisions: {
        title: words.sectionTitles.automatedDecisions,
        activities: activities.map((a) => ({
          activity: a.name,
          status: a.automatedDecisions,
          statement:
            a.automatedDecisions === 'yes' ? words.adm.yes(law('22')) : a.automatedDecisions === 'no' ? words.adm.no : words.adm.notStated,
          logic: a.automatedDecisionLogic ?? null,
          significance: a.automatedDecisionSignificance ?? null,
          safeguards: a.automatedDecisionSafeguards ?? null,
        })),
      },
      sharing: {
        title: law.framework === 'uk-gdpr' ? words.sharingTitleUk : words.sectionTitles.sharing,
        transfersTitle: law.framework === 'uk-gdpr' ? words.transfersOutside.uk : words.transfersOutside.eea,
        recipients: recipients.sort(byName).map((r) => ({
          name: r.name,
          description: r.description,
          kind: r.kind,
          kindText: say(words.recipientKinds, r.kind)!,
          category: r.category,
          categoryText: say(words.recipientCategories, r.category)!,
          country: r.country,
          countryName: r.country ? countryName(r.country, language) : null,
          // The Art. 28 agreement concerns processors only; other recipients have none to show.
          processingAgreement:
            r.kind === 'processor'
              ? [
                  say(words.agreementStatus, r.processingAgreementStatus),
                  r.processingAgreementStatus === 'signed' && r.processingAgreementDate
                    ? words.agreementSince(r.processingAgreementDate)
                    : null,
                ]
                  .filter(Boolean)
                  .join(' ')
              : null,
        })),
        transfers: activities
          .flatMap((a) => a.transfers)
          .filter((t) => t.destination !== 'country' || !t.country || !inside(t.country))
          .map((t) => ({
            recipient: t.recipient.name,
            country: t.country ?? t.internationalOrganisation ?? t.destination,
            countryName: t.country
              ? countryName(t.country, language)
              : (t.internationalOrganisation ??
                (t.destination === 'worldwide' ? words.destinations.worldwide : words.destinations.notStated)),
            mechanism: t.mechanism ? basis(t.mechanism) : null,
            safeguard: t.safeguard ?? null,
          }))
          .filter((t, i, all) => all.findIndex((u) => JSON.stringify(u) === JSON.stringify(t)) === i)
          .sort((x, y) => x.recipient.localeCompare(y.recipient) || x.country.localeCompare(y.country)),
      },
      storage: {
        title: words.sectionTitles.storage,
        securityMeasures: measures.sort(byName).map((m) => ({
          name: m.name,
          description: m.description,
          type: m.type,
          typeText: say(words.measureTypes, m.type)!,
          standardReference: m.standardReference,
        })),
        standards: uniqueIds(measures.flatMap((m) => (m.standardReference ? [m.standardReference] : []))).sort(),
        retention: retentionRules.sort(byName).map((r) => ({
          name: r.name,
          description: r.description,
          kind: r.kind,
          kindText: say(words.retentionKinds, r.kind)!,
          period: retentionPeriod(r, words, law),
          duration: r.duration,
          durationText: duration(r.duration),
          maximumDuration: r.maximumDuration,
          maximumDurationText: duration(r.maximumDuration),
          startEvent: r.startEvent,
          endAction: r.endAction,
          endActionText: say(words.endActions, r.endAction)!,
          legalReference: r.legalReference ?? null,
          conditions: ((r.conditions ?? []) as unknown as RetentionCondition[]).map((c) =>
            words.retention.condition(c.condition, duration(c.duration)),
          ),
          dataCategories: uniqueIds(
            activities.flatMap((a) => a.dataCategories.filter((d) => d.retentionRule?.id === r.id).map((d) => d.dataCategory.name)),
          ).sort((x, y) => x.localeCompare(y)),
          activities: activities.filter((a) => (a.retentionRules ?? []).some((rule) => rule.id === r.id)).map((a) => a.name),
        })),
      },
      marketing: {
        title: words.sectionTitles.marketing,
        statements: notes('marketing'),
        // The GDPR's Art. 21(2)–(3) on direct marketing has no paragraph of its own in Regulation 2018/1725, whose Art. 23 is the right to object.
        objection: words.objection(law.framework === 'eudpr' ? law('21') : law('21(2)–(3)')),
      },
      cookies: {
        title: words.sectionTitles.cookies,
        cookies: channels
          .filter((c) => c.mechanism === 'cookie' && c.cookie)
          .sort(byName)
          .map((c) => {
            const cookie = c.cookie as CookieDetails;
            return {
              name: c.name,
              description: c.description,
              provider: cookie.provider,
              purpose: cookie.purpose,
              lifetime: cookie.lifetime,
              lifetimeText: duration(cookie.lifetime),
              party: cookie.party,
              partyText: say(words.cookieParties, cookie.party)!,
              names: cookie.names ?? [],
            };
          }),
        statements: notes('cookies'),
      },
      other: { title: words.sectionTitles.other, statements: notes('other') },
      rights: { title: words.sectionTitles.rights, rights: rightsOf(activities, policy, law, words) },
      contact: {
        title: words.sectionTitles.contact,
        controller: organisation.name,
        address: organisation.address,
        country: organisation.country,
        countryName: organisation.country ? countryName(organisation.country, language) : null,
        email: policy?.contactEmail ?? organisation.privacyContactEmail ?? organisation.dpoEmail ?? organisation.email,
        phone: organisation.phone,
        website: organisation.website,
        responseDays: policy?.responseDays ?? organisation.privacyResponseDays,
        dpoName: organisation.dpoName,
        dpoEmail: organisation.dpoEmail,
        representative: organisation.representative,
      },
      changes: { title: words.sectionTitles.changes, statements: notes('changes'), lastChanged: policy?.lastChanged ?? null },
    };
  }
}

/**
 * cite() in the notice's language: the law by its name there ("Art. 6(1)(a) AVG"), several
 * provisions joined by its "and"; `.article` without the law's name, `.lawName` names another law.
 */
function citing(base: ReturnType<typeof cite>, words: NoticeWords) {
  const article = (...provisions: string[]) => base.article(...provisions).replace(/ and (?=\S+$)/, ` ${words.and} `);
  return Object.assign((...provisions: string[]) => `${article(...provisions)} ${words.lawNames[base.framework]}`, {
    article,
    framework: base.framework,
    lawName: (law: Framework) => words.lawNames[law],
  });
}

type Law = ReturnType<typeof citing>;

/** GDPR Art. 6(1) point → Regulation 2018/1725 Art. 5(1) point: the two list the grounds in another order, and 2018/1725 has no legitimate interests. */
const eudprLawfulness: Record<string, string> = { a: 'd', b: 'c', c: 'b', d: 'e', e: 'a' };

/**
 * A legal basis as the notice shows it: its name in the notice's language and its article in the
 * register's framework. The built-in bases are the GDPR's, renumbered for Regulation 2018/1725;
 * a basis the organisation recorded itself (national law) keeps its own article and name.
 */
function noticeBasis(law: Law, words: NoticeWords) {
  return (b: { code: string; article: string; name: string }): NoticeLegalBasis => {
    // The register's own bases (national law) are cited as recorded.
    if (!b.code.startsWith('gdpr-')) return { code: b.code, article: b.article, citation: b.article, name: b.name, notes: [] };
    const provision = b.article.replace(/^Art\.\s*/, '');
    const lawfulness = /^6\(1\)\(([a-f])\)$/.exec(provision);
    const own = law.framework === 'eudpr' && lawfulness ? eudprLawfulness[lawfulness[1]!] : undefined;
    // Art. 6(1)(f) has no counterpart for Union institutions: it is cited as recorded, under the GDPR.
    const cited = own ? { article: `Art. 5(1)(${own})`, citation: `Art. 5(1)(${own}) ${law.lawName('eudpr')}` } : undefined;
    const gdprOnly = law.framework === 'eudpr' && lawfulness && !own;
    return {
      code: b.code,
      article: cited?.article ?? (gdprOnly ? b.article : law.article(provision)),
      citation: cited?.citation ?? (gdprOnly ? `${b.article} ${law.lawName('gdpr')}` : law(provision)),
      name: words.legalBases[b.code] ?? b.name,
      notes: [],
    };
  };
}

/** The period of a retention rule in one sentence of the notice's language, whatever its kind. */
function retentionPeriod(r: Row, words: NoticeWords, law: Law): string {
  const d = (value: unknown) => (typeof value === 'string' && value ? durationInWords(value, words) : null);
  const start = typeof r.startEvent === 'string' && r.startEvent ? r.startEvent : null;
  const tail = [r.maximumDuration ? words.retention.atMost(d(r.maximumDuration)!) : null];
  let period: string;
  switch (r.kind) {
    case 'fixed-duration':
      period = [words.retention.fixed(d(r.duration)), ...tail, start ? words.retention.countedFrom(start) : null]
        .filter(Boolean)
        .join(', ');
      break;
    case 'until-event':
      period = [words.retention.until(start), r.duration ? words.retention.thenFor(d(r.duration)!) : null, ...tail]
        .filter(Boolean)
        .join(' ');
      break;
    case 'statutory':
      period = [words.retention.statutory((r.legalReference as string | null) ?? null), r.duration ? d(r.duration) : null, ...tail]
        .filter(Boolean)
        .join(', ');
      break;
    case 'permanent':
      return `${capitalise(words.retention.permanent(law('89')))}.`;
    case 'as-long-as-necessary':
      period = [words.retention.asLongAsNecessary, ...tail].filter(Boolean).join(', ');
      break;
    default:
      return words.retention.notStated;
  }
  const end = words.endActions[r.endAction as string] ?? words.endActions['not-stated']!;
  return `${capitalise(period)}; ${end}.`;
}

const capitalise = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

/** Top-level categories by name, each followed by its children, so "such as …" lists read naturally. */
function withChildrenAfterParents(categories: Row[]): Row[] {
  const sorted = [...categories].sort(byName);
  const names = new Set(sorted.map((c) => c.name));
  const roots = sorted.filter((c) => !c.parent || !names.has(c.parent));
  return roots.flatMap((root) => [root, ...sorted.filter((c) => c.parent === root.name)]);
}

/** Each purpose once, with the legal bases and interests of every activity pursuing it. */
function purposesOf(activities: ActivityView[], purposes: Row[], basis: ReturnType<typeof noticeBasis>) {
  return purposes.sort(byName).map((p) => {
    const pursuing = activities.filter((a) => a.purposes.some((link) => link.purpose.id === p.id));
    const links = pursuing.flatMap((a) => a.purposes.filter((link) => link.purpose.id === p.id));
    // Bases an activity states as a whole count for each of its purposes.
    const stated = [...links.flatMap((link) => link.legalBases), ...pursuing.flatMap((a) => a.legalBases ?? [])];
    const bases = new Map(stated.map((b) => [b.code, basis(b)]));
    // A basis's note (the national law it rests on, the source's words) is public: Art. 13(1)(c) asks for the basis.
    for (const b of stated) if (b.note && !bases.get(b.code)!.notes.includes(b.note)) bases.get(b.code)!.notes.push(b.note);
    return {
      name: p.name,
      description: p.description,
      legalBases: [...bases.values()].sort((x, y) => x.code.localeCompare(y.code, 'en', { numeric: true })),
      legitimateInterests: uniqueIds(links.flatMap((link) => (link.legitimateInterest ? [link.legitimateInterest] : []))),
    };
  });
}

/**
 * The rights that apply to at least one activity (derived from its legal bases), and those the
 * policy names, in the GDPR's order, cited by the register's framework. Art. 22 is listed where an
 * activity states automated decisions, or the policy names it: Art. 13(2)(f) asks about them only
 * where they exist, and the automated-decisions section says what each activity states.
 */
function rightsOf(activities: ActivityView[], policy: PolicyRow | undefined, law: Law, words: NoticeWords): NoticeRight[] {
  const derived = activities.map((a) => ({ name: a.name, rights: deriveRights(a), automated: a.automatedDecisions === 'yes' }));
  return rightDefinitions.flatMap((definition) => {
    const statement = policy?.rights.find((r) => r.right === definition.code);
    const adm = definition.code === 'automated-decision-making';
    const applying = derived
      .filter((d) => (adm ? d.automated : d.rights.find((r) => r.code === definition.code)?.applies))
      .map((d) => d.name);
    if (!statement && applying.length === 0) return [];
    const own = words.rights[definition.code];
    return [
      {
        code: definition.code,
        article: law.article(definition.article.replace(/^Art\.\s*/, '')),
        name: own?.name ?? definition.name,
        description: statement?.description ?? own?.description ?? definition.description,
        feeNote: statement?.feeNote ?? null,
        statedInPolicy: statement !== undefined,
        activities: applying,
      },
    ];
  });
}
