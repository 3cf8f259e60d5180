import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseTargetUrl, resolveTarget, type ResolvedAddress, type TargetPolicy } from './target';

/** What one attempt came to: the receiver's status, or why there was none. */
export interface AttemptOutcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** The most of a receiver's answer that is read (and thrown away): a receiver cannot make us buffer its page. */
const maxResponseBytes = 64 * 1024;

/**
 * POSTs one signed webhook body. The host is resolved and every address checked first (target.ts);
 * the connection then uses only those addresses. Redirects are not followed (a 3xx is a failed
 * attempt: the receiver's URL is what the subscription names). The lookup, and then the connection
 * with the answer, are each bounded by `timeoutMs`.
 */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  policy: TargetPolicy,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let addresses: ResolvedAddress[];
  let target: URL;
  try {
    target = parseTargetUrl(url);
    addresses = await resolveTarget(target, policy);
  } catch (error) {
    return { statusCode: null, error: `refused: the URL ${(error as Error).message}`, durationMs: elapsed() };
  }
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) (callback as (e: null, a: ResolvedAddress[]) => void)(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
  const options: RequestOptions = {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
    lookup: pinned,
    timeout: timeoutMs,
    signal: AbortSignal.timeout(timeoutMs),
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<AttemptOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<AttemptOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...outcome, durationMs: elapsed() });
    };
    const req = send(target, options, (res) => {
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > maxResponseBytes) res.destroy();
      });
      const statusCode = res.statusCode ?? null;
      const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
      const done = () => finish({ statusCode, error: ok ? null : `the receiver answered ${statusCode}` });
      res.on('end', done);
      res.on('close', done);
      res.on('error', done);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) => {
      const reason = error.name === 'AbortError' || error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : error.message;
      finish({ statusCode: null, error: error.code && !reason.includes(error.code) ? `${reason} (${error.code})` : reason });
    });
    req.end(body);
  });
}
