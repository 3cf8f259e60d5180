import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportActivity } from './dto';
import type { RegisterSource } from './reader';
import { csvColumns } from './render-csv';

/**
 * The register as an XLSX workbook, written as it is read (exceljs' streaming writer: rows go out
 * as each page of activities is assembled, never the whole workbook in memory):
 * - "Art. 30(1) controller" and "Art. 30(2) processor": the records in the UK ICO template's
 *   columns, the same cells as the CSV export (one row per activity × purpose);
 * - one sheet per building block (organisations, legal bases, purposes, data subject categories,
 *   data categories, collection channels, recipients, retention rules, security measures,
 *   privacy policies): every entry the exported records use, one row each, one column per field;
 * - "Systems" and "Data flows": the data map, every system and recorded flow of the register;
 * - "Organisational units": every unit, which the records' "Owner unit" column and the
 *   building-block sheets' `ownerUnit` column name by key.
 * A cell is text, never a formula, so the CSV's formula guard is not needed.
 */

type Loose = Record<string, unknown>;

export const xlsxSheets = {
  controller: 'Art. 30(1) controller',
  processor: 'Art. 30(2) processor',
  organisationalUnits: 'Organisational units',
  organisations: 'Organisations',
  legalBases: 'Legal bases',
  purposes: 'Purposes',
  dataSubjectCategories: 'Data subject categories',
  dataCategories: 'Data categories',
  collectionChannels: 'Collection channels',
  recipients: 'Recipients',
  retentionRules: 'Retention rules',
  securityMeasures: 'Security measures',
  privacyPolicies: 'Privacy policies',
  systems: 'Systems',
  dataFlows: 'Data flows',
} as const;

type BlockSheet = Exclude<keyof typeof xlsxSheets, 'controller' | 'processor'>;

/**
 * The column the records' sheets add after the ICO ones: the key of the unit that owns the
 * activity (the "Organisational units" sheet lists them; the building-block sheets have an
 * `ownerUnit` column of their own). The CSV has none: it has no list of the units to name.
 */
export const ownerUnitColumn = 'Owner unit';

/**
 * A field as one cell: lists one item per line, references to entries (they have an id) by code or
 * name, anything else structured as JSON — a contact has a name too, but is no entry, and its
 * other fields would be lost.
 */
function cell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item) => String(cell(item) ?? '')).join('\n') || null;
  const object = value as Loose;
  if (object.id !== undefined && typeof object.code === 'string') return object.code;
  if (object.id !== undefined && typeof object.name === 'string') return object.name;
  return JSON.stringify(value);
}

/** The entries the records use, by id, in the order first met; their columns are the union of their fields. */
class Block {
  readonly entries = new Map<string, Loose>();
  readonly columns: string[] = [];
  add(entry: Loose | null | undefined) {
    const key = entry ? String(entry.id ?? entry.code ?? entry.name) : undefined;
    if (!entry || key === undefined || this.entries.has(key)) return;
    this.entries.set(key, entry);
    for (const field of Object.keys(entry)) if (!this.columns.includes(field)) this.columns.push(field);
  }
}

function collect(blocks: Record<BlockSheet, Block>, activity: ExportActivity) {
  for (const purpose of activity.purposes) {
    const { legalBases, legitimateInterest: _interest, assessmentReference: _assessment, ...own } = purpose as unknown as Loose;
    blocks.purposes.add(own);
    for (const basis of legalBases as Loose[]) blocks.legalBases.add(basis);
  }
  for (const basis of activity.legalBases as unknown as Loose[]) blocks.legalBases.add(basis);
  for (const subject of activity.dataSubjectCategories) blocks.dataSubjectCategories.add(subject as unknown as Loose);
  for (const category of activity.dataCategories as unknown as Loose[]) {
    const { retention, sources: _sources, ...own } = category;
    blocks.dataCategories.add(own);
    blocks.retentionRules.add(retention as Loose | null);
  }
  for (const rule of activity.retentionRules) blocks.retentionRules.add(rule as unknown as Loose);
  for (const channel of activity.collectionChannels) blocks.collectionChannels.add(channel as unknown as Loose);
  for (const recipient of activity.recipients as unknown as Loose[]) {
    const { dataCategories: _categories, ...own } = recipient;
    blocks.recipients.add(own);
  }
  for (const measure of activity.securityMeasures) blocks.securityMeasures.add(measure as unknown as Loose);
}

