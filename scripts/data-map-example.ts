import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { exampleDiagramPath, withStableIds } from '../src/data-map/example';
import { exampleConfig } from './screenshot-docs';

/**
 * `npm run data-map-example`: starts the service on a fresh embedded database (the example
 * register is loaded, as on a first `npm start`) and writes its data map to
 * docs/data-map-example.svg, which GET /docs/data-map.svg serves. test/data-map/example.test.ts
 * fails when the file no longer is what the example register draws.
 */
async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'register-data-map-'));
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp(exampleConfig(dataDir));
    await app.ready();
    const svg = withStableIds(await app.services.dataMap.diagram({}));
    writeFileSync(exampleDiagramPath(), svg);
    console.log(`wrote ${exampleDiagramPath()} (${svg.length} bytes)`);
  } finally {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
