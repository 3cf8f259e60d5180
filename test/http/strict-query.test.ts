import t from 'tap';
import { buildTestApp, call } from '../helper';

// Query strings arrive as text. Only a canonical decimal integer within the parameter's bounds
// is an integer, and only `true`/`false` a boolean: anything else is 400 VALIDATION_FAILED
// naming the parameter, never a number made up by coercion (Infinity once reached the SQL: 500).

const notIntegers = [
  'Infinity',
  '-Infinity',
  '1e400',
  '1e2',
  '0x10',
  '0b1',
  '0o7',
  '%205',
  '5%20',
  '+5',
  '05',
  '1.0',
  '1.5',
  '',
  'NaN',
  '-0',
  '99999999999999999999',
];

t.test('every integer query parameter of the spec refuses what is not a canonical decimal integer', async (t) => {
  const app = await buildTestApp(t);
  const spec = (await call(app, 'GET', '/docs/json')).data;
  let checked = 0;
  for (const [path, methods] of Object.entries<Record<string, any>>(spec.paths)) {
    const operation = methods.get;
    if (!operation || path.includes('{')) continue;
    for (const parameter of operation.parameters ?? []) {
      if (parameter.in !== 'query' || ![parameter.schema?.type].flat().includes('integer')) continue;
      const { minimum, maximum } = parameter.schema;
      for (const raw of notIntegers) {
        const response = await call(app, 'GET', `${path}?${parameter.name}=${raw}`);
        t.equal(response.statusCode, 400, `${path}?${parameter.name}=${raw}: 400`);
        t.equal(response.data?.code, 'VALIDATION_FAILED');
        t.same(
          response.data?.errors?.map((error: any) => `${error.in} ${error.path}`),
          [`query /${parameter.name}`],
          `${path}?${parameter.name}=${raw}: names the parameter`,
        );
        checked += 1;
      }
      for (const outOfRange of [minimum - 1, maximum + 1]) {
        const response = await call(app, 'GET', `${path}?${parameter.name}=${outOfRange}`);
        t.equal(response.statusCode, 400, `${path}?${parameter.name}=${outOfRange}: out of range`);
      }
      for (const inRange of [minimum, maximum]) {
        const response = await call(app, 'GET', `${path}?${parameter.name}=${inRange}`);
        t.equal(response.statusCode, 200, `${path}?${parameter.name}=${inRange}: accepted`);
      }
    }
  }
  t.ok(checked > 200, `${checked} refused values`);
});

t.test('boolean query parameters are exactly true or false', async (t) => {
  const app = await buildTestApp(t);
  for (const raw of ['true', 'false']) t.equal((await call(app, 'GET', `/v1/purposes?retired=${raw}`)).statusCode, 200, raw);
  for (const raw of ['1', '0', 'TRUE', 'yes', '', 'true%20']) {
    const response = await call(app, 'GET', `/v1/purposes?retired=${raw}`);
    t.equal(response.statusCode, 400, `retired=${raw}: 400`);
    t.same(
      response.data.errors.map((error: any) => error.path),
      ['/retired'],
    );
  }
});

t.test('a repeated integer parameter is refused, not silently picked', async (t) => {
  const app = await buildTestApp(t);
  const response = await call(app, 'GET', '/v1/purposes?limit=1&limit=2');
  t.equal(response.statusCode, 400);
  t.same(
    response.data.errors.map((error: any) => error.path),
    ['/limit'],
  );
});
