import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { authHeader, buildTestApp, call } from '../helper';
import { loadCorpus, recordRegister } from './real-register-corpus';
import { workbookCells } from './workbook-cells';

/**
 * The round trip of every register of the real-register corpus (test/fixtures/real-registers/),
 * recorded through the API as a DPO would, in one of the forms a register is moved in: export →
 * import into an empty installation → export gives the same register, ids aside. Each form has a
 * test file of its own (test/register/corpus-round-trip-*.test.ts), so that none runs for minutes:
 * - `json`: the JSON export (GET /v1/register), the same export (ids, timestamps, versions aside);
 * - `document` / `yaml`: the register document as JSON / YAML, the identical text;
 * - `xlsx`: the workbook, every sheet cell for cell (id columns aside).
 * In each, the JSON export of what arrived is the source's, and importing the file again is a
 * no-op. Internal notes travel too: the exports are the admin's, with internalNotes=true.
 */

export type CorpusRoundTripForm = 'json' | 'document' | 'yaml' | 'xlsx';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const forms: Record<CorpusRoundTripForm, { query: string; type: string }> = {
  // The working state: no corpus activity is approved here (the document forms are always the working state).
  json: { query: '?internalNotes=true&state=working', type: 'application/json' },
  document: { query: '?format=document&internalNotes=true', type: 'application/json' },
  yaml: { query: '?format=yaml&internalNotes=true', type: 'application/yaml' },
  xlsx: { query: '?format=xlsx&internalNotes=true&state=working', type: xlsxType },
};

const installationOwn = new Set(['id', 'createdAt', 'updatedAt', 'version', 'generatedAt']);

/** The JSON export without what differs between installations: ids, timestamps, versions. */
function portable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(portable);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !installationOwn.has(key))
      .map(([key, child]) => [key, portable(child)]),
  );
}

async function download(app: FastifyInstance, query: string) {
  const response = await app.inject({ method: 'GET', url: `/v1/register${query}`, headers: await authHeader(app, 'admin') });
  if (response.statusCode !== 200) throw new Error(`GET /v1/register${query} → ${response.statusCode}: ${response.body.slice(0, 500)}`);
  return response;
}

const jsonExport = async (app: FastifyInstance) => portable(JSON.parse((await download(app, forms.json.query)).body));

/** A test per corpus register: its round trip in `form`. */
export function corpusRoundTrips(form: CorpusRoundTripForm): void {
  const { query, type } = forms[form];
  const upload = (app: FastifyInstance, payload: Buffer) =>
    call(app, 'POST', '/v1/register/import', payload, 'admin', { 'content-type': type });
  for (const register of loadCorpus()) {
    t.test(`${register.slug}: export → import into an empty installation → the same register`, async (t) => {
      const source = await buildTestApp(t);
      await recordRegister(source, register);
      const exported = await download(source, query);

      const target = await buildTestApp(t);
      const imported = await upload(target, exported.rawPayload);
      t.equal(imported.statusCode, 200, 'imported', { problems: imported.data?.problems });
      t.match(imported.data, { applied: true, counts: { match: 0, change: 0, conflict: 0 } }, 'everything is created');
      t.ok(imported.data.counts.create > 0, `${imported.data.counts.create} entries created`);

      const again = await download(target, query);
      if (form === 'xlsx')
        t.same(await workbookCells(again.rawPayload), await workbookCells(exported.rawPayload), 'every sheet, cell for cell');
      else if (form === 'json') t.same(portable(JSON.parse(again.body)), portable(JSON.parse(exported.body)), 'the same export');
      else t.equal(again.body, exported.body, 'the identical document');
      if (form !== 'json') t.same(await jsonExport(target), await jsonExport(source), 'the same register, as the JSON export shows it');

      const reimport = await upload(target, exported.rawPayload);
      t.equal(reimport.statusCode, 200, 're-imported', { problems: reimport.data?.problems });
      t.match(reimport.data.counts, { create: 0, change: 0, conflict: 0 }, 're-import is a no-op');
    });
  }
}
