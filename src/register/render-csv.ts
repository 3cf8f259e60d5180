import type { ExportActivity, ExportOrganisation, ExportPurpose } from './dto';
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

const basesOf = (purpose: ExportPurpose | null, kinds: string[]) =>
  lines((purpose?.legalBases ?? []).filter((basis) => kinds.includes(basis.kind)).map((basis) => `${basis.article} ${basis.name}`));

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
      lines(activity.controllers.map((c) => (c.dpo ? `${c.name}: ${joinParts([c.dpo.name, c.dpo.email, c.dpo.phone])}` : null))),
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
    ({ activity }) => lines(activity.recipients.map((r) => `${r.name} (${r.kind}${r.country ? `, ${r.country}` : ''})`)),
  ],
  [
    'Link to contract with processor',
    ({ activity }) =>
      lines(
        activity.recipients.filter((r) => r.kind === 'processor').map((r) => `${r.name}: ${r.processingAgreementRef ?? 'none recorded'}`),
      ),
  ],
  [
    'Names of third countries or international organisations that personal data are transferred to (if applicable)',
    ({ activity }) => lines(activity.transfers.map((t) => `${t.country} (${t.recipient.name})`)),
  ],
  [
    'Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)',
    ({ activity }) =>
      lines(
        activity.transfers.map(
          (t) =>
            `${t.country} (${t.recipient.name}): ${joinParts(
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
        activity.dataCategories.map((d) =>
          d.retention
            ? `${d.name}: ${d.retention.name} (${joinParts([
                d.retention.duration,
                d.retention.maximumDuration ? `at most ${d.retention.maximumDuration}` : null,
                `from ${d.retention.startEvent}`,
                `then ${d.retention.endAction}`,
                d.retention.legalReference,
              ])})`
            : `${d.name}: no retention recorded`,
        ),
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
        activity.collectionChannels.map((c) => `${c.name} (${c.sourceType === 'data-subject' ? 'from the data subject' : c.sourceType})`),
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
