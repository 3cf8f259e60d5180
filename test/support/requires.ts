import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import type { Test } from 'tap';
import { chromiumPath } from '../../scripts/chromium-path';

/**
 * Whether a test may use a service that `npm install && npm test` does not start: PostgreSQL,
 * Redis, Chromium, LibreOffice. A configured service (DATABASE_URL, REDIS_URL, CHROMIUM_PATH,
 * LIBREOFFICE_PATH) is used as it is — if it is broken, the test fails. An unconfigured one is looked
 * for where this machine's packages put it (127.0.0.1:5432, 127.0.0.1:6379, /usr/bin/chromium,
 * /usr/bin/libreoffice); when it is not there the
 * test is skipped with a one-line reason. With TEST_REQUIRE_ALL_SERVICES=1 (CI's PGlite and
 * PostgreSQL passes) a missing service is a failure instead: there, every test must run.
 */

export type Service = 'postgres' | 'redis' | 'chromium' | 'libreoffice';

/** The environment variable that turns a missing service from a skip into a failure. */
export const requireAllServices = 'TEST_REQUIRE_ALL_SERVICES';

/** The PostgreSQL server tests create their databases on: DATABASE_URL, else the one on this machine. */
export const postgresServerUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** The Redis server tests use: REDIS_URL, else the one on this machine. */
export const redisServerUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/** Debian's LibreOffice (apt-get install -y libreoffice-calc-nogui), or LIBREOFFICE_PATH. */
export const libreofficePath = process.env.LIBREOFFICE_PATH || '/usr/bin/libreoffice';

interface Found {
  /** Where the service is (a URL or an executable's path), when it can be used. */
  at?: string;
  /** Why not, in one line. */
  reason?: string;
}

/** Whether something accepts TCP connections at the URL's host and port (1 s at most). */
function answers(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || defaultPort) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const where = (url: string) => new URL(url).host;

const probes: Record<Service, () => Promise<Found>> = {
  postgres: async () => {
    if (process.env.DATABASE_URL) return { at: postgresServerUrl };
    return (await answers(postgresServerUrl, 5432))
      ? { at: postgresServerUrl }
      : { reason: `needs PostgreSQL: none at ${where(postgresServerUrl)} and DATABASE_URL is not set` };
  },
  redis: async () => {
    if (process.env.REDIS_URL) return { at: redisServerUrl };
    return (await answers(redisServerUrl, 6379))
      ? { at: redisServerUrl }
      : { reason: `needs Redis: none at ${where(redisServerUrl)} and REDIS_URL is not set` };
  },
  chromium: async () =>
    existsSync(chromiumPath)
      ? { at: chromiumPath }
      : { reason: `needs Chromium: no ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)` },
  libreoffice: async () =>
    existsSync(libreofficePath)
      ? { at: libreofficePath }
      : { reason: `needs LibreOffice: no ${libreofficePath} (apt-get install -y libreoffice-calc-nogui, or set LIBREOFFICE_PATH)` },
};

const found = new Map<Service, Promise<Found>>();

/** Where the service is, probed once per test process. */
export function locate(service: Service): Promise<Found> {
  let result = found.get(service);
  if (!result) {
    result = probes[service]();
    found.set(service, result);
  }
  return result;
}

/**
 * The service's URL (or path) when this test can use it. Otherwise records a skip with the reason
 * — or, under TEST_REQUIRE_ALL_SERVICES=1, a failure — and returns undefined: the caller returns.
 */
export async function requireService(t: Test, service: Service): Promise<string | undefined> {
  const { at, reason } = await locate(service);
  if (at) return at;
  if (process.env[requireAllServices] === '1') t.fail(`${reason} (${requireAllServices}=1: every service must be there)`);
  else t.pass(`skipped: ${service}`, { skip: reason });
  return undefined;
}
