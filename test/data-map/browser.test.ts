import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsoleMessage } from 'playwright-core';
import t from 'tap';
import { launchChromium, openDocs } from '../../scripts/screenshot-docs';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { buildTestApp, tokenFor } from '../helper';
import { requireService } from '../support/requires';

// The data map of the example register, as an auditor opens it: the SVG in a real browser
// (Debian's chromium), under the service's CSP, with no console errors; every node and arrow is
// drawn. A screenshot of it is kept in docs/ (docs/data-map.png). Swagger UI's introduction shows the
// example's diagram (GET /docs/data-map.svg) to a visitor without a token.

t.test('the Woktron data map renders in chromium without console errors', async (t) => {
  if (!(await requireService(t, 'chromium'))) return;
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const token = await tokenFor(app, 'reader');
  const graph = (await app.inject({ method: 'GET', url: '/v1/register/data-map', headers: { authorization: `Bearer ${token}` } })).json();

  const browser = await launchChromium({ width: 1600, height: 1000 });
  t.teardown(() => browser.close());
  const problems: string[] = [];
  browser.context.on('console', (message: ConsoleMessage) => {
    // The browser asks for a favicon of its own accord; the service has none (404).
    if (message.type() === 'error' && !message.location().url?.endsWith('/favicon.ico')) problems.push(`console error: ${message.text()}`);
  });
  browser.context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`));
  await browser.context.setExtraHTTPHeaders({ authorization: `Bearer ${token}` });
  const response = await browser.page.goto(new URL('/v1/register/data-map?format=svg', base).toString());
  t.equal(response?.status(), 200);
  t.match(response?.headers()['content-type'], /^image\/svg\+xml/);
  const svg = browser.page.locator('svg');
  t.equal(await browser.page.locator('g.node').count(), graph.nodes.length, 'every node drawn');
  t.equal(await browser.page.locator('g.edge').count(), graph.edges.length, 'every arrow drawn');
  const box = await svg.boundingBox();
  t.ok(box && box.width > 400 && box.height > 300, 'laid out at a readable size');
  t.comment(`diagram ${Math.round(box?.width ?? 0)} × ${Math.round(box?.height ?? 0)} px`);
  t.ok(await browser.page.getByText('Google Analytics cookies').first().isVisible(), 'labels are visible');
  t.same(problems, [], 'no console or page errors');

  const docs = join(__dirname, '..', '..', 'docs');
  mkdirSync(docs, { recursive: true });
  // Chromium cannot screenshot a bare SVG document (it waits forever): the same markup in a page.
  const markup = await response!.text();
  const page = await browser.context.newPage();
  await page.setContent(`<!doctype html><html><body style="margin:0">${markup.replace(/^[\s\S]*?(<svg)/, '$1')}</body></html>`);
  await page.screenshot({ path: join(docs, 'data-map.png'), fullPage: true, timeout: 120_000 });

  // Swagger UI's introduction shows the example's diagram to a visitor without a token.
  await browser.context.setExtraHTTPHeaders({});
  const visitor = await browser.context.newPage();
  await openDocs(visitor, base);
  const picture = visitor.locator('.swagger-ui .info img[src="/docs/data-map.svg"]');
  await picture.waitFor();
  // A string, as the page evaluates it (the test is compiled without the DOM's types).
  const image = `document.querySelector('.swagger-ui .info img[src="/docs/data-map.svg"]')`;
  await visitor.waitForFunction(`${image}.complete`);
  const natural = (await visitor.evaluate(`({ width: ${image}.naturalWidth, height: ${image}.naturalHeight })`)) as {
    width: number;
    height: number;
  };
  t.ok(natural.width > 400 && natural.height > 300, `the introduction's diagram loaded (${natural.width} × ${natural.height})`);
  t.ok(await picture.isVisible(), 'and is shown');
  t.same(problems, [], 'no console or page errors on the docs page either');
});
