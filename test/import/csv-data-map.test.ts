import { parse as parseCsv } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { woktronRegister } from '../../src/seed/woktron-register';
import { buildTestApp, call } from '../helper';
import { download, named, upload, woktronWithFlows } from '../support/data-map-fixtures';

// The CSV's systems column, read back by the import.

t.test('the CSV carries the systems the records use, in a column of its own; the flows are not in it', async (t) => {
  const source = await woktronWithFlows(t);
  const csv = async (app: FastifyInstance) => (await download(app, 'csv', '&internalNotes=true')).body;
  const exported = await csv(source);
  const rows = parseCsv(exported, { columns: true }) as Record<string, string>[];
  const column = Object.keys(rows[0]!).find((name) => name.startsWith('Systems holding the data'))!;
  t.ok(column, 'a labelled column beyond the ICO template');
  const analytics = rows.find((row) => row['Processing activity'] === 'Website analytics (Google Analytics)')!;
  t.equal(analytics[column], 'Google Analytics: kind: saas; provider: Google LLC; hosted in: US; holds: Website usage and cookie data');
  t.match(analytics["Source phrases (the source's own words)"], /^system "Google Analytics": /m, 'the system’s source phrase');

  const target = await buildTestApp(t);
  for (const basis of woktronRegister.legalBases) {
    const { sourcePhrase: _source, ...body } = basis;
    t.equal((await call(target, 'POST', '/v1/legal-bases', body)).statusCode, 201);
  }
  const imported = await upload(target, exported, 'text/csv; charset=utf-8');
  t.equal(imported.statusCode, 200, imported.body.slice(0, 2000));
  const withoutIds = (text: string) =>
    (parseCsv(text, { columns: true }) as Record<string, string>[]).map(({ 'Record ID': _id, ...row }) => row);
  t.same(withoutIds(await csv(target)), withoutIds(exported), 'the re-exported CSV equals the original, cell for cell');
  const system = await named(target, 'systems', 'Google Analytics');
  t.match(system, { kind: 'saas', provider: { name: 'Google LLC' }, hostingCountries: ['US'] });
  t.ok(system.sourcePhrase, 'with its source phrase');
  t.equal((await call(target, 'GET', '/v1/data-flows')).data.total, 0, 'the CSV has no row for a flow');

  const bad = exported.replace('Google Analytics: kind: saas', 'Google Analytics: kind: cloud');
  const refused = await upload(await buildTestApp(t), bad, 'text/csv; charset=utf-8');
  t.equal(refused.statusCode, 422);
  t.match(
    refused.data.problems.filter((problem: any) => problem.column === column),
    [{ row: 18, value: 'cloud', message: /kind of system "Google Analytics" must be one of/ }],
    'a bad system line is named by its row and column',
  );
});
