import type { Clock } from '../clock';
import type { Principal } from './tokens';

interface Entry {
  principal: Principal;
  /** Epoch ms after which the entry is not used: the token's expiry (with the clock tolerance) or the cache's own limit, whichever is first. */
  until: number;
}

/**
 * Tokens already verified, by their exact text (signature included, so no other token can match),
 * for at most `maxAgeMs` and never past the expiry jose would still accept. Verifying an HS256 or
 * EdDSA signature goes through WebCrypto's thread pool, and that round trip was the largest piece
 * of a GET's latency under load; a client sends the same token for many requests. Least recently
 * used entries go first once `maxEntries` are held. Only successes are kept: a bad token is
 * checked every time. The principal handed out is frozen, as it is shared by every request with
 * that token. Ages and expiries are measured on the app's clock.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: Clock,
    private readonly maxEntries = 10_000,
  ) {}

  get enabled(): boolean {
    return this.maxAgeMs > 0 && this.maxEntries > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get(token: string): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    if (entry.until <= this.now()) return undefined;
    this.entries.set(token, entry); // most recently used last
    return entry.principal;
  }

  /** `acceptedUntil`: epoch ms up to which the verifier would accept the token (its `exp` plus the clock tolerance). */
  remember(token: string, principal: Principal, acceptedUntil: number): void {
    if (!this.enabled) return;
    const until = Math.min(acceptedUntil, this.now() + this.maxAgeMs);
    if (until <= this.now()) return;
    this.entries.delete(token);
    while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, {
      principal: Object.freeze({
        ...principal,
        roles: Object.freeze([...principal.roles]),
        units: Object.freeze([...principal.units]),
      }) as Principal,
      until,
    });
  }
}
