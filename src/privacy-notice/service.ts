import type { DataSource, EntityManager } from 'typeorm';
import type { CookieDetails } from '../../entities/collection-channel';
import type { PolicyNote, RightStatement } from '../../entities/privacy-policy';
import { AppError, notFound } from '../errors';
import { eeaCountries } from '../gdpr/countries';
import { describeDuration } from '../gdpr/iso-duration';
import { linkedIds } from '../processing-activities/link-walk';
import { loadLinkedBlocks } from '../processing-activities/linked-blocks';
import { activityColumns } from '../processing-activities/read-model';
import type { ActivityView } from '../processing-activities/view';
import { deriveRights, rightDefinitions } from '../gdpr/rights';
import type { NoticeLegalBasis, NoticeRight, NoticeStatement, PrivacyNoticeResponse } from './dto';
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

export const sectionTitles = {
  dataCollected: 'What data we collect',
  collection: 'How we collect your data',
  purposes: 'Why we process your data, and on what legal basis',
  sharing: 'Who receives your data, and transfers outside the EEA',
  storage: 'How we store and protect your data, and for how long',
  marketing: 'Marketing',
  cookies: 'Cookies',
  other: 'Other statements',
  rights: 'Your data protection rights',
  contact: 'How to contact us',
  changes: 'Changes to this notice',
} as const;

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

const objection =
  'You may object at any time to the use of your personal data for direct marketing, including profiling related to it; your data will then no longer be used for that purpose (Art. 21(2)–(3) GDPR).';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });
const uniqueIds = (values: string[]) => [...new Set(values)];

/**
 * The Art. 13/14 information for one controller, generated from what the register records about
 * its active processing activities and its recorded privacy policy (contact, rights, statements).
 */
export class PrivacyNoticeService {
  constructor(private readonly dataSource: DataSource) {}

  build(organisationId?: string): Promise<PrivacyNoticeResponse> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) => this.read(manager, organisationId));
  }

  private async read(manager: EntityManager, organisationId?: string): Promise<PrivacyNoticeResponse> {
    const [organisation]: OrganisationRow[] = await manager.query(
      `SELECT o.id, o.name, o.address, o.country, o.email, o.phone, o.website, o.dpo_name AS "dpoName", o.dpo_email AS "dpoEmail",
              o.privacy_contact_email AS "privacyContactEmail", o.privacy_response_days AS "privacyResponseDays", r.name AS representative
         FROM organisations o LEFT JOIN organisations r ON r.id = o.representative_id
        ${organisationId ? 'WHERE o.id = $1' : `WHERE 'controller' = ANY(o.roles) ORDER BY lower(o.name), o.id LIMIT 1`}`,
      organisationId ? [organisationId] : [],
    );
    if (!organisation) {
      throw organisationId
        ? notFound('organisation', organisationId)
        : new AppError('NOT_FOUND', 'The register has no organisation with the controller role; name one with organisationId.');
    }

    // The processing this organisation controls: active activities where it is (joint) controller.
    const activities: ActivityView[] = await manager.query(
      `SELECT ${activityColumns} FROM processing_activities a
        WHERE a.status = 'active' AND a.role <> 'processor'
          AND EXISTS (SELECT 1 FROM activity_controllers x WHERE x.activity_id = a.id AND x.organisation_id = $1)
        ORDER BY lower(a.name), a.id`,
      [organisation.id],
    );
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

    return {
      organisation: { id: organisation.id, name: organisation.name },
      policy: policy
        ? { id: policy.id, name: policy.name, language: policy.language, url: policy.url, lastChanged: policy.lastChanged }
        : null,
      dataCollected: {
        title: sectionTitles.dataCollected,
        dataSubjectCategories: subjects.sort(byName).map((s) => ({ name: s.name, description: s.description })),
        dataCategories: withChildrenAfterParents(dataCategories).map((d) => ({
          name: d.name,
          description: d.description,
          examples: d.examples ?? [],
          sensitivity: d.sensitivity,
          parent: d.parent,
        })),
      },
      collection: {
        title: sectionTitles.collection,
        channels: channels
          .sort(byName)
          .map((c) => ({ name: c.name, description: c.description, sourceType: c.sourceType, mechanism: c.mechanism })),
      },
      purposes: { title: sectionTitles.purposes, purposes: purposesOf(activities, purposes) },
      sharing: {
        title: sectionTitles.sharing,
        recipients: recipients
          .sort(byName)
          .map((r) => ({ name: r.name, description: r.description, kind: r.kind, category: r.category, country: r.country })),
        transfers: activities
          .flatMap((a) => a.transfers)
          .filter((t) => t.destination !== 'country' || !t.country || !eeaCountries.has(t.country))
          .map((t) => ({
            recipient: t.recipient.name,
            country: t.country ?? t.internationalOrganisation ?? t.destination,
            mechanism: t.mechanism ? basis(t.mechanism) : null,
            safeguard: t.safeguard ?? null,
          }))
          .filter((t, i, all) => all.findIndex((u) => JSON.stringify(u) === JSON.stringify(t)) === i)
          .sort((x, y) => x.recipient.localeCompare(y.recipient) || x.country.localeCompare(y.country)),
      },
      storage: {
        title: sectionTitles.storage,
        securityMeasures: measures
          .sort(byName)
          .map((m) => ({ name: m.name, description: m.description, type: m.type, standardReference: m.standardReference })),
        standards: uniqueIds(measures.flatMap((m) => (m.standardReference ? [m.standardReference] : []))).sort(),
        retention: retentionRules.sort(byName).map((r) => ({
          name: r.name,
          description: r.description,
          duration: r.duration,
          durationText: r.duration ? describeDuration(r.duration) : null,
          maximumDuration: r.maximumDuration,
          maximumDurationText: r.maximumDuration ? describeDuration(r.maximumDuration) : null,
          startEvent: r.startEvent,
          endAction: r.endAction,
          dataCategories: uniqueIds(
            activities.flatMap((a) => a.dataCategories.filter((d) => d.retentionRule?.id === r.id).map((d) => d.dataCategory.name)),
          ).sort((x, y) => x.localeCompare(y)),
        })),
      },
      marketing: { title: sectionTitles.marketing, statements: notes('marketing'), objection },
      cookies: {
        title: sectionTitles.cookies,
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
              lifetimeText: cookie.lifetime ? describeDuration(cookie.lifetime) : null,
              party: cookie.party,
              names: cookie.names ?? [],
            };
          }),
        statements: notes('cookies'),
      },
      other: { title: sectionTitles.other, statements: notes('other') },
      rights: { title: sectionTitles.rights, rights: rightsOf(activities, policy) },
      contact: {
        title: sectionTitles.contact,
        controller: organisation.name,
        address: organisation.address,
        country: organisation.country,
        email: policy?.contactEmail ?? organisation.privacyContactEmail ?? organisation.dpoEmail ?? organisation.email,
        phone: organisation.phone,
        website: organisation.website,
        responseDays: policy?.responseDays ?? organisation.privacyResponseDays,
        dpoName: organisation.dpoName,
        dpoEmail: organisation.dpoEmail,
        representative: organisation.representative,
      },
      changes: { title: sectionTitles.changes, statements: notes('changes'), lastChanged: policy?.lastChanged ?? null },
    };
  }
}

