import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../src/app';
import { mintToken } from '../src/auth/tokens';
import { loadConfig } from '../src/config';
import { chromiumPath } from './chromium-path';

export { chromiumPath };

/** Headless, offline, quiet: nothing but the page under test talks to the network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Chromium {
  context: BrowserContext;
  page: Page;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/** A headless chromium with a fresh profile of its own (a new visitor: no stored authorization). */
export async function launchChromium(viewport = { width: 1280, height: 900 }): Promise<Chromium> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'register-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      viewport,
      acceptDownloads: true,
      locale: 'en-GB',
      timezoneId: 'Europe/Amsterdam',
    });
    const page = context.pages()[0] ?? (await context.newPage());
    return {
      context,
      page,
      close: async () => {
        await context.close().catch(() => undefined);
        rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Opens /docs and waits until Swagger UI has rendered the spec. */
export async function openDocs(page: Page, base: string, hash = '') {
  await page.goto(`${base}/docs${hash}`);
  await page.locator('.swagger-ui .info .title').waitFor();
  await page.locator('.swagger-ui .opblock-tag-section').first().waitFor();
}

/** Authorize → paste the token → Authorize → Close, as a person does. */
export async function authorize(page: Page, token: string) {
  await page.locator('.auth-wrapper button.authorize').click();
  const dialog = page.locator('.modal-ux');
  await dialog.locator('input#auth-bearer-value').fill(token);
  await dialog.locator('button.modal-btn.authorize').click();
  await dialog.locator('button.btn-done').click();
  await dialog.waitFor({ state: 'detached' });
}

/** A first `npm start` on a fresh embedded database (the example register is loaded), with only what is set here: no .env, no DATABASE_URL. */
export const exampleConfig = (dataDir: string) =>
  loadConfig({
    DATA_DIR: dataDir,
    SEED_ON_EMPTY: 'true',
    LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(32).toString('base64url'),
    PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
  });

/**
 * `npm run screenshot-docs`: starts the service on a fresh embedded database (the example
 * register is loaded, as on a first `npm start`), authorizes Swagger UI with an auditor token and
 * writes docs/swagger-ui.png — the introduction and the sections in reading order.
 */
async function main() {
  if (!existsSync(chromiumPath)) throw new Error(`No chromium at ${chromiumPath}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  const out = resolve(process.argv[2] ?? join(__dirname, '..', '..', 'docs', 'swagger-ui.png'));
  const dataDir = mkdtempSync(join(tmpdir(), 'register-screenshot-'));
  let app: FastifyInstance | undefined;
  let browser: Chromium | undefined;
  try {
    app = await buildApp(exampleConfig(dataDir));
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const token = await mintToken(app.auth.keys.secret!, app.auth.settings, {
      sub: 'auditor@example.com',
      roles: ['auditor'],
      ttlSeconds: 600,
    });

    browser = await launchChromium({ width: 1280, height: 900 });
    const { page } = browser;
    await openDocs(page, base);
    await authorize(page, token);
    await page.mouse.move(0, 0);
    await page.evaluate('window.scrollTo(0, 0)');
    mkdirSync(dirname(out), { recursive: true });
    await page.screenshot({ path: out, fullPage: true, animations: 'disabled' });
    console.log(`wrote ${out}`);
  } finally {
    await browser?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
