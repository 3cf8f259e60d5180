import { csvColumns } from '../../register/render-csv';
import { normalise } from './cells';

/**
 * What a column describes, for the import:
 * - `activity`: the activity, so every row of an activity must agree on it;
 * - `purpose`: the row's own purpose (one purpose a row);
 * - `activity-name`: which activity the row belongs to;
 * - `unread`: what the import does not take back.
 */
type ColumnScope = 'activity' | 'purpose' | 'activity-name' | 'unread';

interface ImportedColumn {
  /** The export's header (normalised), or failing that a fragment only that header contains: the template's wording is long. */
  header: string;
  scope: ColumnScope;
  /** For a column of legal bases: the kind of basis it takes. */
  basisKind?: string;
}

/**
 * How the import reads each column of the export (`csvColumns` in src/register/render-csv.ts).
 * An export column that no entry names, or an entry that names no column or several, fails when
 * this module loads (and with it every import test), so a column added to the export cannot be
 * passed over unnoticed.
 */
const importedColumns = {
  owner: { header: 'business function', scope: 'activity' },
  purpose: { header: 'purpose of processing', scope: 'purpose' },
  controller: { header: 'name and contact details of controller', scope: 'activity' },
  jointController: { header: 'contact details of joint controller', scope: 'activity' },
  representative: { header: 'representative', scope: 'activity' },
  dpo: { header: 'contact details of data protection officer', scope: 'activity' },
  individuals: { header: 'categories of individuals', scope: 'activity' },
  personalData: { header: 'categories of personal data', scope: 'activity' },
  recipients: { header: 'categories of recipients', scope: 'activity' },
  processorContract: { header: 'contract with processor', scope: 'activity' },
  thirdCountries: { header: 'names of third countries', scope: 'activity' },
  safeguards: { header: 'safeguards for exceptional transfers', scope: 'activity' },
  retention: { header: 'retention schedule', scope: 'activity' },
  security: { header: 'security measures', scope: 'activity' },
  art6: { header: 'article 6', scope: 'purpose', basisKind: 'lawful-basis' },
  art9: { header: 'article 9', scope: 'purpose', basisKind: 'special-category-condition' },
  art10: { header: 'article 10', scope: 'purpose', basisKind: 'criminal-data-condition' },
  legitimateInterest: { header: 'legitimate interests for', scope: 'purpose' },
  assessmentReference: { header: 'legitimate interests assessment', scope: 'purpose' },
  // The service derives the rights from the legal bases; what the file says of them is not kept.
  rights: { header: 'rights available', scope: 'unread' },
  sources: { header: 'source of personal data', scope: 'activity' },
  dpiaRequired: { header: 'impact assessment required', scope: 'activity' },
  dpiaReference: { header: 'link to data protection impact', scope: 'activity' },
  activity: { header: 'processing activity', scope: 'activity-name' },
  role: { header: 'role', scope: 'activity' },
  status: { header: 'status', scope: 'activity' },
  // The exporting register's id: the import matches entries by name.
  recordId: { header: 'record id', scope: 'unread' },
  // Beyond the ICO template.
  reference: { header: 'record reference', scope: 'activity' },
  businessFunction: { header: 'business function as the record names it', scope: 'activity' },
  recordGroup: { header: 'record group', scope: 'activity' },
  adoptedOn: { header: 'date adopted', scope: 'activity' },
  lastReviewedOn: { header: 'date last reviewed', scope: 'activity' },
  language: { header: 'language of the record', scope: 'activity' },
  sourceUrl: { header: 'source url of the record', scope: 'activity' },
  statedAbsences: { header: 'stated as absent', scope: 'activity' },
  activityLegalBases: { header: 'legal bases for the whole activity', scope: 'activity' },
  activityRetention: { header: 'retention for the whole activity', scope: 'activity' },
  dataCategorySources: { header: 'sources of each category of personal data', scope: 'activity' },
  recipientDataCategories: { header: 'categories of personal data each recipient receives', scope: 'activity' },
  relationships: { header: 'relationship between the controllers', scope: 'activity' },
  jointArrangementRef: { header: 'joint controller arrangement reference', scope: 'activity' },
  jointArrangementEssence: { header: 'essence of the joint controller arrangement', scope: 'activity' },
  automatedDecisions: { header: 'automated decision-making, including profiling', scope: 'activity' },
  automatedDecisionLogic: { header: 'logic of the automated decisions', scope: 'activity' },
  automatedDecisionSignificance: { header: 'significance and consequences of the automated decisions', scope: 'activity' },
  automatedDecisionSafeguards: { header: 'safeguards for the automated decisions', scope: 'activity' },
  controllerDetails: { header: 'controller details', scope: 'activity' },
  controllerContacts: { header: 'controller contacts', scope: 'activity' },
  systems: { header: 'systems holding the data', scope: 'activity' },
  descriptions: { header: 'public descriptions', scope: 'activity' },
  sourcePhrases: { header: 'source phrases', scope: 'activity' },
  internalNotes: { header: 'internal notes', scope: 'activity' },
} as const satisfies Record<string, ImportedColumn>;

/** The export's headers, in its order. */
export const exportHeaders = csvColumns.map(([header]) => header);

/** The export's header that is (or, failing that, uniquely contains) `fragment`. */
function exportHeader(fragment: string): string {
  const exact = exportHeaders.filter((header) => normalise(header) === fragment);
  const found = exact.length > 0 ? exact : exportHeaders.filter((header) => normalise(header).includes(fragment));
  if (found.length !== 1) throw new Error(`render-csv.ts has ${found.length} columns matching "${fragment}"`);
  return found[0]!;
}

const byHeader = new Map<string, ImportedColumn>();
for (const entry of Object.values(importedColumns) as ImportedColumn[]) {
  const header = exportHeader(entry.header);
  if (byHeader.has(header)) throw new Error(`Two entries of importedColumns read the export's column "${header}"`);
  byHeader.set(header, entry);
}
for (const header of exportHeaders) {
  if (!byHeader.has(header)) throw new Error(`render-csv.ts has the column "${header}", which importedColumns does not read`);
}

/** Each column's header in the export, by what it holds. */
export const COLUMN = Object.fromEntries(
  Object.entries(importedColumns).map(([key, entry]) => [key, exportHeader(entry.header)]),
) as Record<keyof typeof importedColumns, string>;

const inScope = (scope: ColumnScope) => exportHeaders.filter((header) => byHeader.get(header)!.scope === scope);

/** The export's header for a header as a spreadsheet may spell it (case and blanks aside). */
export const knownHeaders = new Map(exportHeaders.map((header) => [normalise(header), header]));

/** Columns that describe the activity: the first row that fills one gives it, the others must agree. */
export const activityColumns = inScope('activity');

/** The purpose columns other than the purpose's name: they mean nothing in a row without one. */
export const purposeDetailColumns = inScope('purpose').filter((header) => header !== COLUMN.purpose);

/** Columns of legal bases, with the kind of basis each takes. */
export const basisColumns = exportHeaders.flatMap((header): [header: string, kind: string][] => {
  const kind = byHeader.get(header)!.basisKind;
  return kind === undefined ? [] : [[header, kind]];
});
