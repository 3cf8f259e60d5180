import { labelled, textLine, type TextEntryKind } from './csv-labelled';
import type {
  ExportActivity,
  ExportController,
  ExportLegalBasisLink,
  ExportOrganisation,
  ExportPurpose,
  ExportRecipient,
  ExportRetention,
  ExportSystem,
  ExportTransfer,
} from './dto';
import type { RegisterSource } from './reader';

/**
 * The register as CSV (RFC 4180: CRLF line ends, every field quoted where it holds a comma, a
 * quote or a line break), in the columns of the UK ICO's documentation template for controllers,
 * one row per activity × purpose (an activity without a purpose is one row with the purpose
 * columns empty). The header row comes once, first. Lists inside a cell are one item per line.
 * Processor records (Art. 30(2)) follow the controller records, once each, with their role in
 * the "Role" column and the controllers they act for under "Name and contact details of
 * controller".
 *
 * After the ICO columns and the identifying ones come the facts real registers state beyond the
 * template (record metadata, stated absences, the activity's own legal bases and retention,
 * controller relationships and the Art. 26 arrangement, automated decisions, the controllers'
 * framework, DPO requirement, contacts and register-wide transfer mechanism), then the entries'
 * public descriptions, source phrases and internal notes (filled only in the auditor's export,
 * internalNotes=true). A cell that states several facts of one entry names each ("kind:
 * statutory; reference: …", csv-labelled.ts); what is not stated is left out — an empty cell, or
 * a missing part — except in a bracketed enumeration, which says not-stated.
 *
 * Spreadsheets run a cell that starts with =, +, -, @ (or a tab or carriage return) as a formula:
 * such a cell is written with a leading apostrophe (OWASP "CSV injection"), the one change
 * made to the register's text.
 */

interface Row {
  activity: ExportActivity;
  purpose: ExportPurpose | null;
}

const lines = (items: (string | null | undefined)[]) => items.filter((item): item is string => Boolean(item)).join('\n');
const joinParts = (parts: (string | null | undefined)[], separator = ', ') =>
  parts.filter((part): part is string => Boolean(part)).join(separator);

function contact(organisation: {
  name: string;
  address: string | null;
  country: string | null;
  email: string | null;
  phone: string | null;
}) {
  return joinParts([organisation.name, organisation.address, organisation.country, organisation.email, organisation.phone]);
}

function controllerContact(organisation: ExportOrganisation) {
  return joinParts([
    contact(organisation),
    organisation.privacyContactEmail ? `privacy requests: ${organisation.privacyContactEmail}` : null,
  ]);
}

/** A legal basis as the register names it, with its note: "Art. 6(1)(e) Public task (note: Gemeentewet, art. 160)". */
export const basisText = (basis: ExportLegalBasisLink) => `${basis.article} ${basis.name}${basis.note ? ` (note: ${basis.note})` : ''}`;

const basesOf = (purpose: ExportPurpose | null, kinds: string[]) =>
  lines((purpose?.legalBases ?? []).filter((basis) => kinds.includes(basis.kind)).map(basisText));

const statedOrNull = (value: string) => (value === 'not-stated' ? null : value);

/**
 * A retention rule: "Name (kind: until-event; duration: P2Y; at most: P10Y; from: the account is
 * closed; then: anonymise; reference: …; if: when tax law applies → P10Y, then erase)". The kind is
 * always written (not-stated too); an unstated end action is left out.
 */
export function retentionText(rule: ExportRetention): string {
  return `${rule.name} (${labelled([
    ['kind', rule.kind],
    ['duration', rule.duration],
    ['at most', rule.maximumDuration],
    ['from', rule.startEvent],
    ['then', statedOrNull(rule.endAction)],
    ['reference', rule.legalReference],
    ...rule.conditions.map((condition): [string, string] => [
      'if',
      `${condition.condition} → ${condition.duration ?? 'no period'}${condition.endAction ? `, then ${condition.endAction}` : ''}`,
    ]),
  ])})`;
}

/** A recipient's processing agreement: "Name: status: signed; date: 2024-01-15; reference: …"; a processor with none stated "Name: none recorded". */
function agreementText(recipient: ExportRecipient): string | null {
  const status = statedOrNull(recipient.processingAgreementStatus);
  if (!status && !recipient.processingAgreementDate && !recipient.processingAgreementRef)
    return recipient.kind === 'processor' ? `${recipient.name}: none recorded` : null;
  return `${recipient.name}: ${labelled([
    ['status', recipient.processingAgreementStatus],
    ['date', recipient.processingAgreementDate],
    ['reference', recipient.processingAgreementRef],
  ])}`;
}

