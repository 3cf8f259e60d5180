import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Webhook } from 'standardwebhooks';
import t, { type Test } from 'tap';
import { buildApp } from '../../src/app';
import { authHeader, call, create, createTestDatabase, legalBasisId, testConfig } from '../helper';
import { manualClock } from '../support/clock';
import { webhookReceiver } from '../support/webhook-receiver';

// Deliveries to a receiver on the loopback interface (allowed here by configuration), verified
// with the Standard Webhooks reference library. The worker's interval is off: the test runs it
// (deliverDue) and moves the app's clock for the backoff, so nothing sleeps.

const config = {
  WEBHOOK_DELIVERY_INTERVAL_MS: '0',
  WEBHOOK_ALLOWED_PRIVATE_NETWORKS: '127.0.0.0/8',
  WEBHOOK_RETRY_BASE_MS: '1000',
  WEBHOOK_RETRY_MAX_MS: '3000',
  WEBHOOK_MAX_ATTEMPTS: '4',
};
const allEvents = ['entry.created', 'entry.changed', 'entry.deleted'];

async function setUp(t: Test) {
  const clock = manualClock();
  const database = await createTestDatabase(t);
  const app = await buildApp(testConfig(config), { database, clock });
  await app.ready();
  t.teardown(() => app.close());
  const receiver = await webhookReceiver(t);
  return { app, clock, receiver, database };
}

async function subscribe(app: FastifyInstance, url: string, events = allEvents) {
  const response = await call(app, 'POST', '/v1/webhooks/subscriptions', { url, events });
  if (response.statusCode !== 201) throw new Error(`subscribe → ${response.statusCode}: ${response.body}`);
  return response.data as { id: string; secret: string };
}

const deliveries = async (app: FastifyInstance, subscriptionId: string, query = '') =>
  (await call(app, 'GET', `/v1/webhooks/subscriptions/${subscriptionId}/deliveries${query}`)).data;

t.test('a committed change is delivered, signed so the Standard Webhooks library verifies it', async (t) => {
  const { app, receiver } = await setUp(t);
  const subscription = await subscribe(app, receiver.url);
  t.match(subscription.secret, /^whsec_[A-Za-z0-9+/]{43}=$/, 'a Standard Webhooks secret, shown once');

  const purpose = await create(app, 'purposes', { name: 'Newsletter' });
  t.equal(await app.services.webhooks.deliverDue(), 1, 'one attempt');
  t.equal(receiver.received.length, 1);
  const [request] = receiver.received;
  const verified = new Webhook(subscription.secret).verify(request!.body, request!.headers as Record<string, string>) as any;
  t.equal(verified.type, 'entry.created');
  t.match(verified.data, { resource: 'purposes', id: purpose.id, name: 'Newsletter', path: `/v1/purposes/${purpose.id}` });
  t.match(request!.headers['webhook-id'], /^msg_[0-9a-f]{32}$/);
  t.equal(request!.headers['content-type'], 'application/json');
  t.throws(
    () => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(request!.body, request!.headers as Record<string, string>),
    'another secret does not verify',
  );
  t.throws(
    () =>
      new Webhook(subscription.secret).verify(
        request!.body.replace('Newsletter', 'Newsletters'),
        request!.headers as Record<string, string>,
      ),
    'a changed body does not verify',
  );

  // The audit trail's event is the one reported.
  const audit = (await call(app, 'GET', `/v1/audit-events?entityId=${purpose.id}`)).data.items[0];
  t.equal(verified.data.auditSequence, audit.sequence);
  t.equal(verified.timestamp, new Date(audit.occurredAt).toISOString());

  await call(app, 'PATCH', `/v1/purposes/${purpose.id}`, { name: 'Monthly newsletter' });
  await call(app, 'DELETE', `/v1/purposes/${purpose.id}`);
  t.equal(await app.services.webhooks.deliverDue(), 2);
  // One batch is sent in parallel: receivers order by timestamp or auditSequence, not by arrival.
  const events = receiver.received.map((r) => new Webhook(subscription.secret).verify(r.body, r.headers as Record<string, string>) as any);
  t.same(events.map((e) => e.type).sort(), ['entry.changed', 'entry.created', 'entry.deleted']);
  const deleted = events.find((e) => e.type === 'entry.deleted');
  t.match(deleted.data, { id: purpose.id, name: 'Monthly newsletter' });
  t.notOk('path' in deleted.data, 'a deleted entry has nowhere to be read');

  const log = await deliveries(app, subscription.id);
  t.equal(log.total, 3);
  t.same(
    log.items.map((d: any) => [d.eventType, d.status, d.attempts, d.lastStatusCode]),
    [
      ['entry.deleted', 'delivered', 1, 204],
      ['entry.changed', 'delivered', 1, 204],
      ['entry.created', 'delivered', 1, 204],
    ],
  );
  t.equal(await app.services.webhooks.deliverDue(), 0, 'nothing is sent twice');

  // Only subscribed events; secrets are never shown again.
  const onlyDeletes = await subscribe(app, receiver.url, ['entry.deleted']);
  await create(app, 'purposes', { name: 'Not for the deletes subscription' });
  t.equal((await deliveries(app, onlyDeletes.id)).total, 0);
  const listed = await call(app, 'GET', '/v1/webhooks/subscriptions');
  t.equal(listed.data.total, 2);
  t.notOk(JSON.stringify(listed.data).includes('whsec_'), 'the list holds no secret');
  const one = await call(app, 'GET', `/v1/webhooks/subscriptions/${subscription.id}`);
  t.equal(one.statusCode, 200);
  t.notOk('secret' in one.data);
});

