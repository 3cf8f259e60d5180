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
 * no-op. Internal notes travel too: the exports are the admin's, with internalNotes=true; and so
 * does who owns what: units are set up and a few entries assigned before the export.
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

/** The kinds of entry the round trip gives an owner: activities, and building blocks every form carries. */
const ownedPaths = ['processing-activities', 'purposes', 'recipients', 'systems'];

/**
 * Who owns what, as a DPO would set it up: two units, one owning the first activity, a purpose
 * and a recipient it links and the first system, the other the second activity (the rest owned by none).
 */
async function assignOwners(app: FastifyInstance) {
  const send = async (method: 'POST' | 'PATCH', url: string, body: object) => {
    const response = await call(app, method, url, body);
    if (response.statusCode >= 300) throw new Error(`${method} ${url} → ${response.statusCode}: ${response.body.slice(0, 500)}`);
    return response.data;
  };
  const hr = await send('POST', '/v1/organisational-units', {
    name: 'Human Resources',
    key: 'hr',
    kind: 'department',
    description: 'Staff',
  });
  const sales = await send('POST', '/v1/organisational-units', { name: 'Sales', key: 'sales' });
  const [first, second] = (await call(app, 'GET', '/v1/processing-activities?limit=2')).data.items;
  await send('PATCH', `/v1/processing-activities/${first.id}`, { ownerUnitId: hr.id });
  if (second) await send('PATCH', `/v1/processing-activities/${second.id}`, { ownerUnitId: sales.id });
  const purpose = first.purposes[0]?.purpose;
  if (purpose) await send('PATCH', `/v1/purposes/${purpose.id}`, { ownerUnitId: hr.id });
  const recipient = first.recipients[0]?.recipient;
  if (recipient) await send('PATCH', `/v1/recipients/${recipient.id}`, { ownerUnitId: hr.id });
  const [system] = (await call(app, 'GET', '/v1/systems?limit=1')).data.items;
  if (system) await send('PATCH', `/v1/systems/${system.id}`, { ownerUnitId: hr.id });
}

/** Every unit, and the names of the entries each owns, by kind. */
async function ownership(app: FastifyInstance) {
  const units = (await call(app, 'GET', '/v1/organisational-units?limit=100')).data.items;
  const owned: Record<string, unknown> = {};
  for (const unit of units) {
    for (const path of ownedPaths) {
      const items = (await call(app, 'GET', `/v1/${path}?ownerUnitId=${unit.id}&limit=100`)).data.items;
      owned[`${unit.key} ${path}`] = items.map((item: { name: string }) => item.name).sort();
    }
  }
  return { units: units.map(({ key, name, kind, description }: Record<string, unknown>) => ({ key, name, kind, description })), owned };
}

/** A test per corpus register: its round trip in `form`. */
export function corpusRoundTrips(form: CorpusRoundTripForm): void {
  const { query, type } = forms[form];
  const upload = (app: FastifyInstance, payload: Buffer) =>
    call(app, 'POST', '/v1/register/import', payload, 'admin', { 'content-type': type });
  for (const register of loadCorpus()) {
    t.test(`${register.slug}: export → import into an empty installation → the same register`, async (t) => {
      const source = await buildTestApp(t);
      await recordRegister(source, register);
      await assignOwners(source);
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
      const owners = await ownership(source);
      t.ok(
        Object.values(owners.owned).some((names) => (names as string[]).length > 0),
        'some entries are owned',
      );
      t.same(await ownership(target), owners, 'the same units, owning the same entries');

      const reimport = await upload(target, exported.rawPayload);
      t.equal(reimport.statusCode, 200, 're-imported', { problems: reimport.data?.problems });
      t.match(reimport.data.counts, { create: 0, change: 0, conflict: 0 }, 're-import is a no-op');
    });
  }
}
