import t from 'tap';
import { ConfigError, loadConfig } from '../../src/config';
import { refusalOf, targetPolicyOf } from '../../src/webhooks/target';
import { buildTestApp, call, create } from '../helper';
import { webhookReceiver } from '../support/webhook-receiver';

// Webhook URLs may not reach the service's own network (SSRF): every address the host resolves
// to must be public, when subscribing and again at every attempt, unless configuration allows it.

const events = ['entry.created'];

t.test('private, loopback and link-local targets are refused when subscribing', async (t) => {
  const app = await buildTestApp(t, { WEBHOOK_DELIVERY_INTERVAL_MS: '0' });
  const refused = {
    'http://127.0.0.1:8080/hooks': /127\.0\.0\.1 is a private, loopback/,
    'http://127.1.2.3/hooks': /127\.1\.2\.3/,
    'http://10.0.0.5/hooks': /10\.0\.0\.5/,
    'http://172.16.4.4/hooks': /172\.16\.4\.4/,
    'http://192.168.1.1/hooks': /192\.168\.1\.1/,
    'http://169.254.169.254/latest/meta-data/': /169\.254\.169\.254/,
    'http://0.0.0.0:3000/': /0\.0\.0\.0/,
    'http://2130706433/hooks': /127\.0\.0\.1/, // the URL parser reads a bare number as IPv4
    'http://0x7f.1/hooks': /127\.0\.0\.1/,
    'http://[::1]:8080/hooks': /::1 is a private/,
    'http://[fe80::1]/hooks': /fe80::1/,
    'http://[fd00::7]/hooks': /fd00::7/,
    'http://[::ffff:127.0.0.1]/hooks': /::ffff:7f00:1|::ffff:127\.0\.0\.1/,
    'http://localhost:8080/hooks': /names localhost, which resolves to (127\.0\.0\.1|::1)/,
    'https://LOCALHOST:8443/hooks': /names localhost, which resolves to/,
  };
  for (const [url, message] of Object.entries(refused)) {
    const response = await call(app, 'POST', '/v1/webhooks/subscriptions', { url, events });
    t.equal(response.statusCode, 422, url);
    t.equal(response.data.code, 'WEBHOOK_TARGET_REFUSED', url);
    t.match(response.data.errors, [{ in: 'body', path: '/url', message }], url);
  }
  const withPassword = await call(app, 'POST', '/v1/webhooks/subscriptions', { url: 'https://user:pw@hooks.example.com/', events });
  t.equal(withPassword.statusCode, 422);
  t.match(withPassword.data.errors, [{ path: '/url', message: /user name or password/ }]);
  const unresolvable = await call(app, 'POST', '/v1/webhooks/subscriptions', { url: 'https://no-such-host.invalid/hooks', events });
  t.equal(unresolvable.statusCode, 422);
  t.match(unresolvable.data.errors, [{ path: '/url', message: /no-such-host\.invalid, which does not resolve/ }]);
  t.equal((await call(app, 'GET', '/v1/webhooks/subscriptions')).data.total, 0, 'none was created');

  // Public addresses pass (not connected to here: only judged).
  const policy = targetPolicyOf({ WEBHOOK_TIMEOUT_MS: 1000 });
  for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111']) t.equal(refusalOf(address, policy), undefined, address);
});

t.test('the configuration allows chosen ranges, and every attempt checks again', async (t) => {
  const receiver = await webhookReceiver(t);
  const app = await buildTestApp(t, { WEBHOOK_DELIVERY_INTERVAL_MS: '0', WEBHOOK_ALLOWED_PRIVATE_NETWORKS: '10.20.0.0/16,127.0.0.1/32' });
  const allowed = await call(app, 'POST', '/v1/webhooks/subscriptions', { url: receiver.url, events });
  t.equal(allowed.statusCode, 201, 'the allowed loopback address');
  t.equal(
    (await call(app, 'POST', '/v1/webhooks/subscriptions', { url: 'http://10.20.3.4/hooks', events })).statusCode,
    201,
    'inside 10.20/16',
  );
  const outside = await call(app, 'POST', '/v1/webhooks/subscriptions', { url: 'http://10.21.0.1/hooks', events });
  t.equal(outside.statusCode, 422, 'outside the allowed range');
  const otherLoopback = await call(app, 'POST', '/v1/webhooks/subscriptions', { url: 'http://127.0.0.2/hooks', events });
  t.equal(otherLoopback.statusCode, 422, 'only 127.0.0.1 is allowed');

  // A subscription whose target is no longer allowed (stored when another configuration allowed
  // it): the attempt is refused before any connection and logged as such.
  const receiverUrl = new URL(receiver.url);
  const [{ id }] = await app.dataSource.query(
    `INSERT INTO webhook_subscriptions (url, events, secret, created_by) VALUES ($1, $2::text[], $3, 'test') RETURNING id`,
    [`http://127.0.0.2:${receiverUrl.port}/hooks`, events, 'whsec_' + Buffer.alloc(32, 7).toString('base64')],
  );
  await app.dataSource.query(`DELETE FROM webhook_subscriptions WHERE id <> $1`, [id]);
  await create(app, 'purposes', { name: 'Not for a refused target' });
  t.equal(await app.services.webhooks.deliverDue(), 1);
  t.equal(receiver.received.length, 0, 'nothing reached the address');
  const [delivery] = (await call(app, 'GET', `/v1/webhooks/subscriptions/${id}/deliveries`)).data.items;
  t.match(delivery, { status: 'pending', lastStatusCode: null, lastError: /^refused: the URL points at 127\.0\.0\.2 is a private/ });

  const changed = await call(app, 'PATCH', `/v1/webhooks/subscriptions/${id}`, { url: 'http://[::1]/hooks' });
  t.equal(changed.statusCode, 422, 'a changed URL is checked too');
});

t.test('an allowed range that is no CIDR range stops start-up, naming the key', async (t) => {
  for (const bad of ['10.0.0.0/33', 'fd00::/129', '10.0.0/8', 'localhost/8']) {
    t.throws(() => loadConfig({ WEBHOOK_ALLOWED_PRIVATE_NETWORKS: bad }), ConfigError, bad);
    t.throws(() => loadConfig({ WEBHOOK_ALLOWED_PRIVATE_NETWORKS: bad }), /WEBHOOK_ALLOWED_PRIVATE_NETWORKS/, bad);
  }
  t.equal(
    loadConfig({ WEBHOOK_ALLOWED_PRIVATE_NETWORKS: '10.20.0.0/16,fd12::/64' }).WEBHOOK_ALLOWED_PRIVATE_NETWORKS,
    '10.20.0.0/16,fd12::/64',
  );
});