t.test("changes through an activity's links and through an import are delivered too; a rolled-back change never is", async (t) => {
  const { app, receiver } = await setUp(t);
  const subscription = await subscribe(app, receiver.url);
  const pending = async () => (await deliveries(app, subscription.id, '?status=pending')).total;

  const activity = await create(app, 'processing-activities', { name: 'Support', role: 'controller', status: 'active' });
  const purpose = await create(app, 'purposes', { name: 'Answering questions' });
  const linked = await call(app, 'PATCH', `/v1/processing-activities/${activity.id}`, {
    purposes: [{ purposeId: purpose.id, legalBasisIds: [await legalBasisId(app, 'gdpr-6-1-b')] }],
  });
  t.equal(linked.statusCode, 200);
  t.equal(await pending(), 3, 'activity created, purpose created, activity changed by its links');

  // A transaction that wrote (and audited) a change and then failed leaves nothing to deliver.
  await t.rejects(
    app.dataSource.transaction(async (manager) => {
      await app.services.purposes.create({ name: 'Rolled back' } as never, { sub: 'test' }, manager);
      t.equal((await manager.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'`))[0].n, 4, 'queued inside');
      throw new Error('abort');
    }),
  );
  t.equal(await pending(), 3, 'gone with the rollback');
  // A dry-run import writes everything in a transaction and rolls it back.
  const document = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'register-export-format-1.json'), 'utf8'));
  const dryRun = await call(app, 'POST', '/v1/register/import?dryRun=true', document);
  t.equal(dryRun.statusCode, 200, dryRun.body.slice(0, 300));
  t.ok(dryRun.data.counts.create > 0);
  t.equal(await pending(), 3, 'a dry run yields no delivery');

  const imported = await call(app, 'POST', '/v1/register/import', document);
  t.equal(imported.statusCode, 200);
  const audited = (await call(app, 'GET', '/v1/audit-events?actor=test-user&limit=1')).data.total;
  t.equal(await pending(), audited, 'every audited change — the import included — is one delivery');

  await app.services.webhooks.deliverDue();
  t.equal(receiver.received.length, audited);
  t.equal(await pending(), 0);
  const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']));
  t.equal(ids.size, audited, 'one message per change');
});

