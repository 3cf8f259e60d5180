import { createLocalJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../clock';

export interface RemoteKeySetOptions {
  /** Longest a fetch may take before it counts as failed (ms). */
  timeoutMs: number;
  /** How long a fetched key set is used before it is fetched again (ms). */
  cacheMaxAgeMs: number;
  /** After a fetch, how long a token naming an unknown key does not trigger another one (ms). */
  cooldownMs: number;
  clock: Clock;
}

/**
 * A key set fetched from the identity provider's JWKS URL and cached, with the behaviour of jose's
 * createRemoteJWKSet — one fetch at a time, no redirects followed, a timeout, refetched after
 * `cacheMaxAgeMs`, and early (outside the cooldown) when a token names a key the set lacks — but
 * measured on the app's clock, which jose's own does not let us give it. Keys are matched by
 * jose's local key set. Failures are jose's errors (JWKSTimeout, JOSEError, JWKSInvalid): the
 * verifier reports them as the keys being unavailable, not as a bad token.
 */
export function remoteKeySet(url: URL, options: RemoteKeySetOptions): JWTVerifyGetKey {
  let local: ReturnType<typeof createLocalJWKSet> | undefined;
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<void> | undefined;
  const within = (ms: number) => options.clock() < fetchedAt + ms;

  const fetchSet = async () => {
    const signal = AbortSignal.timeout(options.timeoutMs);
    const response = await fetch(url, {
      method: 'GET',
      redirect: 'manual',
      signal,
      headers: { accept: 'application/json, application/jwk-set+json' },
    }).catch((error: Error) => {
      throw error.name === 'TimeoutError' ? new errors.JWKSTimeout(undefined, { cause: error }) : error;
    });
    if (response.status !== 200) throw new errors.JOSEError('Expected 200 OK from the JSON Web Key Set HTTP response');
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      throw signal.aborted
        ? new errors.JWKSTimeout(undefined, { cause })
        : new errors.JOSEError('Failed to parse the JSON Web Key Set HTTP response as JSON', { cause });
    }
    local = createLocalJWKSet(body as never); // throws JWKSInvalid when it is not a key set
    fetchedAt = options.clock();
  };
  const reload = async () => {
    pending ??= fetchSet().finally(() => {
      pending = undefined;
    });
    await pending;
  };

  return async (protectedHeader, token) => {
    if (!local || !within(options.cacheMaxAgeMs)) await reload();
    try {
      return await local!(protectedHeader, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey && !within(options.cooldownMs)) {
        await reload();
        return local!(protectedHeader, token);
      }
      throw error;
    }
  };
}
