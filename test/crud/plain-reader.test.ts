import t from 'tap';
import { buildingBlockServices } from '../../src/entry-services';
import { etagOf } from '../../src/http/etag';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { buildTestApp, call, create } from '../helper';

t.test('building blocks read with plain SQL are the entities TypeORM hydrates, field for field and in order (same ETags)', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  // Entries with and without each expanded relation, dates and arrays.
  const representative = await create(app, 'organisations', { name: 'Representative B.V.', roles: ['representative'] });
  await create(app, 'organisations', { name: 'Represented GmbH', roles: ['controller'], representativeId: representative.id });
  const parent = await create(app, 'data-categories', { name: 'Parent category' });
  await create(app, 'data-categories', { name: 'Child category', parentId: parent.id });
  for (const service of buildingBlockServices(app.services)) {
    const { definition } = service;
    // What the service read before: TypeORM's query builder and hydration, relations joined as { id, name }.
    const builder = app.dataSource.manager.getRepository(definition.entity).createQueryBuilder('r');
    for (const relation of definition.expand ?? [])
      builder.leftJoin(`r.${relation}`, relation).addSelect([`${relation}.id`, `${relation}.name`]);
    const hydrated = await builder.orderBy('LOWER(r.name)').addOrderBy('r.id').getMany();
    const page = await service.list({ limit: 100 });
    t.equal(page.total, hydrated.length, `${definition.path}: the total`);
    t.equal(
      JSON.stringify(page.items),
      JSON.stringify(hydrated.slice(0, 100)),
      `${definition.path}: the list, field for field and in order`,
    );
    for (const entry of hydrated.slice(0, 5)) {
      const read = await service.get(entry.id);
      t.equal(etagOf(read), etagOf(entry), `${definition.path} ${entry.name}: the same ETag`);
      t.same(Object.keys(read), Object.keys(JSON.parse(JSON.stringify(entry))));
    }
  }
});

t.test('filters, search, sort and pages past the end, in plain SQL', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  const all = (await call(app, 'GET', '/v1/recipients?limit=100')).data;
  t.ok(all.total > 3);
  const past = (await call(app, 'GET', `/v1/recipients?offset=${all.total + 5}`)).data;
  t.same(past, { items: [], total: all.total, limit: 20, offset: all.total + 5 }, 'a page past the end still counts them');
  const descending = (await call(app, 'GET', '/v1/recipients?limit=100&sort=-name')).data.items.map((r: { id: string }) => r.id);
  t.same(
    descending,
    [...all.items].reverse().map((r: { id: string }) => r.id),
    'sorted by name, descending',
  );
  const kind = all.items[0].kind;
  const ofKind = (await call(app, 'GET', `/v1/recipients?limit=100&kind=${kind}`)).data;
  t.same(
    ofKind.items.map((r: { id: string }) => r.id),
    all.items.filter((r: { kind: string }) => r.kind === kind).map((r: { id: string }) => r.id),
  );
  const activity = (await call(app, 'GET', '/v1/processing-activities?limit=1')).data.items[0];
  const linked = (await call(app, 'GET', `/v1/purposes?activityId=${activity.id}&limit=100`)).data;
  t.same(
    linked.items.map((p: { id: string }) => p.id).sort(),
    activity.purposes.map((p: { purpose: { id: string } }) => p.purpose.id).sort(),
    'linked to an activity',
  );
  const search = (await call(app, 'GET', `/v1/purposes?q=${encodeURIComponent('%')}`)).data;
  t.equal(search.total, 0, 'LIKE wildcards match themselves');
  const retired = (await call(app, 'GET', '/v1/purposes?retired=false&limit=1')).data;
  t.equal(retired.total, (await call(app, 'GET', '/v1/purposes?limit=1')).data.total, 'nothing is retired yet');
});