t.test('a failing receiver is retried with exponential backoff, dead-lettered after the bound, and redelivered by hand', async (t) => {
  const { app, clock, receiver } = await setUp(t);
  const subscription = await subscribe(app, receiver.url);
  const webhooks = app.services.webhooks;

  receiver.answer(500, 500);
  await create(app, 'purposes', { name: 'Retried' });
  t.equal(await webhooks.deliverDue(), 1, 'first attempt: 500');
  t.equal(await webhooks.deliverDue(), 0, 'not due again at once');
  clock.advance(999);
  t.equal(await webhooks.deliverDue(), 0, 'not before the base delay');
  clock.advance(1);
  t.equal(await webhooks.deliverDue(), 1, 'second attempt after 1 s: 500');
  clock.advance(1999);
  t.equal(await webhooks.deliverDue(), 0, 'the wait doubled');
  clock.advance(1);
  t.equal(await webhooks.deliverDue(), 1, 'third attempt after 2 s: 204');
  t.same(
    receiver.received.map((r) => r.headers['webhook-id']),
    Array(3).fill(receiver.received[0]!.headers['webhook-id']),
    'the same webhook-id on every attempt',
  );
  for (const r of receiver.received) new Webhook(subscription.secret).verify(r.body, r.headers as Record<string, string>);
  const [delivered] = (await deliveries(app, subscription.id)).items;
  t.match(delivered, { status: 'delivered', attempts: 3, lastStatusCode: 204, lastError: null });
  const detail = (await call(app, 'GET', `/v1/webhooks/subscriptions/${subscription.id}/deliveries/${delivered.id}`)).data;
  t.same(
    detail.attemptLog.map((a: any) => [a.attempt, a.statusCode, a.error]),
    [
      [1, 500, 'the receiver answered 500'],
      [2, 500, 'the receiver answered 500'],
      [3, 204, null],
    ],
  );
  t.equal(detail.payload.type, 'entry.created');

  // Always 500: four attempts (1 s, 2 s, then the 3 s cap between them), then dead.
  receiver.fallback = 500;
  await create(app, 'purposes', { name: 'Never answered' });
  t.equal(await webhooks.deliverDue(), 1);
  for (const wait of [1000, 2000, 3000]) {
    clock.advance(wait);
    t.equal(await webhooks.deliverDue(), 1, `retried after ${wait} ms`);
  }
  clock.advance(3_600_000);
  t.equal(await webhooks.deliverDue(), 0, 'dead: no further attempt');
  const dead = (await deliveries(app, subscription.id, '?status=dead')).items;
  t.equal(dead.length, 1);
  t.match(dead[0], { status: 'dead', attempts: 4, nextAttemptAt: null, lastStatusCode: 500 });

  receiver.fallback = 200;
  const redelivered = await call(app, 'POST', `/v1/webhooks/subscriptions/${subscription.id}/deliveries/${dead[0].id}/redeliver`);
  t.equal(redelivered.statusCode, 202);
  t.match(redelivered.data, { status: 'pending', attempts: 4 });
  t.equal(await webhooks.deliverDue(), 1);
  const revived = (await call(app, 'GET', `/v1/webhooks/subscriptions/${subscription.id}/deliveries/${dead[0].id}`)).data;
  t.match(revived, { status: 'delivered', attempts: 5, lastStatusCode: 200 });
  t.equal(revived.attemptLog.length, 5);

  // Settled deliveries leave the log after the retention (30 days); pending ones never do.
  receiver.fallback = 500;
  await create(app, 'purposes', { name: 'Still pending' });
  t.equal(await webhooks.deliverDue(), 1);
  clock.advance(30 * 86_400_000 - 3_700_000);
  t.equal(await webhooks.pruneLog(), 0, 'nothing is old enough yet');
  clock.advance(3_700_000);
  t.equal(await webhooks.pruneLog(), 2, 'the delivered ones go');
  t.same(
    (await deliveries(app, subscription.id)).items.map((d: any) => d.status),
    ['pending'],
    'the pending one stays',
  );
  const [{ messages }] = await app.dataSource.query(`SELECT count(*)::int AS messages FROM webhook_messages`);
  t.equal(messages, 1, 'with only its message');

  const unknown = await call(app, 'POST', `/v1/webhooks/subscriptions/${subscription.id}/deliveries/${subscription.id}/redeliver`);
  t.equal(unknown.statusCode, 404);
});

