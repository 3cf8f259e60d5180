import type { JsonSchema } from '../http/dto';
import { flowEndBlocks, ownerField } from '../register-document/schema';
import { xlsxSheets } from '../register/render-xlsx';
import type { ImportProblem } from './problems';
import type { RegisterDocument } from './register-document';

/**
 * The workbook's data-map sheets, read back (render-xlsx.ts addDataMap): "Systems" and "Data
 * flows" hold every system and recorded flow of the register, a row each, a column per field of
 * the register document's entry (references by name, lists one item per line). The security
 * measures a system names and the ends and categories a flow names that no record uses are
 * added by name, for the building-block sheets to describe where they do.
 */

type Loose = Record<string, unknown>;
type Sheets = (name: string) => string[][] | undefined;

/**
 * A row as a document entry: the entry schema's fields, typed as it says; an empty cell states
 * nothing — but an empty owner unit, in a sheet that has the column, is owned by none.
 * `key`: a unit's stored key is read, an author's key (never written to a sheet) is not.
 */
export function entryOf(columns: string[], cells: string[], schema: JsonSchema, key = false): Loose {
  const entry: Loose = {};
  columns.forEach((column, c) => {
    const property = (schema.properties as Record<string, JsonSchema>)[column];
    const value = cells[c] ?? '';
    if (property && column === ownerField && value === '') entry[column] = null;
    if (!property || (column === 'key' && !key) || value === '') return;
    entry[column] = [property.type].flat().includes('array') ? value.split('\n') : value;
  });
  return entry;
}

/** Adds `name` to `list` unless an entry of that name (case aside) is there. */
function ensure(list: Loose[], name: unknown) {
  if (typeof name !== 'string' || name === '') return;
  if (!list.some((entry) => String(entry.name).toLowerCase() === name.toLowerCase())) list.push({ name });
}

export function readDataMapSheets(
  sheets: Sheets,
  document: RegisterDocument,
  schemas: { systems?: JsonSchema; dataFlows?: JsonSchema },
  problems: ImportProblem[],
): void {
  const systemRows = sheets(xlsxSheets.systems);
  if (systemRows && schemas.systems) {
    const [columns = [], ...rows] = systemRows;
    const list = (document.systems ??= []) as unknown as Loose[];
    rows.forEach((cells) => {
      const read = entryOf(columns, cells, schemas.systems!);
      if (typeof read.name !== 'string') return;
      const existing = list.find((entry) => String(entry.name).toLowerCase() === String(read.name).toLowerCase());
      // The records' column gave the name and what they state; the sheet gives the whole system.
      if (existing) Object.assign(existing, read);
      else list.push(read);
      for (const measure of (read.securityMeasures as string[] | undefined) ?? [])
        ensure(document.securityMeasures as unknown as Loose[], measure);
    });
  }
  const flowRows = sheets(xlsxSheets.dataFlows);
  if (flowRows && schemas.dataFlows) {
    const [columns = [], ...rows] = flowRows;
    const list = (document.dataFlows ??= []) as unknown as Loose[];
    rows.forEach((cells, i) => {
      const read = entryOf(columns, cells, schemas.dataFlows!);
      if (typeof read.name !== 'string') return;
      for (const side of ['from', 'to'] as const) {
        const block = flowEndBlocks[read[`${side}Kind`] as keyof typeof flowEndBlocks];
        if (!block) {
          problems.push({
            row: i + 2,
            column: `${xlsxSheets.dataFlows} › ${side}Kind`,
            path: null,
            value: String(read[`${side}Kind`] ?? ''),
            message: 'must be one of: collection-channel, data-subject-category, system, recipient',
          });
          return;
        }
        if (block !== 'systems') ensure((document as unknown as Record<string, Loose[]>)[block]!, read[side]);
      }
      for (const category of (read.dataCategories as string[] | undefined) ?? [])
        ensure(document.dataCategories as unknown as Loose[], category);
      list.push(read);
    });
  }
}
