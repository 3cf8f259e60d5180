/**
 * The `export-xlsx` scenario of `npm run bench` (bench/run.ts): GET /v1/register?format=xlsx,
 * whole workbooks one after another for BENCH_DURATION_S, on the service alone (the baseline has
 * no workbook writer). Reports time to the last byte, the workbook's size and the server's peak RSS,
 * next to the JSON export's row, and checks the peak against the export's memory bound (the README's
 * target "export: peak RSS < 256 MB"): the workbook is streamed (exceljs' WorkbookWriter into the
 * reply, rows committed as each page of activities is read), so it must stay within it at 10,000.
 */

import type { Figures } from './run';

export const xlsxExportPath = '/v1/register?format=xlsx&state=working';

/** The export's memory bound: peak RSS of the server process while exporting. */
export const exportMemoryBoundMb = 256;

/** The export loop's figures (bench/run.ts). */
type Timed = Omit<Figures, 'queriesPerRequest' | 'peakRssMb'>;

export interface XlsxExportRow extends Timed {
  size: number;
  scenario: 'export-xlsx';
  peakRssMb: number;
  withinBound: boolean;
}

/**
 * Runs the scenario against a started service: `loop(seconds)` exports one workbook after another
 * (bench/run.ts's export loop on the XLSX path), `call` reaches the service process.
 */
export async function benchXlsxExport(options: {
  size: number;
  seconds: number;
  loop: (seconds: number) => Promise<Timed>;
  call: (cmd: string) => Promise<any>;
}): Promise<XlsxExportRow> {
  // No warm-up round: at 10,000 activities a workbook takes seconds, and the loop's least is two.
  await options.call('reset');
  const timed = await options.loop(options.seconds);
  // What the process holds once the last workbook is out, sampled too (as the JSON export's row).
  await new Promise((resolve) => setTimeout(resolve, Math.min(5000, Math.max(500, 2 * timed.p99))));
  const peakRssMb = (await options.call('stats')).peakRss / 1024 / 1024;
  return { size: options.size, scenario: 'export-xlsx', ...timed, peakRssMb, withinBound: peakRssMb < exportMemoryBoundMb };
}

export function describeXlsxExport(row: XlsxExportRow): string {
  const mb = ((row.bytesPerResponse ?? 0) / 1024 / 1024).toFixed(1);
  return (
    `${String(row.size).padStart(6)} export-xlsx service ${row.rps.toFixed(2)} req/s p50 ${row.p50.toFixed(1)} p99 ${row.p99.toFixed(1)} ms, ` +
    `${mb} MB workbook, RSS ${row.peakRssMb.toFixed(0)} MB: ${row.withinBound ? 'within' : 'OVER'} the export's bound of ${exportMemoryBoundMb} MB` +
    (row.errors ? ` ERRORS ${row.errors} ${JSON.stringify(row.errorStatuses ?? {})}` : '')
  );
}
