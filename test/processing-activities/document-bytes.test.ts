import type { FastifyInstance } from 'fastify';
import t, { type Test } from 'tap';
import { etagOf } from '../../src/http/etag';
import { DocumentBytes } from '../../src/processing-activities/document-bytes';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { buildTestApp, call } from '../helper';

const pagePath = '/v1/processing-activities?limit=50&sort=name';

/** The page the database holds now: its stored documents joined, in the page's order, byte for byte. */
async function pageInDatabase(app: FastifyInstance, ids: string[], total: number, limit = 50, offset = 0) {
  const rows: { activity_id: string; body: string }[] = await app.dataSource.query(
    'SELECT activity_id, body FROM activity_documents WHERE activity_id = ANY($1::uuid[])',
    [ids],
  );
  const bodies = new Map(rows.map((row) => [row.activity_id, row.body]));
  return `{"items":[${ids.map((id) => bodies.get(id)).join(',')}],"total":${total},"limit":${limit},"offset":${offset}}`;
}

async function listed(t: Test, app: FastifyInstance, path = pagePath) {
  const page = await call(app, 'GET', path);
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /^application\/json; charset=utf-8$/);
  t.equal(Number(page.headers['content-length']), page.rawPayload.length, 'Content-Length counts the bytes sent');
  return page;
}

for (const cacheMb of ['32', '0']) {
  t.test(`list pages send the documents the database holds now (DOCUMENT_CACHE_MB=${cacheMb})`, async (t) => {
    const app = await buildTestApp(t, { DOCUMENT_CACHE_MB: cacheMb });
    await loadRegister(app.services, woktronRegister);

    const first = await listed(t, app);
    const ids: string[] = first.data.items.map((item: { id: string }) => item.id);
    t.ok(ids.length > 5, 'the register has activities');
    t.equal(first.payload, await pageInDatabase(app, ids, first.data.total), 'the page is the stored documents joined');
    t.ok(
      [...first.payload].some((char) => char.charCodeAt(0) > 127),
      'the page carries non-ASCII text (the rights), sent as UTF-8',
    );
    const again = await listed(t, app);
    t.equal(again.payload, first.payload, 'the same page again is the same bytes');

    // A renamed purpose changes every document linking it: the next page shows the new name.
    const purpose = first.data.items.find((item: any) => item.purposes.length > 0).purposes[0].purpose;
    const renamed = await call(app, 'PATCH', `/v1/purposes/${purpose.id}`, { name: `${purpose.name} (renamed)` });
    t.equal(renamed.statusCode, 200);
    const afterRename = await listed(t, app);
    t.equal(afterRename.payload, await pageInDatabase(app, ids, first.data.total), 'the page is what the database holds after the rename');
    t.ok(afterRename.payload.includes(`${JSON.stringify(`${purpose.name} (renamed)`)}`), 'with the new name');

    // A document changed by another instance of the service (or by a repair of the read model)
    // has a new ETag: this process does not send what it kept of the old one.
    const [row]: { body: string }[] = await app.dataSource.query('SELECT body FROM activity_documents WHERE activity_id = $1', [ids[2]]);
    const changed = { ...JSON.parse(row!.body), description: 'Written by another instance' };
    await app.dataSource.query('UPDATE activity_documents SET body = $2, etag = $3 WHERE activity_id = $1', [
      ids[2],
      JSON.stringify(changed),
      etagOf(changed),
    ]);
    const afterOther = await listed(t, app);
    t.same(afterOther.data.items[2], changed, 'the changed document is sent as it is now');
    t.equal(afterOther.payload, await pageInDatabase(app, ids, first.data.total));

    // A deleted activity leaves the page; one past the end is empty but counts the rest.
    const removed = await call(app, 'DELETE', `/v1/processing-activities/${ids[0]}`);
    t.equal(removed.statusCode, 204);
    const afterDelete = await listed(t, app);
    t.same(
      afterDelete.data.items.map((item: { id: string }) => item.id),
      ids.slice(1),
      'the deleted activity is gone',
    );
    t.equal(afterDelete.data.total, first.data.total - 1);
    t.equal(afterDelete.payload, await pageInDatabase(app, ids.slice(1), first.data.total - 1));
    const paged = await listed(t, app, '/v1/processing-activities?limit=2&offset=1&sort=name');
    t.equal(paged.payload, await pageInDatabase(app, ids.slice(2, 4), first.data.total - 1, 2, 1), 'limit and offset page in SQL');
    const past = await listed(t, app, '/v1/processing-activities?offset=1000');
    t.equal(past.payload, `{"items":[],"total":${first.data.total - 1},"limit":20,"offset":1000}`, 'past the end: no items, the total');
  });
}

t.test('the kept documents stay within their bytes, least recently used dropped first', async (t) => {
  const kept = new DocumentBytes(10_000);
  const body = (n: number) => JSON.stringify({ n, text: 'x'.repeat(3_000) });
  for (let n = 0; n < 3; n += 1) kept.keep(`id-${n}`, `"etag-${n}"`, body(n));
  t.same(kept.size.entries, 3);
  t.ok(kept.get('id-0', '"etag-0"'), 'the first is still kept, and now the most recently used');
  kept.keep('id-3', '"etag-3"', body(3));
  t.ok(kept.size.bytes <= 10_000, `${kept.size.bytes} bytes kept`);
  t.equal(kept.get('id-1', '"etag-1"'), undefined, 'the least recently used went');
  t.ok(kept.get('id-0', '"etag-0"'));
  t.equal(kept.get('id-0', '"etag-other"'), undefined, 'another ETag of the same activity is another entry');
  t.same(kept.keep('id-4', '"etag-4"', 'ë').toString('utf8'), 'ë', 'kept as UTF-8');

  const none = new DocumentBytes(0);
  none.keep('id-0', '"etag-0"', body(0));
  t.same(none.size, { entries: 0, bytes: 0 }, 'with no memory, nothing is kept');
});
