import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { InjectOptions } from 'fastify';
import t from 'tap';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { buildTestApp, tokenFor } from '../helper';

// Spec-driven conformance: for every operation of the served spec (/docs/json), valid requests
// built from its schemas (with real ids and ETags of entries in the register) and mutated ones —
// wrong types, missing and unknown fields, out-of-range and non-canonical numbers, NUL, long and
// malformed ids, wrong content types, missing or stale If-Match, no token, a role without the
// permission. Every answer must be: no 5xx, a status the operation documents, a body valid
// against the schema documented for that status and media type, the documented Content-Type,
// and the response headers the spec marks required. Written from the spec alone, not per route.
// Deterministic: a seeded PRNG picks values and mutations (CONFORMANCE_SEED), bounded by
// CONFORMANCE_MUTATIONS per operation.

type Json = Record<string, any>;

const seed = Number(process.env.CONFORMANCE_SEED ?? 20261201);
const mutationsPerOperation = Number(process.env.CONFORMANCE_MUTATIONS ?? 20);

/** mulberry32: a small, seeded, reproducible PRNG. */
function prng(start: number) {
  let state = start >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

interface Operation {
  id: string;
  method: string;
  path: string;
  spec: Json;
}

const httpMethods = ['get', 'post', 'put', 'patch', 'delete'];
const mediaTypeOf = (header: unknown) =>
  String(header ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');
const pointer = (...segments: string[]) => segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
/** `/v1/data-subject-categories/{id}` → `/v1/data-subject-categories`. */
const collectionOf = (path: string) => path.replace(/\/\{[^}]+\}.*$/, '');

t.test('every operation of the served spec keeps its contract', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  const tokens = {
    admin: await tokenFor(app, 'admin', { sub: 'conformance' }),
    reader: await tokenFor(app, 'reader', { sub: 'conformance-reader' }),
  };
  const random = prng(seed);
  const spec: Json = JSON.parse((await app.inject({ method: 'GET', url: '/docs/json' })).body);
  const operations: Operation[] = Object.entries<Json>(spec.paths).flatMap(([path, item]) =>
    httpMethods.filter((m) => item[m]).map((method) => ({ id: `${method.toUpperCase()} ${path}`, method, path, spec: item[method] })),
  );

  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(spec, 'urn:conformance:spec');
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  const validatorFor = (...segments: string[]) => {
    const ref = `urn:conformance:spec#/${pointer(...segments)}`;
    if (!validators.has(ref)) validators.set(ref, ajv.compile({ $ref: ref }));
    return validators.get(ref)!;
  };
  // The validators can fail: an entry's schema does not take an empty object.
  t.notOk(
    validatorFor('paths', '/v1/purposes/{id}', 'get', 'responses', '200', 'content', 'application/json', 'schema')({}),
    'validators bite',
  );
  const resolve = (schema: Json | undefined): Json | undefined =>
    schema?.$ref ? resolve(spec.components.schemas[String(schema.$ref).split('/').pop()!]) : schema;

  // ---- real ids, by collection: the seeded register, plus what the test creates -----------
  const ids = new Map<string, string[]>();
  const call = async (method: string, url: string, options: Omit<InjectOptions, 'method' | 'url'> = {}) =>
    app.inject({ method: method as 'GET', url, ...options, headers: { authorization: `Bearer ${tokens.admin}`, ...options.headers } });
  for (const { path, method } of operations) {
    if (method !== 'get' || path.includes('{') || !operations.some((o) => o.path === `${path}/{id}`)) continue;
    const page = JSON.parse((await call('GET', `${path}?limit=100`)).body);
    ids.set(
      path,
      (page.items ?? []).map((item: Json) => item.id),
    );
  }
  const snapshot = JSON.parse((await call('POST', '/v1/register/snapshots')).body);
  ids.set('/v1/register/snapshots', [snapshot.id]);
  const registerExport = JSON.parse((await call('GET', '/v1/register')).body);

  /** The collection an id-valued field points into, from its name (`purposeId`, `legalBasisIds`, `controllerIds`…). */
  const synonyms: Record<string, string> = {
    controller: 'organisations',
    representative: 'organisations',
    organisation: 'organisations',
    mechanism: 'legal-bases',
    sourceChannel: 'collection-channels',
    activity: 'processing-activities',
    legalBasis: 'legal-bases',
  };
  const idFor = (field: string, collection: string): string => {
    const stem = field.replace(/Ids?$/, '');
    const kebab = stem.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const candidates = [
      synonyms[stem] && `/v1/${synonyms[stem]}`,
      stem === 'parent' && collection,
      `/v1/${kebab}s`,
      `/v1/${kebab.replace(/y$/, 'ies')}`,
    ].filter(Boolean) as string[];
    const pool = candidates.map((c) => ids.get(c)).find((list) => list?.length) ?? [...ids.values()].flat();
    return random.pick(pool);
  };

  // ---- values from schemas ---------------------------------------------------------------
  let counter = 0;
  const generate = (schema: Json | undefined, field: string, collection: string, depth = 0): unknown => {
    const s = resolve(schema) ?? {};
    if (s.enum) return random.pick(s.enum.filter((v: unknown) => v !== null).length ? s.enum.filter((v: unknown) => v !== null) : s.enum);
    if (s.anyOf || s.oneOf) return generate(random.pick(s.anyOf ?? s.oneOf), field, collection, depth);
    const types: string[] = [s.type ?? (s.properties ? 'object' : 'string')].flat().filter((type: string) => type !== 'null');
    const type = types[0] ?? 'null';
    if (type === 'object') {
      const out: Json = {};
      const properties = Object.entries<Json>(s.properties ?? {});
      const required: string[] = s.required ?? [];
      for (const [name, property] of properties) {
        if (required.includes(name) || (depth < 3 && random.chance(0.35))) out[name] = generate(property, name, collection, depth + 1);
      }
      if (Object.keys(out).length < (s.minProperties ?? 0) && properties.length > 0) {
        const [name, property] = properties.find(([name]) => name === 'description') ?? properties[0]!;
        out[name] = generate(property, name, collection, depth + 1);
      }
      return out;
    }
    if (type === 'array') {
      const count = Math.min(s.maxItems ?? 2, Math.max(s.minItems ?? 0, random.int(0, 2)));
      const items = Array.from({ length: count }, () => generate(s.items, field, collection, depth + 1));
      return s.uniqueItems || field.endsWith('Ids') ? [...new Set(items.map((i) => JSON.stringify(i)))].map((i) => JSON.parse(i)) : items;
    }
    if (type === 'integer' || type === 'number') {
      if (typeof s.example === 'number') return s.example;
      return random.int(s.minimum ?? 0, Math.min(s.maximum ?? 100, (s.minimum ?? 0) + 100));
    }
    if (type === 'boolean') return random.chance(0.5);
    if (s.format === 'uuid') return idFor(field, collection);
    if (s.format === 'date-time') return '2026-03-31T09:30:00Z';
    if (s.format === 'date') return '2026-03-31';
    if (s.format === 'email') return 'dpo@example.com';
    if (s.format === 'uri' || s.format === 'uri-reference') return 'https://example.com/privacy';
    if (field === 'name') return `Conformance ${seed}-${++counter}`;
    if (typeof s.example === 'string' && (!s.pattern || new RegExp(s.pattern, 'u').test(s.example))) return s.example.slice(0, s.maxLength);
    return `conformance text ${++counter}`.slice(0, s.maxLength ?? 200).padEnd(s.minLength ?? 0, 'x');
  };

  // ---- a request, and what every answer must be -----------------------------------------
  let sent = 0;
  const statuses = new Map<number, number>();
  const seen = new Map<string, Set<number>>();
  const problems: string[] = [];
  const note = (operation: Operation, label: string, text: string) => {
    if (problems.length < 60) problems.push(`${operation.id} [${label}]: ${text}`);
  };

  interface Request {
    label: string;
    path?: string;
    query?: Record<string, string>;
    rawQuery?: string;
    headers?: Record<string, string>;
    body?: string;
    as?: 'admin' | 'reader' | 'none' | 'bad';
  }

  const send = async (operation: Operation, request: Request) => {
    const query = request.rawQuery ?? new URLSearchParams(request.query ?? {}).toString();
    const url = `${request.path ?? operation.path}${query ? `?${query}` : ''}`;
    const auth =
      request.as === 'none'
        ? {}
        : { authorization: `Bearer ${request.as === 'bad' ? `${tokens.admin.slice(0, -4)}AAAA` : tokens[request.as ?? 'admin']}` };
    const response = await app.inject({
      method: operation.method.toUpperCase() as 'GET',
      url,
      headers: { ...auth, ...request.headers },
      ...(request.body === undefined ? {} : { payload: request.body }),
    });
    sent += 1;
    statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
    (seen.get(operation.id) ?? seen.set(operation.id, new Set()).get(operation.id)!).add(response.statusCode);
    const status = String(response.statusCode);
    const what = `${response.statusCode} for ${operation.method.toUpperCase()} ${url.slice(0, 160)}`;
    if (response.statusCode >= 500) note(operation, request.label, `5xx: ${what} ${response.body.slice(0, 300)}`);
    const documented: Json | undefined = operation.spec.responses[status];
    if (!documented) {
      note(operation, request.label, `undocumented status ${what} ${response.body.slice(0, 200)}`);
      return response;
    }
    const mediaType = mediaTypeOf(response.headers['content-type']);
    const content: Json = documented.content ?? {};
    if (Object.keys(content).length === 0) {
      if (response.body.length > 0) note(operation, request.label, `${what}: a body where none is documented`);
    } else if (!content[mediaType]) {
      note(operation, request.label, `${what}: Content-Type ${mediaType || '(none)'}, documented ${Object.keys(content).join(', ')}`);
    } else if (isJson(mediaType)) {
      const validate = validatorFor('paths', operation.path, operation.method, 'responses', status, 'content', mediaType, 'schema');
      let body: unknown;
      try {
        body = JSON.parse(response.body);
      } catch {
        note(operation, request.label, `${what}: ${mediaType} that is not JSON`);
      }
      if (body !== undefined && !validate(body)) {
        note(operation, request.label, `${what}: body not as documented: ${ajv.errorsText(validate.errors?.slice(0, 3))}`);
      }
    }
    for (const [name, header] of Object.entries<Json>(documented.headers ?? {})) {
      if (header.required && response.headers[name.toLowerCase()] === undefined)
        note(operation, request.label, `${what}: no ${name} header`);
    }
    return response;
  };

  // ---- per operation: valid requests, then mutations --------------------------------------
  const order = ['get', 'post', 'patch', 'put', 'delete'];
  operations.sort((a, b) => order.indexOf(a.method) - order.indexOf(b.method));
  for (const operation of operations) {
    const collection = collectionOf(operation.path);
    const parameters: Json[] = operation.spec.parameters ?? [];
    const queryParameters = parameters.filter((p) => p.in === 'query');
    const pathFor = (id: string) => operation.path.replace(/\{[^}]+\}/, encodeURIComponent(id));
    const realId = () => {
      const pool = ids.get(collection) ?? [];
      return operation.method === 'delete' ? pool.at(-1) : random.pick(pool);
    };
    const itemPath = operation.path.includes('{') ? pathFor(realId() ?? '00000000-0000-4000-8000-000000000000') : operation.path;
    const etag = async (path: string) => {
      const current = await call('GET', path.replace(/\/findings$/, ''));
      return typeof current.headers.etag === 'string' ? current.headers.etag : '"none"';
    };
    const jsonBody = operation.spec.requestBody?.content?.['application/json']?.schema;
    const bodySchema = resolve(jsonBody);
    // A body the API itself produced, where a GET answers the schema the body takes (the export for the import).
    // (Either side may take several shapes, oneOf: the import takes the register document or the export, which the export writes.)
    const refsOf = (schema: Json | undefined): string[] =>
      [schema?.$ref, ...(schema?.oneOf ?? []).map((member: Json) => member.$ref)].filter(Boolean);
    const bodyRefs = refsOf(jsonBody);
    const produced = operations.find(
      (o) =>
        o.method === 'get' && refsOf(o.spec.responses['200']?.content?.['application/json']?.schema).some((ref) => bodyRefs.includes(ref)),
    );
    const validBody = () => (produced?.path === '/v1/register' ? registerExport : generate(jsonBody, '', collection));
    const base = async (): Promise<Request> => {
      const headers: Record<string, string> = {};
      if (parameters.some((p) => p.in === 'header' && p.name === 'if-match')) headers['if-match'] = await etag(itemPath);
      if (jsonBody) headers['content-type'] = 'application/json';
      return { label: 'valid', path: itemPath, headers, ...(jsonBody ? { body: JSON.stringify(validBody()) } : {}) };
    };

    // Valid: the required parameters only, then each optional one with a generated value.
    const required = Object.fromEntries(
      queryParameters.filter((p) => p.required).map((p) => [p.name, String(generate(p.schema, p.name, collection))]),
    );
    const first = await send(operation, { ...(await base()), query: required });
    if (operation.method === 'post' && first.statusCode === 201) {
      const created = JSON.parse(first.body);
      if (created.id) ids.set(collection, [...(ids.get(collection) ?? []), created.id]);
      const replay = await send(operation, {
        ...(await base()),
        label: 'idempotency key',
        headers: { ...(await base()).headers, 'idempotency-key': `conformance-${++counter}` },
      });
      if (replay.statusCode === 201) {
        const again = JSON.parse(replay.body);
        if (again.id) ids.set(collection, [...(ids.get(collection) ?? []), again.id]);
      }
    }
    for (const parameter of queryParameters.filter((p) => !p.required)) {
      if (operation.method === 'post' && random.chance(0.5)) continue;
      const value = generate(parameter.schema, parameter.name, collection);
      await send(operation, {
        ...(await base()),
        label: `valid ${parameter.name}`,
        query: { ...required, [parameter.name]: String(value) },
      });
    }

    // Mutations, picked by the PRNG from those that apply to this operation.
    const mutations: (() => Promise<Request>)[] = [];
    if (operation.spec.security?.length) {
      mutations.push(async () => ({ ...(await base()), label: 'no token', as: 'none' }));
      mutations.push(async () => ({ ...(await base()), label: 'bad token', as: 'bad' }));
      mutations.push(async () => ({ ...(await base()), label: 'reader role', as: 'reader' }));
    }
    for (const parameter of queryParameters) {
      const types = [resolve(parameter.schema)?.type ?? 'string'].flat();
      const bad = types.includes('integer')
        ? ['Infinity', '-Infinity', '1e400', '0x10', ' 5', '1.5', 'abc', String((parameter.schema.maximum ?? 1e6) + 1), '-1']
        : types.includes('boolean')
          ? ['1', 'yes', 'TRUE']
          : ['\u0000', 'x'.repeat(5000), '%'];
      for (const value of bad) {
        mutations.push(async () => ({
          ...(await base()),
          label: `query ${parameter.name}=${value.slice(0, 12)}`,
          query: { ...required, [parameter.name]: value },
        }));
      }
    }
    mutations.push(async () => ({ ...(await base()), label: 'unknown query parameter', query: { ...required, conformanceUnknown: '1' } }));
    mutations.push(async () => ({ ...(await base()), label: 'NUL in the query', rawQuery: `q=%00` }));
    if (operation.path.includes('{')) {
      for (const id of ['not-a-uuid', 'x'.repeat(200), 'x'.repeat(5000), '%00', '00000000-0000-4000-8000-000000000000']) {
        mutations.push(async () => ({ ...(await base()), label: `id ${id.slice(0, 12)}`, path: pathFor(id).replace('%2500', '%00') }));
      }
      mutations.push(async () => ({
        ...(await base()),
        label: 'malformed percent-encoding',
        path: operation.path.replace(/\{[^}]+\}/, '%E0%A4%A'),
      }));
    }
    if (parameters.some((p) => p.in === 'header' && p.name === 'if-match')) {
      mutations.push(async () => {
        const request = await base();
        delete request.headers!['if-match'];
        return { ...request, label: 'no If-Match' };
      });
      mutations.push(async () => ({
        ...(await base()),
        label: 'stale If-Match',
        headers: { ...(await base()).headers, 'if-match': '"stale"' },
      }));
    }
    if (operation.method === 'post') {
      mutations.push(async () => ({
        ...(await base()),
        label: 'bad Idempotency-Key',
        headers: { ...(await base()).headers, 'idempotency-key': 'has spaces' },
      }));
    }
    if (['post', 'patch', 'put', 'delete'].includes(operation.method)) {
      mutations.push(async () => ({
        ...(await base()),
        label: 'text/plain body',
        headers: { ...(await base()).headers, 'content-type': 'text/plain' },
        body: 'name',
      }));
      mutations.push(async () => ({
        ...(await base()),
        label: 'malformed JSON',
        headers: { ...(await base()).headers, 'content-type': 'application/json' },
        body: '{"name":',
      }));
      mutations.push(async () => ({
        ...(await base()),
        label: 'body over the limit',
        headers: { ...(await base()).headers, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x'.repeat(1_100_000) }),
      }));
    }
    if (bodySchema?.properties) {
      const properties = Object.entries<Json>(bodySchema.properties);
      const object = () => validBody() as Json;
      mutations.push(async () => ({
        ...(await base()),
        label: 'unknown field',
        body: JSON.stringify({ ...object(), conformanceUnknown: 1 }),
      }));
      mutations.push(async () => ({ ...(await base()), label: 'array body', body: JSON.stringify([object()]) }));
      mutations.push(async () => ({ ...(await base()), label: 'empty object', body: '{}' }));
      for (const name of bodySchema.required ?? []) {
        mutations.push(async () => {
          const body = object();
          delete body[name];
          return { ...(await base()), label: `missing ${name}`, body: JSON.stringify(body) };
        });
      }
      for (const [name, property] of properties) {
        const type = [resolve(property)?.type ?? 'string'].flat()[0];
        const wrong = type === 'string' ? 12345 : type === 'array' ? 'not a list' : type === 'object' ? [1] : 'not a number';
        mutations.push(async () => ({
          ...(await base()),
          label: `wrong type ${name}`,
          body: JSON.stringify({ ...object(), [name]: wrong }),
        }));
        if (type === 'string') {
          mutations.push(async () => ({
            ...(await base()),
            label: `NUL in ${name}`,
            body: JSON.stringify({ ...object(), [name]: 'a\u0000b' }),
          }));
          mutations.push(async () => ({
            ...(await base()),
            label: `long ${name}`,
            body: JSON.stringify({ ...object(), [name]: 'y'.repeat(20_000) }),
          }));
        }
        if (type === 'integer' || type === 'number') {
          mutations.push(async () => ({
            ...(await base()),
            label: `out of range ${name}`,
            body: JSON.stringify({ ...object(), [name]: 1e308 }),
          }));
        }
      }
    }
    for (let i = 0; i < Math.min(mutationsPerOperation, mutations.length); i++) {
      const index = random.int(0, mutations.length - 1);
      const [mutation] = mutations.splice(index, 1);
      await send(operation, await mutation!());
    }
  }

  t.same(problems, [], 'every answer as documented');
  const operationCount = operations.length;
  const covered = [...seen.keys()].length;
  t.equal(covered, operationCount, 'every operation was called');
  t.ok(sent >= operationCount * 5, `${sent} requests`);
  const byStatus = [...statuses.entries()].sort(([a], [b]) => a - b);
  t.comment(
    `conformance (seed ${seed}): ${sent} requests, ${operationCount} operations, statuses ${byStatus.map(([status, n]) => `${status}×${n}`).join(' ')}`,
  );
  t.ok(byStatus.some(([status]) => status >= 200 && status < 300) && byStatus.some(([status]) => status >= 400), 'successes and refusals');
});