t.test('nothing is lost when the service stops between commit and delivery', async (t) => {
  const database = await createTestDatabase(t);
  const receiver = await webhookReceiver(t);
  const clock = manualClock();
  const first = await buildApp(testConfig(config), { database, clock });
  await first.ready();
  const subscription = await subscribe(first, receiver.url);
  const purpose = await create(first, 'purposes', { name: 'Committed before the stop' });
  await first.close();
  t.equal(receiver.received.length, 0, 'not delivered before the stop');

  const second = await buildApp(testConfig(config), { database, clock });
  await second.ready();
  t.teardown(() => second.close());
  t.equal(await second.services.webhooks.deliverDue(), 1, 'the next start delivers it');
  const event = new Webhook(subscription.secret).verify(
    receiver.received[0]!.body,
    receiver.received[0]!.headers as Record<string, string>,
  ) as any;
  t.equal(event.data.id, purpose.id);

  // A worker that died after claiming, before recording the outcome: the lease runs out, then it is sent again.
  await create(second, 'purposes', { name: 'Claimed by a worker that died' });
  const lease = 2 * 10_000 + 30_000;
  await second.dataSource.query(`UPDATE webhook_deliveries SET attempts = 1, next_attempt_at = $1 WHERE status = 'pending'`, [
    new Date(clock() + lease).toISOString(),
  ]);
  t.equal(await second.services.webhooks.deliverDue(), 0, 'held while the lease runs');
  clock.advance(lease);
  t.equal(await second.services.webhooks.deliverDue(), 1, 'due again once it ran out');
  t.equal(receiver.received.length, 2);
});

t.test('subscriptions are for admins; bad input is refused clearly', async (t) => {
  const { app, receiver } = await setUp(t);
  for (const role of ['editor', 'auditor', 'reader'] as const) {
    const refused = await call(app, 'GET', '/v1/webhooks/subscriptions', undefined, role);
    t.equal(refused.statusCode, 403, role);
  }
  const editor = await call(app, 'POST', '/v1/webhooks/subscriptions', { url: receiver.url, events: allEvents }, 'editor');
  t.equal(editor.statusCode, 403);

  const badEvent = await call(app, 'POST', '/v1/webhooks/subscriptions', { url: receiver.url, events: ['entry.renamed'] });
  t.equal(badEvent.statusCode, 400);
  t.match(badEvent.data.errors, [{ in: 'body', path: '/events/0' }]);
  const noEvents = await call(app, 'POST', '/v1/webhooks/subscriptions', { url: receiver.url, events: [] });
  t.equal(noEvents.statusCode, 400);
  const ftp = await call(app, 'POST', '/v1/webhooks/subscriptions', { url: 'ftp://hooks.example.com/x', events: allEvents });
  t.equal(ftp.statusCode, 400);
  t.match(ftp.data.errors, [{ in: 'body', path: '/url' }]);

  const subscription = await subscribe(app, receiver.url);
  const disabled = await call(app, 'PATCH', `/v1/webhooks/subscriptions/${subscription.id}`, { enabled: false, description: 'Paused' });
  t.match(disabled.data, { enabled: false, description: 'Paused', url: receiver.url, events: allEvents });
  await create(app, 'purposes', { name: 'While paused' });
  t.equal(await app.services.webhooks.deliverDue(), 0);
  t.equal((await deliveries(app, subscription.id)).total, 0, 'a disabled subscription gets no deliveries');

  const stale = await call(app, 'PATCH', `/v1/webhooks/subscriptions/${subscription.id}`, { enabled: true }, 'admin', {
    'if-match': '"stale"',
  });
  t.equal(stale.statusCode, 412, 'a change names the version it is based on');
  const unconditional = await app.inject({
    method: 'DELETE',
    url: `/v1/webhooks/subscriptions/${subscription.id}`,
    headers: await authHeader(app),
  });
  t.equal(unconditional.statusCode, 428);
  const removed = await call(app, 'DELETE', `/v1/webhooks/subscriptions/${subscription.id}`);
  t.equal(removed.statusCode, 204);
  t.equal((await call(app, 'GET', `/v1/webhooks/subscriptions/${subscription.id}`)).statusCode, 404);
  t.equal((await call(app, 'GET', `/v1/webhooks/subscriptions/${subscription.id}/deliveries`)).statusCode, 404);
});

