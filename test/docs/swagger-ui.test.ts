import t from 'tap';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { authHeader, buildTestApp, call } from '../helper';

// What Swagger UI at /docs is given to explain the register (the browser test drives the page
// itself), and the file names the downloads it offers carry.

t.test('the spec explains the register: an introduction, sections in reading order, problem examples', async (t) => {
  const app = await buildTestApp(t);
  const spec = (await call(app, 'GET', '/docs/json', undefined, null)).data;
  const intro: string = spec.info.description;
  t.match(intro, /Article 30/, 'what the register is');
  t.match(intro, /npm run token -- --role auditor/, 'how to get a token in development');
  t.match(intro, /identity provider/, '… and in production');
  t.match(intro, /\(#\/Register%20export%20and%20snapshots\/get-register\)/, 'where to start: a deep link to the export');
  t.match(intro, /\(#\/Findings\/list-register-findings\)/, '… and to the findings');
  t.match(intro, /application\/problem\+json/, 'the error shape');

  const tags = spec.tags.map((tag: { name: string }) => tag.name);
  t.same(
    tags.slice(0, 5),
    ['Register export and snapshots', 'Findings', 'Processing activities', 'Reviews', 'Organisations'],
    'reading order',
  );
  t.equal(tags.at(-1), 'Administration');
  for (const tag of spec.tags) t.ok(tag.description, `${tag.name} is described`);

  const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, any>).map(([method, operation]) => ({ path, method, operation })),
  );
  const tagged = new Set(operations.flatMap(({ operation }) => operation.tags));
  t.same(
    [...tagged].filter((tag) => !tags.includes(tag)),
    [],
    'every operation tag is in the ordered list',
  );
  for (const { path, method, operation } of operations) {
    t.ok(operation.summary && operation.description, `${method} ${path}: summary and description`);
    if (!path.startsWith('/v1')) continue;
    t.match(operation.description, /\*\*Roles:\*\* `/, `${method} ${path}: the roles it needs`);
    const unauthenticated = operation.responses['401']?.content?.['application/problem+json'];
    t.equal(unauthenticated?.examples?.UNAUTHENTICATED?.value?.status, 401, `${method} ${path}: a 401 example`);
  }
  const forbidden = spec.paths['/v1/register/snapshots'].post.responses['403'].content['application/problem+json'].examples.FORBIDDEN.value;
  t.match(forbidden, { status: 403, code: 'FORBIDDEN', detail: /roles `auditor`, `admin`/ }, 'the 403 example names the roles');
  const notFound =
    spec.paths['/v1/register/snapshots/{id}'].get.responses['404'].content['application/problem+json'].examples.NOT_FOUND.value;
  t.match(notFound, { status: 404, detail: /^No register snapshot with id / });
  t.equal(spec.components.securitySchemes.bearerAuth.scheme, 'bearer');

  const initializer = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
  t.equal(initializer.statusCode, 200);
  t.match(initializer.body, /"persistAuthorization":\s*true/, 'authorization survives a reload');
  t.match(initializer.body, /"deepLinking":\s*true/, 'deep links');
  t.match(initializer.body, /validatorUrl: null/, 'no call to the online validator (validator.swagger.io)');
  const page = await app.inject({ method: 'GET', url: '/docs' });
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-security-policy'], /script-src 'self'/, 'served under the CSP');
  t.notMatch(page.body, /(src|href)="https?:/, 'every asset is served locally');
});

t.test('downloads carry file names: the export in three formats and a signed snapshot in two', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  const auditor = await authHeader(app, 'auditor');

  for (const [format, extension, type] of [
    ['json', 'json', /^application\/json/],
    ['csv', 'csv', /^text\/csv/],
    ['jsonld', 'jsonld', /^application\/ld\+json/],
  ] as const) {
    const response = await app.inject({ method: 'GET', url: `/v1/register?format=${format}`, headers: auditor });
    t.equal(response.statusCode, 200, format);
    t.match(response.headers['content-type'], type);
    t.match(response.headers['content-disposition'], new RegExp(`^attachment; filename="register-\\d{4}-\\d{2}-\\d{2}\\.${extension}"$`));
    if (format === 'json') {
      const day = JSON.parse(response.body).generatedAt.slice(0, 10);
      t.equal(
        response.headers['content-disposition'],
        `attachment; filename="register-${day}.json"`,
        'named after the day it was generated',
      );
    }
  }

  const created = await call(app, 'POST', '/v1/register/snapshots', undefined, 'auditor');
  t.equal(created.statusCode, 201);
  const { id, createdAt, jws } = created.data;
  const name = `register-snapshot-${createdAt.slice(0, 10)}-${id}`;

  const asJson = await app.inject({ method: 'GET', url: `/v1/register/snapshots/${id}`, headers: auditor });
  t.equal(asJson.statusCode, 200);
  t.match(asJson.headers['content-type'], /^application\/json/);
  t.equal(asJson.headers['content-disposition'], `attachment; filename="${name}.json"`, 'the JSON snapshot downloads as .json');
  t.same(JSON.parse(asJson.body), created.data, 'the same snapshot');

  const asJws = await app.inject({
    method: 'GET',
    url: `/v1/register/snapshots/${id}`,
    headers: { ...auditor, accept: 'application/jose' },
  });
  t.equal(asJws.statusCode, 200);
  t.equal(asJws.headers['content-disposition'], `attachment; filename="${name}.jws"`, 'the bare JWS downloads as .jws');
  t.equal(asJws.body, jws);

  const jwks = await app.inject({ method: 'GET', url: '/v1/register/snapshots/jwks.json', headers: auditor });
  t.equal(jwks.statusCode, 200);
  t.equal(jwks.headers['content-disposition'], undefined, 'the JWKS is shown, not downloaded');

  const anonymous = await app.inject({ method: 'GET', url: '/v1/register' });
  t.equal(anonymous.statusCode, 401);
  t.match(anonymous.headers['content-type'], /^application\/problem\+json/);
  t.equal(anonymous.headers['content-disposition'], undefined, 'a problem is never an attachment');
  t.match(JSON.parse(anonymous.body), { status: 401, code: 'UNAUTHENTICATED', title: 'A valid bearer token is required' });
});
