import { fork } from 'node:child_process';
import { join } from 'node:path';

/** One size's figures (milliseconds, one request each). */
export interface DataMapFigures {
  activities: number;
  nodes: number;
  edges: number;
  jsonMs: number;
  svgMs: number;
  svgKb: number;
  oneActivitySvgMs: number;
  oneActivityEdges: number;
  aroundSystemSvgMs: number;
  aroundSystemEdges: number;
}

/** The line bench/run.ts reads the figures from (the rest of the output is for people). */
export const resultPrefix = 'DATA-MAP-RESULT ';

/**
 * The `data-map` scenario of `npm run bench`: bench/data-map.ts in a process of its own (its own
 * embedded database, or a fresh PostgreSQL database when DATABASE_URL is set), at the sizes given
 * — 1,000 activities unless sizes are named, as the diagram is a whole-register drawing whose
 * layout grows much faster than the register. Its lines are passed through; its figures returned.
 */
export async function benchDataMap(sizes: number[]): Promise<DataMapFigures[]> {
  const child = fork(join(__dirname, 'data-map.js'), (sizes.length > 0 ? sizes : [1000]).map(String), { stdio: 'pipe' });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(
      chunk
        .toString()
        .split('\n')
        .filter((line) => !line.startsWith(resultPrefix))
        .map((line) => (line ? `  data-map ${line}` : line))
        .join('\n'),
    );
  });
  child.stderr!.pipe(process.stderr);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const line = output.split('\n').find((candidate) => candidate.startsWith(resultPrefix));
  if (code !== 0 || !line) throw new Error(`bench/data-map.ts exited with ${code}`);
  return JSON.parse(line.slice(resultPrefix.length)) as DataMapFigures[];
}