const basis = (b: { code: string; article: string; name: string }): NoticeLegalBasis => ({
  code: b.code,
  article: b.article,
  name: b.name,
});

/** Top-level categories by name, each followed by its children, so "such as …" lists read naturally. */
function withChildrenAfterParents(categories: Row[]): Row[] {
  const sorted = [...categories].sort(byName);
  const names = new Set(sorted.map((c) => c.name));
  const roots = sorted.filter((c) => !c.parent || !names.has(c.parent));
  return roots.flatMap((root) => [root, ...sorted.filter((c) => c.parent === root.name)]);
}

/** Each purpose once, with the legal bases and interests of every activity pursuing it. */
function purposesOf(activities: ActivityView[], purposes: Row[]) {
  return purposes.sort(byName).map((p) => {
    const links = activities.flatMap((a) => a.purposes.filter((link) => link.purpose.id === p.id));
    const bases = new Map(links.flatMap((link) => link.legalBases).map((b) => [b.code, basis(b)]));
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
 * policy names, in the GDPR's order. Art. 22 is listed only when the policy names it: the register
 * does not record automated decisions, and Art. 13(2)(f) asks about them only where they exist.
 */
function rightsOf(activities: ActivityView[], policy: PolicyRow | undefined): NoticeRight[] {
  const derived = activities.map((a) => ({ name: a.name, rights: deriveRights(a) }));
  return rightDefinitions.flatMap((definition) => {
    const statement = policy?.rights.find((r) => r.right === definition.code);
    const applying = derived.filter((d) => d.rights.find((r) => r.code === definition.code)?.applies).map((d) => d.name);
    if (!statement && (applying.length === 0 || definition.code === 'automated-decision-making')) return [];
    return [
      {
        code: definition.code,
        article: definition.article,
        name: definition.name,
        description: statement?.description ?? definition.description,
        feeNote: statement?.feeNote ?? null,
        statedInPolicy: statement !== undefined,
        activities: applying,
      },
    ];
  });
}
