import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { findingCodes, ruleCatalogue } from '../../src/findings/catalogue';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { buildTestApp, call } from '../helper';

/** Counts the SELECT statements every query runner of the app sends while `fn` runs. */
async function selectsDuring(app: FastifyInstance, fn: () => Promise<unknown>): Promise<number> {
  const runner = app.dataSource.createQueryRunner();
  const prototype = Object.getPrototypeOf(runner);
  await runner.release();
  const original = prototype.query;
  let selects = 0;
  prototype.query = function (this: unknown, sql: string, ...rest: unknown[]) {
    if (/^\s*SELECT/i.test(sql)) selects += 1;
    return original.call(this, sql, ...rest);
  };
  try {
    await fn();
  } finally {
    prototype.query = original;
  }
  return selects;
}

t.test('the seeded Woktron register: its findings, filters, query count and who may read them', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  const activities = (await call(app, 'GET', '/v1/processing-activities?limit=100')).data.items as { id: string; name: string }[];
  const activityId = (name: string) => activities.find((a) => a.name === name)!.id;

  const register = await call(app, 'GET', '/v1/register/findings');
  t.equal(register.statusCode, 200);
  const { findings, summary, total } = register.data;
  // The four systems the policy names without saying which processing uses them are unused until the DPO links them.
  t.equal(total, 10);
  // The worked example in the README: these are the gaps the policy leaves.
  t.strictSame(summary, [
    { code: 'consent-withdrawal-not-stated', severity: 'error', count: 1 },
    { code: 'processor-agreement-missing', severity: 'error', count: 1 },
    { code: 'dpia-not-recorded', severity: 'warning', count: 2 },
    { code: 'system-unused', severity: 'warning', count: 4 },
    { code: 'notice-right-missing', severity: 'warning', count: 1 },
    { code: 'access-fee-stated', severity: 'warning', count: 1 },
  ]);
  const brief = findings.map((f: any) => [f.code, f.entity.resource, f.entity.name, f.field]);
  t.strictSame(brief, [
    ['consent-withdrawal-not-stated', 'privacy-policies', 'Privacy Beleid', '/rights'],
    ['processor-agreement-missing', 'recipients', 'Service partners and agents', '/processingAgreementStatus'],
    ['dpia-not-recorded', 'processing-activities', 'Abuse handling and terms-of-service enforcement', '/dpiaRequired'],
    ['dpia-not-recorded', 'processing-activities', 'Legal proceedings and claims', '/dpiaRequired'],
    ['system-unused', 'systems', 'Endpoints', null],
    ['system-unused', 'systems', 'Password managers', null],
    ['system-unused', 'systems', 'Security information and event management solutions', null],
    ['system-unused', 'systems', 'Woktron servers', null],
    ['notice-right-missing', 'privacy-policies', 'Privacy Beleid', '/rights'],
    ['access-fee-stated', 'privacy-policies', 'Privacy Beleid', '/rights/0/feeNote'],
  ]);
  const names = (finding: any) => finding.activities.map((a: any) => a.name);
  t.strictSame(
    names(findings[0]),
    ['Marketing, newsletters and customer research', 'Website analytics (Google Analytics)'],
    'the two consent activities',
  );
  t.strictSame(names(findings[1]), ['Customer communication and support', 'Customer orders and service delivery', 'Identity verification']);
  t.match(
    findings.find((f: any) => f.code === 'notice-right-missing').explanation,
    /right to lodge a complaint \(Art\. 77\), which applies to 13 activities/,
  );
  t.match(findings[2].explanation, /systematic monitoring.*matching or combining datasets/);
  for (const finding of findings) {
    t.match(finding.explanation, /^Art\. [0-9]+[^\n]*GDPR[^\n]*$/, `${finding.code}: one line citing the article`);
    t.ok(finding.resolution.length > 20, `${finding.code}: a resolution`);
    t.equal(finding.severity, ruleCatalogue[finding.code as keyof typeof ruleCatalogue].severity);
  }

  // Filters.
  const query = async (q: string) => (await call(app, 'GET', `/v1/register/findings?${q}`)).data;
  t.strictSame(
    (await query('severity=error')).findings.map((f: any) => f.code),
    ['consent-withdrawal-not-stated', 'processor-agreement-missing'],
  );
  const dpia = await query('code=dpia-not-recorded');
  t.equal(dpia.total, 2);
  t.strictSame(dpia.summary, [{ code: 'dpia-not-recorded', severity: 'warning', count: 2 }], 'the summary counts what is returned');
  const analytics = await query(`activityId=${activityId('Website analytics (Google Analytics)')}`);
  t.strictSame(
    analytics.findings.map((f: any) => f.code),
    ['consent-withdrawal-not-stated', 'notice-right-missing', 'access-fee-stated'],
  );
  t.strictSame(
    (await query(`activityId=${activityId('Abuse handling and terms-of-service enforcement')}&severity=warning`)).findings.map(
      (f: any) => f.code,
    ),
    ['dpia-not-recorded', 'notice-right-missing', 'access-fee-stated'],
  );
  t.equal((await query('activityId=00000000-0000-4000-8000-000000000000')).total, 0);
  for (const bad of ['severity=fatal', 'code=no-such-rule', 'activityId=abc', 'colour=red']) {
    const response = await call(app, 'GET', `/v1/register/findings?${bad}`);
    t.equal(response.statusCode, 400, `${bad}: 400`);
    t.equal(response.data.code, 'VALIDATION_FAILED');
  }

  // Per activity.
  const abuse = await call(
    app,
    'GET',
    `/v1/processing-activities/${activityId('Abuse handling and terms-of-service enforcement')}/findings`,
  );
  t.equal(abuse.statusCode, 200);
  t.strictSame(abuse.data.activity, {
    id: activityId('Abuse handling and terms-of-service enforcement'),
    name: 'Abuse handling and terms-of-service enforcement',
  });
  t.strictSame(
    abuse.data.findings.map((f: any) => f.code),
    ['dpia-not-recorded', 'notice-right-missing', 'access-fee-stated'],
  );
  t.equal(abuse.data.total, 3);
  const credit = await call(
    app,
    'GET',
    `/v1/processing-activities/${activityId('Credit checks and risk management')}/findings?code=dpia-not-recorded`,
  );
  t.strictSame(credit.data.findings, [], 'the credit-check DPIA is recorded');
  t.equal((await call(app, 'GET', '/v1/processing-activities/00000000-0000-4000-8000-000000000000/findings')).statusCode, 404);
  t.equal((await call(app, 'GET', '/v1/processing-activities/abc/findings')).statusCode, 400);

  // Four SELECTs per request, however many activities: the read model, the linked building blocks
  // (one statement for every kind), the controllers' policies and the retired entries.
  t.equal(
    await selectsDuring(app, () => call(app, 'GET', '/v1/register/findings')),
    4,
    `register: 4 queries for ${activities.length} activities`,
  );
  t.equal(
    await selectsDuring(app, () => call(app, 'GET', `/v1/processing-activities/${activities[0]!.id}/findings`)),
    4,
    'one activity: 4 queries',
  );

  // Every role reads findings; nobody without a token.
  for (const role of ['reader', 'auditor', 'editor', 'admin'] as const) {
    t.equal((await call(app, 'GET', '/v1/register/findings', undefined, role)).statusCode, 200, `${role} lists findings`);
    t.equal(
      (await call(app, 'GET', `/v1/processing-activities/${activities[0]!.id}/findings`, undefined, role)).statusCode,
      200,
      `${role} lists an activity's findings`,
    );
  }
  t.equal((await call(app, 'GET', '/v1/register/findings', undefined, null)).statusCode, 401);

  // Findings never block a save: a change that creates a defect is accepted, and then found.
  const orders = activityId('Customer orders and service delivery');
  const saved = await call(app, 'PATCH', `/v1/processing-activities/${orders}`, { securityMeasureIds: [], reviewDueAt: '2020-01-01' });
  t.equal(saved.statusCode, 200, 'saved despite the gaps');
  t.strictSame(
    (await call(app, 'GET', `/v1/processing-activities/${orders}/findings?severity=warning`)).data.findings.map((f: any) => f.code),
    ['security-measures-missing', 'review-overdue', 'notice-right-missing', 'access-fee-stated'],
  );
});

t.test('the README documents every rule code', async (t) => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Findings'));
  t.ok(readme.includes('## Findings'), 'a Findings section');
  for (const code of findingCodes) t.match(section, `| \`${code}\` |`, `${code} in the rule table`);
});
