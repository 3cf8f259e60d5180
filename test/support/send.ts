import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

/** A response with its body parsed, when it is JSON. */
export type SentResponse = LightMyRequestResponse & { data: any };

export interface SendOptions {
  /** The bearer token (absent or null: no Authorization header). */
  bearer?: string | null;
  payload?: unknown;
  headers?: Record<string, string>;
  remoteAddress?: string;
  /**
   * For PATCH and DELETE without an If-Match header: read the entry's current ETag with this
   * token first, so that a refusal can only come from what the test looks at (a role, a limit).
   */
  etagWith?: string | null;
}

/** One request through inject, as the security and permission tests make them. */
export async function send(
  app: FastifyInstance,
  method: InjectOptions['method'],
  url: string,
  options: SendOptions = {},
): Promise<SentResponse> {
  const headers: Record<string, string> = { ...(options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}), ...options.headers };
  if ((method === 'PATCH' || method === 'DELETE') && options.etagWith && !('if-match' in headers)) {
    const current = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${options.etagWith}` } });
    if (typeof current.headers.etag === 'string') headers['if-match'] = current.headers.etag;
  }
  const response = await app.inject({
    method,
    url,
    headers,
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    ...(options.payload === undefined ? {} : { payload: options.payload as object }),
  });
  let data: any;
  try {
    data = response.body ? JSON.parse(response.body) : undefined;
  } catch {
    data = undefined; // not JSON (a CSV, an HTML page): the test reads response.body
  }
  return Object.assign(response, { data });
}