/** Where a transfer goes: a country code, "worldwide", "not-stated" or "international organisation: Name". */
const destinationText = (transfer: ExportTransfer) =>
  transfer.destination === 'international-organisation'
    ? `international organisation: ${transfer.internationalOrganisation ?? ''}`
    : transfer.destination === 'country'
      ? (transfer.country ?? '')
      : transfer.destination;

/** A transfer: "US (Recipient)", or onward "worldwide (Sub-processor; onward from Processor)". */
export const transferText = (transfer: ExportTransfer) =>
  `${destinationText(transfer)} (${transfer.recipient.name}${transfer.via ? `; onward from ${transfer.via.name}` : ''})`;

const yesNoCell = (value: string) => (value === 'yes' ? 'Yes' : value === 'no' ? 'No' : '');
const booleanCell = (value: boolean | null) => (value === null ? '' : value ? 'Yes' : 'No');

/** What a controller states of itself beyond its contact line. */
const controllerDetails = (controller: ExportController) => {
  const details = labelled([
    ['framework', statedOrNull(controller.framework)],
    ['DPO required', yesNoCell(controller.dpoRequired)],
    ['reason', controller.dpoRequiredReason],
    ['public body', booleanCell(controller.publicBody)],
    ['language', controller.language],
    ['DPO title', controller.dpo?.title],
    ['DPO address', controller.dpo?.address],
    [
      'transfer mechanism',
      controller.transferMechanism ? `${controller.transferMechanism.article} ${controller.transferMechanism.name}` : null,
    ],
    ['transfer mechanism note', controller.transferMechanismNote],
  ]);
  return details ? `${controller.name}: ${details}` : null;
};

type TextField = 'description' | 'sourcePhrase' | 'internalNote';

/** The activity's and its entries' texts of one kind, one textLine each (an entry used twice, once). */
function texts(activity: ExportActivity, field: TextField): string {
  type Texts = Partial<Record<TextField, string | null>> & { name: string };
  const retention = new Map<string, ExportRetention>();
  for (const rule of [...activity.dataCategories.flatMap((d) => (d.retention ? [d.retention] : [])), ...activity.retentionRules])
    retention.set(rule.id, rule);
  const entries: [TextEntryKind, Texts[]][] = [
    ['organisation', activity.controllers],
    ['purpose', activity.purposes],
    ['dataSubjectCategory', activity.dataSubjectCategories],
    ['dataCategory', activity.dataCategories],
    ['retentionRule', [...retention.values()]],
    ['collectionChannel', activity.collectionChannels],
    ['recipient', activity.recipients],
    ['securityMeasure', activity.securityMeasures],
    ['system', activity.systems],
  ];
  const own = activity[field];
  return lines([
    own ? textLine('activity', null, own) : null,
    ...entries.flatMap(([kind, items]) => items.map((item) => (item[field] ? textLine(kind, item.name, item[field]) : null))),
  ]);
}

/**
 * A system the activity uses, on one line: "Google Analytics: kind: saas; provider: Google LLC;
 * hosted in: US; security measures: A | B; holds: Website usage". The kind is always written
 * (not-stated too), so the name ends where ": kind: " begins; what is not stated is left out.
 */
export function systemText(system: ExportSystem): string {
  const hosted = system.hostingCountries.filter((country) => country !== 'not-stated');
  return `${system.name}: ${labelled([
    ['kind', system.kind],
    ['provider', system.provider?.name],
    ['hosted in', hosted.join(', ')],
    ['security measures', system.securityMeasures.map((measure) => measure.name).join(systemListSeparator)],
    ['holds', system.dataCategories.map((category) => category.name).join(systemListSeparator)],
  ])}`;
}

/** Between the names of a system line's lists (names hold commas; semicolons part the labels). */
export const systemListSeparator = ' | ';

