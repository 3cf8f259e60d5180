import type { FastifyRequest } from 'fastify';

/**
 * Query parameter names that carry credentials. Tokens belong in the Authorization header (one
 * in the query string is refused), but a client that sends one anyway must not find it in our
 * logs, which are kept and read more widely than the token should be.
 */
const credentialName = /token|secret|passw|pwd|api[-_]?key|signature|credential|session|jwt|bearer|authori[sz]ation|^(key|sig|auth|sid)$/i;

const decoded = (name: string) => {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
};

/** The URL with the value of every credential-like query parameter replaced by [REDACTED]. */
export function redactedUrl(url: string): string {
  const hash = url.indexOf('#');
  const beforeFragment = hash === -1 ? url : url.slice(0, hash);
  const question = beforeFragment.indexOf('?');
  if (question === -1) return url;
  const query = beforeFragment
    .slice(question + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals === -1 || !credentialName.test(decoded(pair.slice(0, equals)))) return pair;
      return `${pair.slice(0, equals)}=[REDACTED]`;
    })
    .join('&');
  return `${beforeFragment.slice(0, question + 1)}${query}${hash === -1 ? '' : url.slice(hash)}`;
}

/** Fastify's request log serializer (the same fields), with credentials in the query string redacted. */
export function requestLogSerializer(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactedUrl(request.url),
    version: [request.headers?.['accept-version']].flat()[0],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
