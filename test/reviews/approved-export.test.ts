import type { FastifyInstance } from 'fastify';
import t from 'tap';
import type { Role } from '../../src/auth/permissions';
import { buildTestApp, call, create, tokenFor } from '../helper';

async function as(app: FastifyInstance, sub: string, roles: Role[], url: string, payload?: object) {
  const headers: Record<string, string> = { authorization: `Bearer ${await tokenFor(app, roles, { sub })}` };
  headers['if-match'] = (await app.inject({ method: 'GET', url: url.replace(/\/(submit|approve)$/, ''), headers })).headers.etag as string;
  const response = await app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.body}`);
}

/** Submitted by erin, approved by dana: both DPOs, as these activities belong to no unit (only across-unit roles write those). */
async function approve(app: FastifyInstance, id: string) {
  await as(app, 'erin', ['dpo'], `/v1/processing-activities/${id}/submit`);
  await as(app, 'dana', ['approver', 'dpo'], `/v1/processing-activities/${id}/approve`, { comment: 'ok' });
}

/** A GET whose body is not JSON. */
async function raw(app: FastifyInstance, url: string) {
  return app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${await tokenFor(app, ['reader'])}` } });
}

const names = (document: { controllerRegister: { activities: { name: string }[] } }) =>
  document.controllerRegister.activities.map((activity) => activity.name);

t.test('the export is the approved state by default, the working state on request', async (t) => {
  const app = await buildTestApp(t);
  const controller = await create(app, 'organisations', { name: 'Acme Ltd', roles: ['controller'] });
  const subjects = await create(app, 'data-subject-categories', { name: 'Employees' });
  const base = { role: 'controller', status: 'active', controllerIds: [controller.id] };
  const payroll = await create(app, 'processing-activities', {
    ...base,
    name: 'Payroll',
    description: 'Pay staff',
    dataSubjectCategoryIds: [subjects.id],
  });
  const cctv = await create(app, 'processing-activities', { ...base, name: 'CCTV', owner: 'Facilities' });
  await create(app, 'processing-activities', { ...base, name: 'Newsletter', owner: 'Marketing' });
  await approve(app, payroll.id);
  await approve(app, cctv.id);
  await as(app, 'erin', ['dpo'], `/v1/processing-activities/${cctv.id}/submit`); // in review again, still approved as it was

  // After approval: Payroll edited (text and a linked block renamed), a new activity never approved.
  t.equal((await call(app, 'PATCH', `/v1/processing-activities/${payroll.id}`, { description: 'Pay staff and pensions' })).statusCode, 200);
  t.equal((await call(app, 'PATCH', `/v1/data-subject-categories/${subjects.id}`, { name: 'Staff' })).statusCode, 200);

  const approved = await call(app, 'GET', '/v1/register', undefined, 'reader');
  t.equal(approved.statusCode, 200, approved.body);
  t.equal(approved.headers['register-state'], 'approved');
  t.equal(approved.headers['register-not-approved'], '1');
  const document = approved.data;
  t.equal(document.filters.state, 'approved');
  t.same(names(document), ['CCTV', 'Payroll'], 'only approved activities');
  const shown = document.controllerRegister.activities.find((activity: { name: string }) => activity.name === 'Payroll');
  t.equal(shown.description, 'Pay staff', 'the text as approved, not the later edit');
  t.same(
    shown.dataSubjectCategories.map((category: { name: string }) => category.name),
    ['Employees'],
    'and the names it linked as approved',
  );
  t.match(document.notApproved, [{ name: 'Newsletter', reviewState: 'draft' }], 'the never-approved activity is listed, not hidden');
  t.equal(document.totals.notApproved, 1);
  t.equal(document.totals.activities, 2);

  const working = await call(app, 'GET', '/v1/register?state=working', undefined, 'reader');
  t.equal(working.headers['register-state'], 'working');
  t.equal(working.headers['register-not-approved'], '0');
  t.same(names(working.data), ['CCTV', 'Newsletter', 'Payroll'], 'the working state has every activity');
  t.equal(
    working.data.controllerRegister.activities.find((activity: { name: string }) => activity.name === 'Payroll').description,
    'Pay staff and pensions',
  );
  t.same(working.data.notApproved, []);

  const owned = await call(app, 'GET', '/v1/register?owner=Marketing', undefined, 'reader');
  t.same(names(owned.data), [], 'filters apply to the approved state');
  t.match(owned.data.notApproved, [{ name: 'Newsletter' }], 'and to what it leaves out');

  const csv = await raw(app, '/v1/register?format=csv');
  t.equal(csv.statusCode, 200);
  t.equal(csv.headers['register-not-approved'], '1', 'CSV says how many it leaves out');
  t.notOk(csv.body.includes('Newsletter'), 'and leaves it out');
  t.ok(csv.body.includes('Pay staff') && !csv.body.includes('pensions'), 'the approved text in CSV too');
  const jsonld = await raw(app, '/v1/register?format=jsonld');
  t.equal(jsonld.statusCode, 200);
  t.notOk(jsonld.body.includes('Newsletter'));

  const bad = await call(app, 'GET', '/v1/register?state=approved&format=yaml', undefined, 'reader');
  t.equal(bad.statusCode, 400, 'the register document is the working register: approved is refused, not ignored');
  t.equal(bad.data.errors[0].path, '/state');
  t.equal((await raw(app, '/v1/register?format=yaml')).statusCode, 200, 'without state it is served');
  const past = await call(app, 'GET', `/v1/register?state=approved&asOf=${new Date().toISOString()}`, undefined, 'auditor');
  t.equal(past.statusCode, 400, 'asOf replays the working state only');
  t.equal((await call(app, 'GET', '/v1/register?state=final', undefined, 'reader')).statusCode, 400);

  const notice = await call(app, 'GET', `/v1/privacy-notice?organisationId=${controller.id}`, undefined, 'reader');
  t.equal(notice.statusCode, 200, notice.body);
  t.equal(notice.data.state, 'approved');
  t.match(notice.data.notApproved, [{ name: 'Newsletter' }], 'the notice lists what it leaves out');
  t.notOk(JSON.stringify(notice.data).includes('pensions'), 'the notice reads the approved text');
  const workingNotice = await call(app, 'GET', `/v1/privacy-notice?organisationId=${controller.id}&state=working`, undefined, 'reader');
  t.equal(workingNotice.data.state, 'working');
  t.same(workingNotice.data.notApproved, []);

  await call(app, 'DELETE', `/v1/processing-activities/${cctv.id}`);
  t.same(
    names((await call(app, 'GET', '/v1/register', undefined, 'reader')).data),
    ['Payroll'],
    'a deleted activity leaves the approved state',
  );
});