/**
 * The data map's sheets: every system (those no record uses too) with the security measures it
 * names, and every recorded flow, its ends as kind and name in columns of their own (the
 * register document's fields), so the import reads them back.
 */
function addDataMap(blocks: Record<BlockSheet, Block>, source: RegisterSource) {
  for (const system of source.systems) {
    blocks.systems.add(system as unknown as Loose);
    for (const measure of system.securityMeasures) blocks.securityMeasures.add(measure as unknown as Loose);
  }
  for (const { id, name, description, from, to, dataCategories, ...rest } of source.dataFlows) {
    blocks.dataFlows.add({
      id,
      name,
      description,
      fromKind: from.kind,
      from: from.name,
      toKind: to.kind,
      to: to.name,
      dataCategories,
      ...rest,
    });
  }
}

/**
 * exceljs' streaming writer ignores backpressure: a sheet's rows go into the zip's input (a
 * PassThrough archiver reads, compresses and writes to `output`) however far behind compression
 * or the reader is. After each page of records, wait until that input has drained, so a slow
 * reader slows the database reads instead of piling the workbook up in memory.
 */
async function keepUp(sheet: ExcelJS.Worksheet, output: Writable): Promise<void> {
  const inputs = (sheet as unknown as { stream?: { pipes?: Writable[] } }).stream?.pipes ?? [];
  // archiver's input is a readable-stream 2 PassThrough: no writableNeedDrain, its state says it.
  const backedUp = (input: Writable) =>
    input.writableNeedDrain ?? (input as unknown as { _writableState?: { needDrain?: boolean } })._writableState?.needDrain ?? false;
  for (const input of inputs) {
    while (backedUp(input) && !input.destroyed && !output.destroyed) {
      const stop = new AbortController();
      try {
        await Promise.race([once(input, 'drain', { signal: stop.signal }), once(output, 'close', { signal: stop.signal })]);
      } finally {
        stop.abort();
      }
    }
  }
}

/** Writes the workbook of `source` to `stream`, page by page; resolves when the last byte is written. */
export async function renderXlsx(source: RegisterSource, stream: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  const blocks = Object.fromEntries(
    (Object.keys(xlsxSheets) as (keyof typeof xlsxSheets)[])
      .filter((key): key is BlockSheet => key !== 'controller' && key !== 'processor')
      .map((key) => [key, new Block()]),
  ) as Record<BlockSheet, Block>;
  const header = [...csvColumns.map(([name]) => name), ownerUnitColumn];
  const records = (activity: ExportActivity) =>
    (activity.purposes.length > 0 ? activity.purposes : [null]).map((purpose) => [
      ...csvColumns.map(([, value]) => value({ activity, purpose })),
      activity.ownerUnit ?? '',
    ]);

  // The document's own lists first: they hold the whole entry, where a record's link holds a reference.
  for (const unit of source.organisationalUnits) blocks.organisationalUnits.add(unit as unknown as Loose);
  for (const organisation of source.organisations) blocks.organisations.add(organisation as unknown as Loose);
  for (const basis of source.legalBases) blocks.legalBases.add(basis as unknown as Loose);
  for (const policy of source.privacyPolicies) blocks.privacyPolicies.add(policy as unknown as Loose);
  addDataMap(blocks, source);

  const controller = workbook.addWorksheet(xlsxSheets.controller);
  controller.addRow(header).commit();
  for await (const page of source.controllerPages()) {
    for (const activity of page) {
      collect(blocks, activity);
      for (const row of records(activity)) controller.addRow(row).commit();
    }
    await keepUp(controller, stream);
  }
  controller.commit();

  const processor = workbook.addWorksheet(xlsxSheets.processor);
  processor.addRow(header).commit();
  for await (const page of source.processorPages()) {
    for (const { activity, first } of page) {
      if (!first) continue;
      collect(blocks, activity);
      for (const row of records(activity)) processor.addRow(row).commit();
    }
    await keepUp(processor, stream);
  }
  processor.commit();

  for (const key of Object.keys(blocks) as BlockSheet[]) {
    const block = blocks[key];
    const sheet = workbook.addWorksheet(xlsxSheets[key]);
    const columns = block.columns.length > 0 ? block.columns : ['name'];
    sheet.addRow(columns).commit();
    const order = [...block.entries.values()].sort((a, b) => String(a.name ?? a.code).localeCompare(String(b.name ?? b.code)));
    for (const entry of order) sheet.addRow(columns.map((column) => cell(entry[column]))).commit();
    sheet.commit();
  }
  await workbook.commit();
}
