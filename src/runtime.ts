import { setFlagsFromString } from 'node:v8';
import type { Config } from './config';

/**
 * Process-wide settings of a server process (src/server.ts, and the benchmark's service, which
 * must measure what production runs). Not part of buildApp: they belong to the process, not to
 * one app instance, and tests build many apps in one process.
 *
 * HEAP_GROWING_PERCENT: V8 picks how far the old generation may grow past its live size before
 * the next full collection, up to 4 ×. An export of 10,000 activities moves ~42 MB of parsed rows
 * into the old generation, so back-to-back exports grew the process to 240–270 MB before V8
 * collected; at 50 % it stays near 160 MB at the same speed (`npm run bench`, README Performance).
 * V8 reads the flag each time it sets the next limit, so setting it after start-up takes effect.
 */
export function applyProcessSettings(config: Pick<Config, 'HEAP_GROWING_PERCENT'>): void {
  if (config.HEAP_GROWING_PERCENT > 0) setFlagsFromString(`--heap-growing-percent=${config.HEAP_GROWING_PERCENT}`);
}