/** The ICO template's columns (as far as the register records them), then three identifying columns. */
export const csvColumns: [header: string, value: (row: Row) => string][] = [
  ['Business function', ({ activity }) => activity.owner ?? ''],
  ['Purpose of processing', ({ purpose }) => purpose?.name ?? ''],
  [
    'Name and contact details of controller',
    ({ activity }) => (activity.role === 'joint-controller' ? '' : lines(activity.controllers.map(controllerContact))),
  ],
  [
    'Name and contact details of joint controller (if applicable)',
    ({ activity }) => (activity.role === 'joint-controller' ? lines(activity.controllers.map(controllerContact)) : ''),
  ],
  [
    'Name and contact details of representative (if applicable)',
    ({ activity }) => lines(activity.controllers.map((c) => (c.representative ? `${c.name}: ${contact(c.representative)}` : null))),
  ],
  [
    'Name and contact details of data protection officer (if applicable)',
    ({ activity }) =>
      lines(
        activity.controllers.map((c) => {
          // A DPO known only by title or address has those in the controller details.
          const parts = c.dpo ? joinParts([c.dpo.name, c.dpo.email, c.dpo.phone]) : '';
          return parts ? `${c.name}: ${parts}` : null;
        }),
      ),
  ],
  ['Categories of individuals', ({ activity }) => lines(activity.dataSubjectCategories.map((s) => s.name))],
  [
    'Categories of personal data',
    ({ activity }) =>
      lines(
        activity.dataCategories.map((d) =>
          d.sensitivity === 'special'
            ? `${d.name} (special category, Art. 9)`
            : d.sensitivity === 'criminal'
              ? `${d.name} (criminal offence data, Art. 10)`
              : d.name,
        ),
      ),
  ],
  [
    'Categories of recipients',
    // "Name (kind[, CC][, category])": the category only when stated.
    ({ activity }) => lines(activity.recipients.map((r) => `${r.name} (${joinParts([r.kind, r.country, statedOrNull(r.category)])})`)),
  ],
  ['Link to contract with processor', ({ activity }) => lines(activity.recipients.map(agreementText))],
  [
    'Names of third countries or international organisations that personal data are transferred to (if applicable)',
    ({ activity }) => lines(activity.transfers.map(transferText)),
  ],
  [
    'Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)',
    ({ activity }) =>
      lines(
        activity.transfers.map(
          (t) =>
            `${transferText(t)}: ${joinParts(
              [
                t.mechanism ? `${t.mechanism.article} ${t.mechanism.name}` : 'no mechanism recorded',
                t.safeguard,
                t.tiaReference ? `TIA ${t.tiaReference}` : null,
              ],
              '; ',
            )}`,
        ),
      ),
  ],
  [
    'Retention schedule (if possible)',
    ({ activity }) =>
      lines(
        activity.dataCategories.map((d) => (d.retention ? `${d.name}: ${retentionText(d.retention)}` : `${d.name}: no retention recorded`)),
      ),
  ],
  [
    'General description of technical and organisational security measures (if possible)',
    ({ activity }) =>
      lines(activity.securityMeasures.map((m) => `${m.name} (${m.type}${m.standardReference ? `, ${m.standardReference}` : ''})`)),
  ],
  ['Article 6 lawful basis for processing personal data', ({ purpose }) => basesOf(purpose, ['lawful-basis'])],
  ['Article 9 basis for processing special category data', ({ purpose }) => basesOf(purpose, ['special-category-condition'])],
  ['Article 10 basis for processing criminal offence data', ({ purpose }) => basesOf(purpose, ['criminal-data-condition'])],
  ['Legitimate interests for the processing (if applicable)', ({ purpose }) => purpose?.legitimateInterest ?? ''],
  ['Link to record of legitimate interests assessment (if applicable)', ({ purpose }) => purpose?.assessmentReference ?? ''],
  [
    'Rights available to individuals',
    ({ activity }) => lines(activity.rights.filter((r) => r.applies).map((r) => `${r.name} (${r.article})`)),
  ],
  [
    'Source of personal data (if applicable)',
    ({ activity }) =>
      lines(
        // "Name (type[, mechanism])": the mechanism only when stated, and not a cookie, whose details
        // (which a cookie channel must have) the CSV does not carry.
        activity.collectionChannels.map(
          (c) =>
            `${c.name} (${joinParts([
              c.sourceType === 'data-subject' ? 'from the data subject' : c.sourceType,
              c.mechanism === 'cookie' ? null : statedOrNull(c.mechanism),
            ])})`,
        ),
      ),
  ],
  // An empty cell: the record does not state whether a DPIA is required.
  [
    'Data Protection Impact Assessment required?',
    ({ activity }) => (activity.dpiaRequired === null ? '' : activity.dpiaRequired ? 'Yes' : 'No'),
  ],
  ['Link to Data Protection Impact Assessment', ({ activity }) => activity.dpiaReference ?? ''],
  ['Processing activity', ({ activity }) => activity.name],
  ['Role', ({ activity }) => activity.role],
  ['Status', ({ activity }) => activity.status],
  ['Record ID', ({ activity }) => activity.id],
  // Beyond the ICO template: what real registers state (empty: not stated).
  ['Record reference', ({ activity }) => activity.reference ?? ''],
  ['Business function as the record names it', ({ activity }) => activity.businessFunction ?? ''],
  ['Record group', ({ activity }) => activity.recordGroup ?? ''],
  ['Date adopted', ({ activity }) => activity.adoptedOn ?? ''],
  ['Date last reviewed', ({ activity }) => activity.lastReviewedOn ?? ''],
  ['Language of the record', ({ activity }) => activity.language ?? ''],
  ['Source URL of the record', ({ activity }) => activity.sourceUrl ?? ''],
  ['Stated as absent', ({ activity }) => lines(activity.statedAbsences)],
  ['Legal bases for the whole activity', ({ activity }) => lines(activity.legalBases.map(basisText))],
  ['Retention for the whole activity', ({ activity }) => lines(activity.retentionRules.map(retentionText))],
  // Link details the template's columns cannot place: one "Category: Source" line per source of a category of personal data, one "Recipient: Category" line per category a recipient receives.
  [
    'Sources of each category of personal data',
    ({ activity }) => lines(activity.dataCategories.flatMap((d) => d.sources.map((s) => `${d.name}: ${s.name}`))),
  ],
  [
    'Categories of personal data each recipient receives',
    ({ activity }) => lines(activity.recipients.flatMap((r) => r.dataCategories.map((d) => `${r.name}: ${d.name}`))),
  ],
  [
    'Relationship between the controllers',
    ({ activity }) => lines(activity.controllers.map((c) => (statedOrNull(c.relationship) ? `${c.name}: ${c.relationship}` : null))),
  ],
  ['Joint controller arrangement reference (Art. 26)', ({ activity }) => activity.jointArrangementRef ?? ''],
  ['Essence of the joint controller arrangement (Art. 26(2))', ({ activity }) => activity.jointArrangementEssence ?? ''],
  ['Automated decision-making, including profiling (Art. 22)?', ({ activity }) => yesNoCell(activity.automatedDecisions)],
  ['Logic of the automated decisions', ({ activity }) => activity.automatedDecisionLogic ?? ''],
  ['Significance and consequences of the automated decisions', ({ activity }) => activity.automatedDecisionSignificance ?? ''],
  ['Safeguards for the automated decisions', ({ activity }) => activity.automatedDecisionSafeguards ?? ''],
  [
    'Controller details (framework, DPO requirement, public body, language, DPO title and address, register-wide transfer mechanism)',
    ({ activity }) => lines(activity.controllers.map(controllerDetails)),
  ],
  [
    'Controller contacts (role, name, title, email, phone, address)',
    ({ activity }) =>
      lines(
        activity.controllers.flatMap((c) =>
          c.contacts.map(
            (contact) =>
              `${c.name}: ${labelled([
                ['role', contact.role],
                ['name', contact.name],
                ['title', contact.title],
                ['email', contact.email],
                ['phone', contact.phone],
                ['address', contact.address],
              ])}`,
          ),
        ),
      ),
  ],
  [
    'Systems holding the data (kind, provider, hosting countries, their measures, data categories held)',
    ({ activity }) => lines(activity.systems.map(systemText)),
  ],
  ['Public descriptions', ({ activity }) => texts(activity, 'description')],
  ["Source phrases (the source's own words)", ({ activity }) => texts(activity, 'sourcePhrase')],
  // Null in every public export: the reader fills internal notes only for internalNotes=true.
  ['Internal notes (register keeper only, not for publication)', ({ activity }) => texts(activity, 'internalNote')],
];

/** One CSV field: formula-neutralised, quoted when it must be. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const csvLine = (fields: string[]) => `${fields.map(csvField).join(',')}\r\n`;

function rows(activity: ExportActivity): string {
  const purposes: (ExportPurpose | null)[] = activity.purposes.length > 0 ? activity.purposes : [null];
  return purposes.map((purpose) => csvLine(csvColumns.map(([, value]) => value({ activity, purpose })))).join('');
}

export async function* renderCsv(source: RegisterSource): AsyncGenerator<string> {
  yield csvLine(csvColumns.map(([header]) => header));
  // One piece per activity: small strings are young-generation garbage, a page-sized one is not.
  for await (const page of source.controllerPages()) for (const activity of page) yield rows(activity);
  for await (const page of source.processorPages()) {
    for (const { activity, first } of page) if (first) yield rows(activity);
  }
}
