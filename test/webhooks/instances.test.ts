import t from 'tap';
import { buildApp } from '../../src/app';
import { openDatabase } from '../../src/db/data-source';
import { call, create, createPostgresDatabase, testConfig } from '../helper';
import { requireService } from '../support/requires';
import { webhookReceiver } from '../support/webhook-receiver';

// Several instances on one PostgreSQL database deliver together: each claims with FOR UPDATE
// SKIP LOCKED, so no delivery is sent by two of them. (PGlite is one session: nothing to share.)

t.test('two instances running their workers at once send every delivery exactly once', async (t) => {
  if (!(await requireService(t, 'postgres'))) return;
  const url = await createPostgresDatabase(t);
  const receiver = await webhookReceiver(t);
  const config = testConfig({
    DATABASE_URL: url,
    WEBHOOK_DELIVERY_INTERVAL_MS: '0',
    WEBHOOK_BATCH_SIZE: '3',
    WEBHOOK_ALLOWED_PRIVATE_NETWORKS: '127.0.0.1/32',
  });
  const instances = [];
  for (let i = 0; i < 2; i++) {
    const database = await openDatabase({ ...config, DATABASE_POOL_SIZE: 5 });
    t.teardown(() => database.close());
    const app = await buildApp(config, { database });
    await app.ready();
    t.teardown(() => app.close());
    instances.push(app);
  }
  const [a, b] = instances as [(typeof instances)[number], (typeof instances)[number]];
  const subscribed = await call(a, 'POST', '/v1/webhooks/subscriptions', { url: receiver.url, events: ['entry.created'] });
  t.equal(subscribed.statusCode, 201);
  for (let i = 0; i < 24; i++) await create(i % 2 ? a : b, 'purposes', { name: `Purpose ${i}` });

  const [byA, byB] = await Promise.all([a.services.webhooks.deliverDue(), b.services.webhooks.deliverDue()]);
  t.equal(byA + byB, 24, `24 attempts in all (${byA} by one instance, ${byB} by the other)`);
  const ids = receiver.received.map((r) => r.headers['webhook-id']);
  t.equal(ids.length, 24);
  t.equal(new Set(ids).size, 24, 'no message sent twice');
  const log = await call(b, 'GET', `/v1/webhooks/subscriptions/${subscribed.data.id}/deliveries?status=delivered&limit=100`);
  t.equal(log.data.total, 24);
  t.ok(
    log.data.items.every((d: any) => d.attempts === 1),
    'one attempt each',
  );
});
