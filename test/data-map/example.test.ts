import { readFileSync } from 'node:fs';
import t from 'tap';
import { exampleDiagramPath, withStableIds } from '../../src/data-map/example';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { buildTestApp, call } from '../helper';

// The example register's diagram in the docs: docs/data-map-example.svg is what the example
// register draws today, GET /docs/data-map.svg serves it without a token, and the spec says so.

t.test('docs/data-map-example.svg is what the example register draws', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  const drawn = withStableIds(await app.services.dataMap.diagram({}));
  const committed = readFileSync(exampleDiagramPath(), 'utf8');
  t.ok(drawn === committed, 'stale diagram: run `npm run data-map-example` and commit docs/data-map-example.svg');
  t.notMatch(committed, /[0-9a-f]{8}(-|&#45;)[0-9a-f]{4}/, 'no entry ids: the same register gives the same file');
  for (const system of woktronRegister.systems ?? [])
    t.match(committed, system.name.replace(/&/g, '&amp;').slice(0, 40), `shows ${system.name}`);
});

t.test('GET /docs/data-map.svg: public, documented, and linked from the introduction', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.inject({ method: 'GET', url: '/docs/data-map.svg' });
  t.equal(response.statusCode, 200, 'no token needed');
  t.match(response.headers['content-type'], /^image\/svg\+xml/);
  t.equal(response.body, readFileSync(exampleDiagramPath(), 'utf8'), 'the committed diagram, not this register');

  const spec = (await call(app, 'GET', '/docs/json', undefined, null)).data;
  const operation = spec.paths['/docs/data-map.svg'].get;
  t.same(operation.security, [], 'documented as public');
  t.ok(operation.responses['200'].content['image/svg+xml']);
  t.match(spec.info.description, /!\[Data map of the example register[^\]]*\]\(\/docs\/data-map\.svg\)/, 'the introduction shows it');
});
