import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsoleMessage, Locator, Page, Request } from 'playwright-core';
import t, { type Test } from 'tap';
import { chromiumPath, launchChromium, openDocs, authorize, type Chromium } from '../../scripts/screenshot-docs';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { buildTestApp, tokenFor } from '../helper';
import { requireService } from '../support/requires';

// The auditor's visit, in a real browser (Debian's chromium, driven by playwright-core): Swagger UI
// at /docs explains the register, takes a token once (and keeps it), runs the export and downloads
// it with a proper file name, fetches a signed snapshot — and an anonymous visitor gets the 401
// problem. Swagger UI works under the helmet CSP with its own assets only: no console errors, no
// CSP violations, no request to any host but the service.

const artifacts = join(__dirname, '..', 'artifacts');
const activityNames = woktronRegister.activities.map((activity) => activity.name);
const registerTag = 'Register export and snapshots';

// Room for the slow renders (visit); tap's 300 s is per file.
t.setTimeout(900_000);

t.test('the auditor visits /docs in chromium', async (t) => {
  if (!(await requireService(t, 'chromium'))) return;
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = new URL(base).origin;

  await t.test('authorized: the export, a download, a signed snapshot', (t) =>
    visit(t, 'auditor', origin, async (page) => {
      await openDocs(page, base);
      const info = page.locator('.swagger-ui .info');
      t.match(await info.locator('.title').innerText(), /Processing register/);
      const intro = await info.locator('.description').innerText();
      t.match(intro, /Article 30/, 'the introduction says what the register is');
      t.match(intro, /npm run token -- --role auditor/, '… how to get a token');
      t.match(intro, /GET \/v1\/register\/findings/, '… and where to start');
      const tags = await page
        .locator('.opblock-tag-section h3.opblock-tag')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-tag')));
      t.same(tags.slice(0, 5), [registerTag, 'Findings', 'Processing activities', 'Reviews', 'Organisations'], 'sections in reading order');
      t.equal(tags.at(-1), 'Administration');

      await authorize(page, await tokenFor(app, 'auditor', { sub: 'auditor@example.com' }));
      t.ok(await page.locator('.auth-wrapper button.authorize.locked').isVisible(), 'Authorize shows a closed lock');

      // Open the register tag, then GET /v1/register: Try it out → Execute.
      await page.locator(`h3.opblock-tag[data-tag="${registerTag}"]`).click();
      const exportOperation = operation(page, 'get', '/v1/register');
      await exportOperation.locator('.opblock-summary').click();
      t.match(
        await exportOperation.locator('.opblock-description-wrapper').innerText(),
        /Roles:.*auditor/s,
        'the operation names the roles it needs',
      );
      const exported = await execute(exportOperation);
      t.equal(exported.status, '200');
      t.equal(exported.url, `${base}/v1/register`, 'no filter is sent unasked');
      t.match(exported.headers, /content-disposition: attachment; filename="register-\d{4}-\d{2}-\d{2}\.json"/);
      // An attachment: Swagger UI offers it as a file, under the name the service gave it.
      const link = exportOperation.locator('.live-responses-table a[download]');
      t.match(await link.innerText(), /Download file/);
      t.match(await link.getAttribute('download'), /^register-\d{4}-\d{2}-\d{2}\.json$/);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      t.match(download.suggestedFilename(), /^register-\d{4}-\d{2}-\d{2}\.json$/, 'the download keeps the file name');
      const document = JSON.parse(readFileSync((await download.path())!, 'utf8'));
      // The default is the register as approved: on a freshly seeded register nothing is yet, so it
      // holds no activity and names every seeded one as not approved (state=working has them all).
      t.equal(document.filters.state, 'approved');
      t.same(document.controllerRegister.activities, [], 'no activity is approved yet');
      t.same(
        document.notApproved.map((activity: { name: string }) => activity.name).sort(),
        [...activityNames].sort(),
        `the downloaded register names the ${activityNames.length} seeded activities as not approved`,
      );

      // CSV, chosen with the format parameter: a .csv file.
      await exportOperation.locator('tr[data-param-name="format"] select').selectOption('csv');
      const csv = await execute(exportOperation);
      t.equal(csv.status, '200');
      t.match(
        await exportOperation.locator('.live-responses-table a[download]').getAttribute('download'),
        /^register-\d{4}-\d{2}-\d{2}\.csv$/,
      );

      // A response shown in the page: the processing activities, by name.
      await page.locator('h3.opblock-tag[data-tag="Processing activities"]').click();
      const list = operation(page, 'get', '/v1/processing-activities');
      await list.locator('.opblock-summary').click();
      const listed = await execute(list);
      t.equal(listed.status, '200');
      for (const name of activityNames) t.ok(listed.body.includes(JSON.stringify(name).slice(1, -1)), `shown: ${name}`);

      // The introduction's links are deep links: the findings open in a new tab, still authorized.
      const [tab] = await Promise.all([
        page.context().waitForEvent('page'),
        page.locator('.info .description a', { hasText: 'GET /v1/register/findings' }).click(),
      ]);
      await tab.locator('.swagger-ui .info .title').waitFor();
      const findings = operation(tab, 'get', '/v1/register/findings');
      await findings.locator('.opblock-body').waitFor();
      t.match(tab.url(), /\/docs#\/Findings\/list-register-findings$/);
      const found = await execute(findings);
      t.equal(found.status, '200', 'the findings, with the token this browser keeps');
      t.match(found.body, /"total": \d+/);
      await tab.close();

      // The token survives a reload (persistAuthorization).
      await page.reload();
      await page.locator('.swagger-ui .info .title').waitFor();
      t.ok(await page.locator('.auth-wrapper button.authorize.locked').isVisible(), 'still authorized after a reload');

      // Freeze and sign, then fetch the snapshot: a .json download, and the bare JWS as .jws.
      await page.locator(`h3.opblock-tag[data-tag="${registerTag}"]`).click();
      const create = operation(page, 'post', '/v1/register/snapshots');
      await create.locator('.opblock-summary').click();
      const created = await execute(create);
      t.equal(created.status, '201');
      const snapshot = JSON.parse(created.body);
      t.equal(snapshot.activityCount, activityNames.length);
      await create.locator('.opblock-summary').click();

      const get = operation(page, 'get', '/v1/register/snapshots/{id}');
      await get.locator('.opblock-summary').click();
      await get.locator('.try-out__btn').click();
      await get.locator('tr[data-param-name="id"] input').fill(snapshot.id);
      const fetched = await execute(get);
      t.equal(fetched.status, '200');
      const day = snapshot.createdAt.slice(0, 10);
      t.equal(
        await get.locator('.live-responses-table a[download]').getAttribute('download'),
        `register-snapshot-${day}-${snapshot.id}.json`,
      );
      await get
        .locator('tr.response[data-code="200"] .response-control-media-type--accept-controller select')
        .selectOption('application/jose');
      const jose = await execute(get);
      t.equal(jose.status, '200');
      const jwsLink = get.locator('.live-responses-table a[download]');
      t.equal(await jwsLink.getAttribute('download'), `register-snapshot-${day}-${snapshot.id}.jws`);
      const [jws] = await Promise.all([page.waitForEvent('download'), jwsLink.click()]);
      t.equal(readFileSync((await jws.path())!, 'utf8'), snapshot.jws, 'the .jws file is the signed snapshot');
    }),
  );

  await t.test('anonymous, in a fresh browser: a deep link, then 401 problem+json', (t) =>
    visit(
      t,
      'anonymous',
      origin,
      async (page) => {
        // A deep link opens the operation itself.
        await openDocs(page, base, `#/${encodeURIComponent(registerTag)}/get-register`);
        const exportOperation = operation(page, 'get', '/v1/register');
        await exportOperation.locator('.opblock-body').waitFor();
        t.ok(await exportOperation.evaluate((node) => node.classList.contains('is-open')), 'the deep link opened GET /v1/register');
        t.notOk(await page.locator('.auth-wrapper button.authorize.locked').count(), 'nothing authorized in a new browser');

        const denied = await execute(exportOperation);
        t.equal(denied.status, '401');
        t.match(denied.headers, /content-type: application\/problem\+json/);
        t.match(denied.body, /"status": 401/);
        t.match(denied.body, /"title": "A valid bearer token is required"/);
        t.match(denied.body, /"code": "UNAUTHENTICATED"/);
      },
      [/\/v1\/register\b.*401|401.*\/v1\/register\b/],
    ),
  );
});

/** The operation block for a method and path. */
function operation(page: Page, method: string, path: string): Locator {
  return page.locator(`.opblock-${method}`).filter({ has: page.locator(`.opblock-summary-path[data-path="${path}"]`) });
}

/** Try it out (unless already on) → Execute; the live response's status, headers and body as shown. */
async function execute(block: Locator) {
  if ((await block.locator('.try-out__btn.cancel').count()) === 0) await block.locator('.try-out__btn').click();
  const responses = block.locator('.live-responses-table');
  // A second Execute must not read the first one's response: Clear it first.
  const clear = block.locator('button.btn-clear');
  if (await clear.count()) {
    await clear.click();
    await responses.waitFor({ state: 'detached' });
  }
  await block.locator('button.execute').click();
  await responses.locator('tbody .response-col_status').first().waitFor();
  const row = responses.locator('tbody tr.response').first();
  const status = (await row.locator('.response-col_status').innerText()).trim();
  const description = row.locator('.response-col_description');
  const headers = (await description.locator('pre:has(.headerline)').allInnerTexts()).join('\n').toLowerCase();
  const body = (await description.locator('.highlight-code pre').allInnerTexts()).join('\n');
  const url = (await block.locator('.request-url pre').innerText()).trim();
  return { status, headers, body, url };
}

/**
 * Runs a visit in a fresh chromium, failing on console errors, CSP violations, failed requests
 * and requests leaving the service's origin; a screenshot goes to test/artifacts/ on failure.
 */
async function visit(t: Test, name: string, origin: string, fn: (page: Page) => Promise<void>, expectedErrors: RegExp[] = []) {
  let browser: Chromium | undefined;
  try {
    browser = await launchChromium();
  } catch (error) {
    t.fail(`chromium at ${chromiumPath} did not start: ${(error as Error).message}`);
    return;
  }
  const { context, page } = browser;
  // Opening GET /v1/register (the deep link below, or a click) makes Swagger UI resolve the whole
  // register export schema tree before it renders the page: 35 s on two cores under load 5 (a few
  // seconds idle), beyond playwright's 30 s default.
  context.setDefaultTimeout(120_000);
  const problems: string[] = [];
  // On the context: the tabs a link opens are watched too.
  context.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const text = `${message.text()} ${message.location().url ?? ''}`;
    if (!expectedErrors.some((expected) => expected.test(text))) problems.push(`console error: ${text}`);
  });
  context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`));
  context.on('request', (request: Request) => {
    const url = new URL(request.url());
    if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && url.origin !== origin)
      problems.push(`request to another host: ${request.url()}`);
  });
  context.on('requestfailed', (request: Request) => {
    // The blob: URL of a download is revoked by Swagger UI; that is not a failed load.
    if (!request.url().startsWith('blob:')) problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  // CSP violations are also reported as console errors; this names the directive.
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) => console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + event.blockedURI));`,
  });
  try {
    await fn(page);
    t.same(problems, [], 'no console errors, CSP violations, failed or foreign requests');
  } catch (error) {
    t.fail(`${name}: ${(error as Error).message}`);
    if (problems.length) t.comment(problems.join('\n'));
  } finally {
    if (!t.passing()) {
      mkdirSync(artifacts, { recursive: true });
      const file = join(artifacts, `docs-${name}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      t.comment(`screenshot: ${file}`);
    }
    await browser.close();
  }
}
