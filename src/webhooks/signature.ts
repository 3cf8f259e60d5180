import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the secret is `whsec_` + base64
 * of random bytes; the signature of a message is `v1,` + base64(HMAC-SHA256(secret bytes,
 * `${webhook-id}.${webhook-timestamp}.${body}`)). Receivers verify with the spec's libraries.
 */
const prefix = 'whsec_';

/** A new secret: 32 random bytes (the spec asks for 24 to 64). */
export function generateSecret(): string {
  return prefix + randomBytes(32).toString('base64');
}

/** The `webhook-signature` header value for one attempt. */
export function sign(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.slice(prefix.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}
