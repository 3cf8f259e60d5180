import t from 'tap';
import { VerifiedTokenCache } from '../../src/auth/verified-tokens';

const reader = { sub: 'r', roles: ['reader' as const], units: [] };

t.test('entries end at the earlier of the token expiry and the cache age; the least recently used go first', async (t) => {
  let clock = 1_000_000;
  const cache = new VerifiedTokenCache(1000, () => clock, 3);
  cache.remember('a', reader, clock + 500);
  cache.remember('b', reader, clock + 60_000);
  t.same(cache.get('a'), reader);
  clock += 500;
  t.equal(cache.get('a'), undefined, 'gone at its expiry');
  t.same(cache.get('b'), reader, 'still within the cache age');
  clock += 500;
  t.equal(cache.get('b'), undefined, 'gone at the cache age');
  t.equal(cache.size, 0, 'expired entries are dropped when met');

  cache.remember('already-expired', reader, clock);
  t.equal(cache.size, 0, 'a token already past its acceptance is not kept');

  for (const token of ['1', '2', '3']) cache.remember(token, reader, clock + 60_000);
  t.ok(cache.get('1'), 'using 1 makes 2 the least recently used');
  cache.remember('4', reader, clock + 60_000);
  t.equal(cache.size, 3, 'never more than maxEntries');
  t.equal(cache.get('2'), undefined, 'the least recently used went');
  t.ok(cache.get('1') && cache.get('3') && cache.get('4'));

  const off = new VerifiedTokenCache(0, () => clock, 3);
  off.remember('a', reader, clock + 60_000);
  t.equal(off.get('a'), undefined, 'max age 0 keeps nothing');
  t.notOk(off.enabled);
});

t.test('a remembered principal cannot be changed by one request for the next', async (t) => {
  const cache = new VerifiedTokenCache(1000, () => 1_000_000);
  cache.remember('a', { sub: 'r', roles: ['reader'], units: [] }, 1_060_000);
  const principal = cache.get('a')!;
  t.throws(() => (principal.roles as string[]).push('admin'));
  t.throws(() => Object.assign(principal, { sub: 'someone-else' }));
  t.same(cache.get('a'), { sub: 'r', roles: ['reader'], units: [] });
});
