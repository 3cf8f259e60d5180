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
  t.equal(spec.openapi, '3.1.0');
  const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, any>).map(([method, operation]) => ({ path, method, operation })),
  );
  t.ok(operations.length >= 52, `${operations.length} operations`);
  for (const { path, method, operation } of operations) {
    t.ok(operation.tags?.length, `${method} ${path} is tagged`);
    t.ok(operation.summary, `${method} ${path} has a summary`);
    if (path.startsWith('/v1')) {
      t.ok(operation.responses['400']?.content?.['application/problem+json'], `${method} ${path} documents problem+json`);
      // A GET and its HEAD twin share one schema object: the roles are written into it once.
      t.equal(operation.description.split('**Roles:**').length - 1, 1, `${method} ${path} names its roles once`);
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

t.test('the spec carries the contract: servers, public routes, required headers, response headers, cross-field rules', async (t) => {
  const app = await buildTestApp(t);
  const spec = (await call(app, 'GET', '/docs/json')).data;
  t.match(spec.servers, [{ url: '/' }], 'servers (generators need one)');
  const operations = Object.entries<Record<string, any>>(spec.paths).flatMap(([path, methods]) =>
    Object.entries<any>(methods).map(([method, operation]) => ({ path, method, operation, id: `${method.toUpperCase()} ${path}` })),
  );
  for (const { path, operation, id } of operations) {
    // Public: the health checks, and the example register's diagram the docs page shows.
    if (path.startsWith('/health/') || path === '/docs/data-map.svg') t.same(operation.security, [], `${id}: public, security: []`);
    else t.same(operation.security, [{ bearerAuth: [] }], `${id}: bearer token`);
  }
  const header = (operation: any, name: string) => operation.parameters?.find((p: any) => p.in === 'header' && p.name === name);
  for (const { method, operation, id } of operations) {
    if (method === 'patch' || method === 'delete') t.equal(header(operation, 'if-match')?.required, true, `${id}: If-Match required`);
    if (method === 'post')
      t.match(header(operation, 'idempotency-key'), { required: false, schema: { pattern: String } }, `${id}: Idempotency-Key`);
  }
  const responseHeader = (operation: any, status: string, name: string) => operation.responses[status]?.headers?.[name];
  for (const { path, method, operation, id } of operations) {
    for (const [status, response] of Object.entries<any>(operation.responses)) {
      const entry = response.content?.['application/json']?.schema?.$ref?.match(
        /(ProcessingActivity|Purpose|Organisation|Recipient)Response$/,
      );
      if (status.startsWith('2') && entry) t.equal(responseHeader(operation, status, 'ETag')?.required, true, `${id} ${status}: ETag`);
      if (status === '201') t.equal(responseHeader(operation, status, 'Location')?.required, true, `${id} 201: Location`);
      if (status === '401' || status === '403') t.equal(responseHeader(operation, status, 'WWW-Authenticate')?.required, true);
      if (status === '429' || status === '503') t.ok(responseHeader(operation, status, 'Retry-After'), `${id} ${status}: Retry-After`);
      if (path.startsWith('/v1') && status === '200')
        t.ok(responseHeader(operation, status, 'X-RateLimit-Remaining'), `${id}: rate limit headers`);
    }
    if (method === 'patch' || method === 'post' || method === 'delete') {
      t.ok(operation.responses['413'] && operation.responses['415'], `${id}: 413 and 415 (a body is parsed)`);
    }
    t.ok(operation.responses['400'], `${id}: 400 (a NUL in any query, a strict integer)`);
  }
  t.equal(spec.paths['/v1/register'].get.responses['200'].headers['Content-Disposition'].required, true);
  t.equal(spec.paths['/v1/register/snapshots/{id}'].get.responses['200'].headers['Content-Disposition'].required, true);

  const jsonLd = spec.paths['/v1/register'].get.responses['200'].content['application/ld+json'].schema;
  t.same(jsonLd, { $ref: '#/components/schemas/RegisterJsonLd' }, 'the JSON-LD response has a schema of its own');
  t.same(spec.components.schemas.RegisterJsonLd.required, ['@context', '@graph']);

  const channel = spec.components.schemas.CollectionChannelCreate;
  t.match(channel, {
    if: { properties: { mechanism: { enum: ['cookie'] } } },
    then: { required: ['cookie'] },
    else: { properties: { cookie: { type: 'null' } } },
  });
  t.match(spec.components.schemas.CollectionChannelResponse, { if: Object, then: Object, else: Object });
  t.equal(spec.components.schemas.PurposeCreate.properties.name.pattern, '^[^\\u0000]*$', 'no NUL, in the schema');

  const audit = spec.paths['/v1/audit-events'].get.parameters.find((p: any) => p.name === 'from').schema;
  t.same(
    audit.anyOf.map((s: any) => s.format),
    ['date', 'date-time'],
    'from: a date or a date-time',
  );
});