t.test("the app's own worker sends what is due, and stops with the app", async (t) => {
  const receiver = await webhookReceiver(t);
  const database = await createTestDatabase(t);
  const app = await buildApp(testConfig({ ...config, WEBHOOK_DELIVERY_INTERVAL_MS: '10' }), { database });
  await app.ready();
  const subscription = await subscribe(app, receiver.url);
  await create(app, 'purposes', { name: 'Sent by the worker' });
  await receiver.receivedCount(1);
  const event = new Webhook(subscription.secret).verify(
    receiver.received[0]!.body,
    receiver.received[0]!.headers as Record<string, string>,
  ) as any;
  t.equal(event.data.name, 'Sent by the worker');
  await app.close();
  const [{ pending }] = await database.dataSource.query(`SELECT count(*)::int AS pending FROM webhook_deliveries WHERE status = 'pending'`);
  const [{ attempts }] = await database.dataSource.query(`SELECT count(*)::int AS attempts FROM webhook_attempts`);
  t.equal(pending, 0, 'recorded as delivered before the app closed');
  t.equal(attempts, 1, 'sent once');
});

t.test('a subscription deleted while its delivery is on the way leaves nothing behind and no error', async (t) => {
  const lines: string[] = [];
  const database = await createTestDatabase(t);
  const app = await buildApp(testConfig({ ...config, LOG_LEVEL: 'warn' }), { database, logStream: { write: (line) => lines.push(line) } });
  await app.ready();
  t.teardown(() => app.close());
  const receiver = await webhookReceiver(t);
  const subscription = await subscribe(app, receiver.url);
  await create(app, 'purposes', { name: 'Sent to a subscription about to go' });
  receiver.beforeAnswer = async () => t.equal((await call(app, 'DELETE', `/v1/webhooks/subscriptions/${subscription.id}`)).statusCode, 204);
  t.equal(await app.services.webhooks.deliverDue(), 1);
  t.equal(receiver.received.length, 1);
  const [{ rows }] = await app.dataSource.query(
    `SELECT (SELECT count(*) FROM webhook_deliveries) + (SELECT count(*) FROM webhook_attempts) + (SELECT count(*) FROM webhook_messages) AS rows`,
  );
  t.equal(Number(rows), 0, 'no delivery, attempt or message is left');
  t.same(lines, [], 'nothing went wrong');
});

t.test('a receiver that does not answer fails the attempt after WEBHOOK_TIMEOUT_MS, and it is retried', async (t) => {
  const database = await createTestDatabase(t);
  const clock = manualClock();
  const app = await buildApp(testConfig({ ...config, WEBHOOK_TIMEOUT_MS: '200' }), { database, clock });
  await app.ready();
  t.teardown(() => app.close());
  const receiver = await webhookReceiver(t);
  const subscription = await subscribe(app, receiver.url);
  await create(app, 'purposes', { name: 'Sent to a receiver that hangs' });
  let release: () => void = () => undefined;
  receiver.beforeAnswer = () => new Promise<void>((resolve) => (release = resolve));
  t.teardown(() => release());
  t.equal(await app.services.webhooks.deliverDue(), 1);
  const [delivery] = (await deliveries(app, subscription.id)).items;
  t.match(delivery, { status: 'pending', attempts: 1, lastStatusCode: null, lastError: 'no answer within 200 ms' });
  t.equal(new Date(delivery.nextAttemptAt).getTime(), clock() + 1000, 'retried after the base delay');
});
