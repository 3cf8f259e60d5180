import fc from 'fast-check';
import t from 'tap';
import { authHeader, buildTestApp, call } from '../helper';

// Property-based fuzzing of every route: bodies, query strings and path parameters of wrong
// types, huge strings, deep nesting, unicode and prototype-pollution keys. The service must
// never answer 5xx, and nothing a refused request sent may be stored.

const runs = Number(process.env.FUZZ_RUNS ?? 10_000);

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    "'; DROP TABLE purposes; --",
    '%00',
    '\u0000',
    '../../etc/passwd',
    '${7*7}',
    '<script>',
  ),
  fc.integer({ min: 1000, max: 200_000 }).map((n) => 'x'.repeat(n)),
  fc.uuid(),
);
const scalar = fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'name', 'id', 'version', 'builtIn', 'purposes', 'cookie'),
  fc.string({ maxLength: 12 }),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 4 }),
  object: fc.dictionary(hostileKey, tie('node'), { maxKeys: 5 }),
})).node;
/** Deep nesting is sent as raw text: building it as an object would overflow the test's own stack. */
const deep = fc.integer({ min: 50, max: 20_000 }).map((depth) => '{"purposes":['.repeat(depth) + '{"name":"deep"}' + ']}'.repeat(depth));
const rawText = fc.oneof(
  deep,
  fc.constantFrom(
    '{"name":',
    '[]',
    'null',
    '{"__proto__":{"x":1}}',
    '{"constructor":{"prototype":{"x":1}}}',
    '{"name":"a","name":"b"}',
    '\u0000',
  ),
);

t.test(`fuzzing every route (${runs} requests): no 5xx, nothing stored from refused requests`, async (t) => {
  const app = await buildTestApp(t);
  const headers = { ...(await authHeader(app, 'admin')), 'content-type': 'application/json' };
  const spec = (await call(app, 'GET', '/docs/json')).data;
  const routes = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  );
  // Collections that can be written to: listed by GET, created by POST.
  const collections = routes
    .filter((r) => r.method === 'POST' && routes.some((g) => g.method === 'GET' && g.path === r.path))
    .map((r) => r.path);
  const count = async () => {
    const totals: Record<string, number> = {};
    for (const path of collections) totals[path] = (await call(app, 'GET', `${path}?limit=1`)).data.total;
    return totals;
  };
  const before = await count();

  const request = fc.record({
    route: fc.constantFrom(...routes),
    id: fc.oneof(fc.uuid(), hostileString),
    query: fc.dictionary(
      fc.oneof(fc.constantFrom('limit', 'offset', 'sort', 'q', 'status', 'kind', 'activityId', '__proto__'), fc.string({ maxLength: 8 })),
      hostileString,
      { maxKeys: 4 },
    ),
    body: fc.oneof(
      value.map((json) => JSON.stringify(json) ?? 'null'),
      rawText,
    ),
  });

  let sent = 0;
  let serverErrors = 0;
  const statuses = new Map<number, number>();
  const created = new Map<string, number>();
  const deleted = new Map<string, number>();
  const failure = await fc.check(
    fc.asyncProperty(request, async ({ route, id, query, body }) => {
      const path = route.path.replace('{id}', encodeURIComponent(id));
      const search = new URLSearchParams(query as Record<string, string>).toString();
      const payload = ['POST', 'PATCH', 'PUT'].includes(route.method) ? body : undefined;
      const response = await app.inject({
        method: route.method as 'GET',
        url: `${path}${search ? `?${search}` : ''}`,
        headers: { ...headers, ...(route.method === 'PATCH' || route.method === 'DELETE' ? { 'if-match': '"fuzz"' } : {}) },
        ...(payload === undefined ? {} : { payload }),
      });
      sent += 1;
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      if (response.statusCode >= 500) {
        serverErrors += 1;
        return false;
      }
      const collection = route.path.replace('/{id}', '');
      if (route.method === 'POST' && response.statusCode === 201) created.set(collection, (created.get(collection) ?? 0) + 1);
      if (route.method === 'DELETE' && response.statusCode === 204) deleted.set(collection, (deleted.get(collection) ?? 0) + 1);
      return true;
    }),
    { numRuns: runs, seed: Number(process.env.FUZZ_SEED ?? 20261125), endOnFailure: true },
  );
  if (failure.failed) {
    // Counterexamples can be megabytes of nesting: report the start of it.
    t.fail(`5xx for: ${JSON.stringify(failure.counterexample).slice(0, 1500)} (seed ${failure.seed}, path ${failure.counterexamplePath})`);
  }

  const after = await count();
  for (const path of collections) {
    t.equal(
      after[path],
      before[path]! + (created.get(path) ?? 0) - (deleted.get(path) ?? 0),
      `${path}: only accepted requests changed the register`,
    );
  }
  t.equal(serverErrors, 0, 'no 5xx');
  t.ok(sent >= runs, `${sent} requests sent`);
  t.equal(({} as Record<string, unknown>).x, undefined, 'no prototype pollution');
  const summary = [...statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${status}×${n}`)
    .join(' ');
  t.comment(
    `fuzz figures: ${sent} requests, ${serverErrors} × 5xx, statuses ${summary}, created ${[...created.values()].reduce((a, b) => a + b, 0)}`,
  );
});
