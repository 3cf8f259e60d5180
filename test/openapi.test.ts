import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { renderOpenapi } from '../src/plugins/swagger';
import { buildTestApp, call } from './helper';

t.test('the committed openapi/openapi.json is what the code generates', async (t) => {
  const app = await buildTestApp(t);
  const committed = readFileSync(join(__dirname, '..', 'openapi', 'openapi.json'), 'utf8');
  t.equal(renderOpenapi(app), committed, 'stale spec: run `npm run openapi` and commit openapi/openapi.json');
});

t.test('the spec documents every route: tagged, described, with examples and problem responses', async (t) => {
  const app = await buildTestApp(t);
  const spec = (await call(app, 'GET', '/docs/json')).data;
  t.equal(spec.openapi, '3.0.3');
  const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, any>).map(([method, operation]) => ({ path, method, operation })),
  );
  t.ok(operations.length >= 52, `${operations.length} operations`);
  for (const { path, method, operation } of operations) {
    t.ok(operation.tags?.length, `${method} ${path} is tagged`);
    t.ok(operation.summary, `${method} ${path} has a summary`);
    if (path.startsWith('/v1')) {
      t.ok(operation.responses['400']?.content?.['application/problem+json'], `${method} ${path} documents problem+json`);
    }
  }
  const purposeCreate = spec.components.schemas.PurposeCreate;
  t.equal(purposeCreate.additionalProperties, false);
  t.ok(purposeCreate.properties.name.example, 'properties carry examples');
  t.ok(spec.components.schemas.ProcessingActivityResponse, 'named components, not def-N');

  const ui = await app.inject({ method: 'GET', url: '/docs/' });
  t.equal(ui.statusCode, 200);
  t.match(ui.body, /swagger-ui/);
  const asset = await app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
  t.equal(asset.statusCode, 200, 'Swagger UI assets are served locally');
});
