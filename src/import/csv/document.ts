import { activityRoles, activityStatuses, statedAbsences } from '../../../entities/processing-activity';
import { emptyRegisterDocument, type RegisterDocument, type SeedActivity } from '../register-document';
import type { KnownLegalBasis } from '../problems';
import { activityCells, groupByActivity, type ActivityCells } from './activity-rows';
import { registerBlocks } from './building-blocks';
import { normalise, yesOrNo } from './cells';
import { COLUMN } from './columns';
import { readContacts } from './contacts';
import { readControllerStatements } from './controller-statements';
import type { Table } from './header';
import { legalBasisReader } from './legal-bases';
import { readLinkDetails } from './link-details';
import { readPersonalData } from './personal-data';
import type { ProblemList } from './problem-list';
import { readActivityLegalBases, readPurposes } from './purposes';
import type { ReadingContext } from './reading-context';
import { readRecipients } from './recipients';
import { readRetention } from './retention';
import { readSecurityMeasures } from './security-measures';
import { readSources } from './sources';
import { completeSystemReferences, readSystems } from './systems';
import { readTexts } from './texts';
import { checkTransferRecipients, readTransfers } from './transfers';
import { valueChecks } from './values';

/** An activity's own fields: role, status, owner and DPIA. What a column leaves empty keeps the neutral value. */
function readActivityFields(activity: SeedActivity, cells: ActivityCells, context: ReadingContext): void {
  const { check, problems } = context;
  const role = cells.cell(COLUMN.role);
  if (role) {
    const found = check.oneOf(activityRoles, normalise(role).replace(/ /g, '-'), cells.where(COLUMN.role), 'role');
    if (found) activity.role = found;
  } else if (cells.cell(COLUMN.jointController)) activity.role = 'joint-controller';
  const status = cells.cell(COLUMN.status);
  if (status) {
    const found = check.oneOf(activityStatuses, normalise(status), cells.where(COLUMN.status), 'status');
    if (found) activity.status = found;
  }
  const owner = check.text(cells.cell(COLUMN.owner), 300, cells.where(COLUMN.owner), 'business function');
  if (owner !== undefined) activity.owner = owner;
  const dpia = cells.cell(COLUMN.dpiaRequired);
  // An empty cell states nothing: whether a DPIA is required stays not stated.
  const dpiaRequired = dpia === '' ? null : yesOrNo(dpia);
  if (dpiaRequired === undefined)
    problems.report(cells.where(COLUMN.dpiaRequired), dpia, 'Write Yes or No, or leave it empty when not stated');
  else if (dpiaRequired !== null) activity.dpiaRequired = dpiaRequired;
  const dpiaReference = check.text(cells.cell(COLUMN.dpiaReference), 300, cells.where(COLUMN.dpiaReference), 'DPIA reference');
  if (dpiaReference !== undefined) activity.dpiaReference = dpiaReference;
  readRecordFacts(activity, cells, context);
}

/** The record's own facts beyond the ICO template: metadata, stated absences, the Art. 26 arrangement, automated decisions. */
function readRecordFacts(activity: SeedActivity, cells: ActivityCells, { check, problems }: ReadingContext): void {
  const texts = [
    ['reference', COLUMN.reference, 300, 'record reference'],
    ['businessFunction', COLUMN.businessFunction, 300, 'business function'],
    ['recordGroup', COLUMN.recordGroup, 300, 'record group'],
    ['language', COLUMN.language, 35, 'language of the record'],
    ['sourceUrl', COLUMN.sourceUrl, 2000, 'source URL of the record'],
    ['jointArrangementRef', COLUMN.jointArrangementRef, 300, 'reference of the joint controller arrangement'],
    ['jointArrangementEssence', COLUMN.jointArrangementEssence, 4000, 'essence of the joint controller arrangement'],
    ['automatedDecisionLogic', COLUMN.automatedDecisionLogic, 4000, 'logic of the automated decisions'],
    ['automatedDecisionSignificance', COLUMN.automatedDecisionSignificance, 4000, 'significance of the automated decisions'],
    ['automatedDecisionSafeguards', COLUMN.automatedDecisionSafeguards, 4000, 'safeguards for the automated decisions'],
  ] as const;
  for (const [field, column, max, what] of texts) {
    const value = check.text(cells.cell(column), max, cells.where(column), what);
    if (value !== undefined) activity[field] = value;
  }
  for (const [field, column, what] of [
    ['adoptedOn', COLUMN.adoptedOn, 'date the record was adopted'],
    ['lastReviewedOn', COLUMN.lastReviewedOn, 'date the record was last reviewed'],
  ] as const) {
    const value = check.date(cells.cell(column), cells.where(column), what);
    if (value !== undefined) activity[field] = value;
  }
  cells.eachLine(COLUMN.statedAbsences, (line, where) => {
    const absence = check.oneOf(statedAbsences, line, where, 'stated absence');
    if (!absence) return;
    activity.statedAbsences ??= [];
    if (!activity.statedAbsences.includes(absence)) activity.statedAbsences.push(absence);
  });
  // As for the DPIA: an empty cell states nothing.
  const automated = cells.cell(COLUMN.automatedDecisions);
  const flag = automated === '' ? null : yesOrNo(automated);
  if (flag === undefined)
    problems.report(cells.where(COLUMN.automatedDecisions), automated, 'Write Yes or No, or leave it empty when not stated');
  else if (flag !== null) activity.automatedDecisions = flag ? 'yes' : 'no';
}

const newActivity = (name: string): SeedActivity => ({
  name,
  role: 'controller',
  status: 'active',
  controllers: [],
  purposes: [],
  dataSubjectCategories: [],
  dataCategories: [],
  collectionChannels: [],
  recipients: [],
  transfers: [],
  securityMeasures: [],
});

/**
 * The register document the rows describe: an activity per activity name, its building blocks
 * deduplicated by name across the file. Problems go to `problems`, each with its row and column;
 * what is refused is left out, and the rest is still read, so that one upload shows every problem.
 */
export function assembleDocument(
  table: Table,
  known: { legalBases: KnownLegalBasis[]; organisations: string[] },
  problems: ProblemList,
): RegisterDocument {
  const document = emptyRegisterDocument();
  const context: ReadingContext = {
    document,
    blocks: registerBlocks(document, problems),
    problems,
    check: valueChecks(problems),
    legalBasis: legalBasisReader(known.legalBases, problems),
    knownOrganisations: known.organisations,
    refusedRecipients: new Set(),
    transferChecks: [],
  };
  for (const group of groupByActivity(table.dataRows, table.columnIndex, problems)) {
    context.check.name(group.name, group.at, 'processing activity');
    const cells = activityCells(group, problems);
    const activity = newActivity(group.name);
    // In this order: the contacts name the controllers the representative and DPO lines refer to,
    // the recipients are known before the transfers, the data categories before their retention.
    readActivityFields(activity, cells, context);
    readContacts(activity, cells, context);
    readControllerStatements(activity, cells, context);
    readActivityLegalBases(activity, cells, context);
    const listedData = readPersonalData(activity, cells, context);
    readRecipients(activity, cells, context);
    readTransfers(activity, cells, context);
    readRetention(activity, cells, context, listedData);
    readSecurityMeasures(activity, cells, context);
    readSources(activity, cells, context);
    readSystems(activity, cells, context);
    readLinkDetails(activity, cells, context);
    readPurposes(activity, group, context);
    readTexts(activity, cells, context);
    document.activities.push(activity);
  }
  checkTransferRecipients(context);
  completeSystemReferences(context);
  return document;
}
