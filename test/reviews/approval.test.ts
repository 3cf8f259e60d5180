import type { FastifyInstance } from 'fastify';
import t from 'tap';
import type { Role } from '../../src/auth/permissions';
import { buildTestApp, call, create, tokenFor } from '../helper';
import { manualClock } from '../support/clock';

const day = 86_400_000;

/**
 * A request as a named person with these roles, whose token names the unit `sales` (an editor
 * writes only that unit's activities; approvers review across units); POSTs carry If-Match unless
 * `etag` is null.
 */
async function as(
  app: FastifyInstance,
  sub: string,
  roles: Role[],
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  options: { payload?: object; etag?: string | null } = {},
) {
  const headers: Record<string, string> = { authorization: `Bearer ${await tokenFor(app, roles, { sub, units: ['sales'] })}` };
  if (options.etag !== null && method !== 'GET') {
    const target = url.replace(/\/(submit|approve|return)$/, '');
    headers['if-match'] = options.etag ?? ((await app.inject({ method: 'GET', url: target, headers })).headers.etag as string);
  }
  const response = await app.inject({ method, url, headers, ...(options.payload ? { payload: options.payload } : {}) });
  return Object.assign(response, { data: response.body ? JSON.parse(response.body) : undefined });
}

const editor = (app: FastifyInstance, ...rest: Parameters<typeof as> extends [unknown, unknown, unknown, ...infer R] ? R : never) =>
  as(app, 'erin', ['editor'], ...rest);
const approver = (app: FastifyInstance, ...rest: Parameters<typeof as> extends [unknown, unknown, unknown, ...infer R] ? R : never) =>
  as(app, 'dana', ['approver'], ...rest);

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const clock = manualClock(Date.parse('2026-03-10T12:00:00Z'));
  const app = await buildTestApp(
    t,
    { LOG_LEVEL: 'error', REVIEW_CYCLE: 'P1Y', WEBHOOK_ALLOWED_PRIVATE_NETWORKS: '127.0.0.0/8' },
    { clock },
  );
  await create(app, 'organisational-units', { name: 'Sales', key: 'sales' });
  return { app, clock };
}

async function newActivity(app: FastifyInstance, name: string, extra: Record<string, unknown> = {}) {
  const created = await as(app, 'erin', ['editor'], 'POST', '/v1/processing-activities', {
    payload: { name, role: 'controller', status: 'active', owner: 'Sales', ...extra },
    etag: null,
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  return created.data;
}

t.test('draft → in review → approved, four eyes, and back to draft on an edit', async (t) => {
  const { app } = await setup(t);
  const activity = await newActivity(app, 'Payroll');
  const url = `/v1/processing-activities/${activity.id}`;
  t.equal(activity.reviewState, 'draft', 'a new activity is a draft');
  t.equal(activity.approval, null, 'never approved');

  const early = await approver(app, 'POST', `${url}/approve`, { payload: {} });
  t.equal(early.statusCode, 409, 'a draft cannot be approved');
  t.equal(early.data.code, 'REVIEW_STATE_CONFLICT');
  t.match(early.headers['content-type'], /application\/problem\+json/);

  const noMatch = await editor(app, 'POST', `${url}/submit`, { etag: null });
  t.equal(noMatch.statusCode, 428, 'submitting needs If-Match');
  const stale = await editor(app, 'POST', `${url}/submit`, { etag: '"stale"' });
  t.equal(stale.statusCode, 412, 'and a current one');

  const submitted = await editor(app, 'POST', `${url}/submit`);
  t.equal(submitted.statusCode, 200, submitted.body);
  t.equal(submitted.data.reviewState, 'in-review');
  t.equal(submitted.data.submittedBy, 'erin');
  t.equal(submitted.data.submittedAt, '2026-03-10T12:00:00.000Z', 'the time is the app clock’s');
  t.equal(submitted.data.version, activity.version + 1, 'a step is a new version');
  t.equal(submitted.headers.etag, (await call(app, 'GET', url)).headers.etag, 'its ETag is the stored one');
  t.equal((await editor(app, 'POST', `${url}/submit`)).data.code, 'REVIEW_STATE_CONFLICT', 'already in review');

  t.equal((await editor(app, 'POST', `${url}/approve`, { payload: {} })).statusCode, 403, 'an editor may not approve');
  const own = await as(app, 'erin', ['editor', 'approver'], 'POST', `${url}/approve`, { payload: { comment: 'mine' } });
  t.equal(own.statusCode, 403, 'the last editor may not approve, even holding the approver role');
  t.equal(own.data.code, 'FOUR_EYES_REQUIRED');
  t.match(own.data.detail, /erin/);

  const approved = await approver(app, 'POST', `${url}/approve`, { payload: { comment: 'Checked with HR.' } });
  t.equal(approved.statusCode, 200, approved.body);
  t.equal(approved.data.reviewState, 'approved');
  t.same(approved.data.approval, {
    version: approved.data.version,
    approvedBy: 'dana',
    approvedAt: '2026-03-10T12:00:00.000Z',
    comment: 'Checked with HR.',
    reviewDueOn: '2027-03-10',
  });
  const [kept] = await app.dataSource.query('SELECT body, etag FROM activity_approvals WHERE activity_id = $1', [activity.id]);
  t.equal(kept.body, (await call(app, 'GET', url)).body, 'the approved document is the representation at approval');
  t.equal((await approver(app, 'POST', `${url}/approve`, { payload: {} })).data.code, 'REVIEW_STATE_CONFLICT', 'approved once');

  const edited = await call(app, 'PATCH', url, { description: 'Now with pensions' }, { roles: 'editor', units: ['sales'] });
  t.equal(edited.statusCode, 200, edited.body);
  t.equal(edited.data.reviewState, 'draft', 'an edit returns it to draft');
  t.equal(edited.data.approval.version, approved.data.version, 'the last approval is still shown');
  const [still] = await app.dataSource.query('SELECT body FROM activity_approvals WHERE activity_id = $1', [activity.id]);
  t.equal(still.body, kept.body, 'the approved text stays what was approved');
  t.notOk(JSON.parse(still.body).description, 'without the later edit');

  // The admin who edited last (sub test-user) is now the last editor; erin may approve it after dana submits.
  t.equal((await approver(app, 'POST', `${url}/submit`)).statusCode, 403, 'an approver alone cannot submit (not an editor)');
  await as(app, 'dana', ['editor'], 'POST', `${url}/submit`);
  const second = await as(app, 'erin', ['approver'], 'POST', `${url}/approve`, { payload: {} });
  t.equal(second.statusCode, 200, 'someone else than the last editor approves');
  t.equal(second.data.approval.comment, null);
  t.equal(
    (await app.dataSource.query('SELECT 1 FROM activity_approvals WHERE activity_id = $1', [activity.id])).length,
    2,
    'every approval is kept',
  );
});

t.test('an edit of the links returns it to draft; an edit of a linked building block does not', async (t) => {
  const { app } = await setup(t);
  const subjects = await create(app, 'data-subject-categories', { name: 'Employees' });
  const activity = await newActivity(app, 'Payroll');
  const url = `/v1/processing-activities/${activity.id}`;
  await editor(app, 'POST', `${url}/submit`);
  await approver(app, 'POST', `${url}/approve`, { payload: {} });
  const linked0 = await call(app, 'PATCH', url, { dataSubjectCategoryIds: [subjects.id] }, { roles: 'editor', units: ['sales'] });
  t.equal(linked0.data.reviewState, 'draft', 'changing its links is an edit');
  await as(app, 'dana', ['editor'], 'POST', `${url}/submit`);
  await editor(app, 'POST', `${url}/approve`, { payload: {} });
  await as(app, 'erin', ['approver'], 'POST', `${url}/approve`, { payload: {} });
  t.equal((await call(app, 'PATCH', `/v1/data-subject-categories/${subjects.id}`, { name: 'Staff' })).statusCode, 200);
  t.equal((await call(app, 'GET', url)).data.reviewState, 'approved', 'a building block is not the activity: still approved');
  const shown = await call(app, 'GET', url);
  t.equal(shown.data.dataSubjectCategories[0].name, 'Staff', 'the working state shows the new name');
  const [kept] = await app.dataSource.query('SELECT body FROM activity_approvals WHERE activity_id = $1 ORDER BY sequence DESC LIMIT 1', [
    activity.id,
  ]);
  t.equal(JSON.parse(kept.body).dataSubjectCategories[0].name, 'Employees', 'the approved text keeps the name it was approved with');
});

t.test('return to draft needs a reason and an approver', async (t) => {
  const { app } = await setup(t);
  const activity = await newActivity(app, 'CCTV');
  const url = `/v1/processing-activities/${activity.id}`;
  t.equal((await approver(app, 'POST', `${url}/return`, { payload: { comment: 'x' } })).data.code, 'REVIEW_STATE_CONFLICT');
  await editor(app, 'POST', `${url}/submit`);
  const bare = await approver(app, 'POST', `${url}/return`, { payload: {} });
  t.equal(bare.statusCode, 400, 'a return without a comment is refused');
  t.equal(bare.data.code, 'VALIDATION_FAILED');
  t.equal((await editor(app, 'POST', `${url}/return`, { payload: { comment: 'no' } })).statusCode, 403, 'editors cannot return');
  const returned = await approver(app, 'POST', `${url}/return`, { payload: { comment: 'State the retention.' } });
  t.equal(returned.statusCode, 200, returned.body);
  t.equal(returned.data.reviewState, 'draft');
  t.equal(returned.data.reviewComment, 'State the retention.');
});

t.test('the steps are in the audit trail and the as-of history, and in the outbox', async (t) => {
  const { app } = await setup(t);
  const subscription = await call(app, 'POST', '/v1/webhooks/subscriptions', {
    url: 'http://127.0.0.1:9/hook',
    events: ['activity.submitted', 'activity.approved', 'review.due'],
  });
  t.equal(subscription.statusCode, 201, subscription.body);
  const activity = await newActivity(app, 'Payroll');
  const url = `/v1/processing-activities/${activity.id}`;
  await editor(app, 'POST', `${url}/submit`);
  const approved = await approver(app, 'POST', `${url}/approve`, { payload: { comment: 'ok' } });

  const trail = await call(app, 'GET', `/v1/audit-events?resource=processing-activities&entityId=${activity.id}`, undefined, 'auditor');
  t.equal(trail.statusCode, 200, trail.body);
  const steps = [...trail.data.items].sort((a: { sequence: string }, b: { sequence: string }) => Number(a.sequence) - Number(b.sequence));
  t.same(
    steps.map((event: { actor: string; after: { reviewState: string } }) => [event.actor, event.after?.reviewState]),
    [
      ['erin', 'draft'],
      ['erin', 'in-review'],
      ['dana', 'approved'],
    ],
    'who did each step, and the state after it',
  );
  const history = await call(app, 'GET', `/v1/processing-activities/${activity.id}/history`, undefined, 'auditor');
  if (history.statusCode === 200) t.ok(JSON.stringify(history.data).includes('in-review'), 'the history holds the review state');

  const messages: { type: string; body: string }[] = await app.dataSource.query(
    `SELECT type, body FROM webhook_messages WHERE type IN ('activity.submitted', 'activity.approved', 'review.due') ORDER BY created_at, type`,
  );
  t.same(
    messages.map((message) => message.type),
    ['activity.submitted', 'activity.approved'],
    'one event per step, written with it',
  );
  const body = JSON.parse(messages[1]!.body);
  t.match(body.data, { id: activity.id, name: 'Payroll', version: approved.data.version, approvedBy: 'dana', reviewDueOn: '2027-03-10' });
});

t.test('reviews due: overdue and upcoming per owner, by the injected clock; review.due once each', async (t) => {
  const { app, clock } = await setup(t);
  await call(app, 'POST', '/v1/webhooks/subscriptions', { url: 'http://127.0.0.1:9/hook', events: ['review.due'] });
  const approve = async (name: string, owner: string | null) => {
    const activity = await newActivity(app, name, { owner });
    const url = `/v1/processing-activities/${activity.id}`;
    await editor(app, 'POST', `${url}/submit`);
    const done = await approver(app, 'POST', `${url}/approve`, { payload: {} });
    if (done.statusCode !== 200) throw new Error(done.body);
    return activity;
  };
  const payroll = await approve('Payroll', 'HR'); // due 2027-03-10
  clock.advance(20 * day);
  const cctv = await approve('CCTV', 'Facilities'); // due 2027-03-30
  clock.advance(10 * day);
  const newsletter = await approve('Newsletter', null); // due 2027-04-09
  await newActivity(app, 'Never approved', { owner: 'HR' });

  const now = await call(app, 'GET', '/v1/reviews/due', undefined, 'reader');
  t.equal(now.statusCode, 200, now.body);
  t.same(now.data.owners, [], 'nothing due within 30 days of 2026-04-09');
  t.equal(await app.services.reviews.emitDue(), 0, 'nothing due, nothing emitted');

  clock.advance(340 * day); // 2027-03-15
  const due = await call(app, 'GET', '/v1/reviews/due?within=P30D', undefined, 'reader');
  t.match(due.data, { today: '2027-03-15', within: 'P30D', until: '2027-04-14', overdue: 1, upcoming: 2 });
  t.same(
    due.data.owners.map((group: { owner: string | null; overdue: { name: string }[]; upcoming: { name: string }[] }) => [
      group.owner,
      group.overdue.map((review) => review.name),
      group.upcoming.map((review) => review.name),
    ]),
    [
      ['Facilities', [], ['CCTV']],
      ['HR', ['Payroll'], []],
      [null, [], ['Newsletter']],
    ],
    'per owner, the activity never approved not among them',
  );
  t.match(due.data.owners[1].overdue[0], { id: payroll.id, reviewDueOn: '2027-03-10', daysLeft: -5, approvedBy: 'dana' });
  const narrow = await call(app, 'GET', '/v1/reviews/due?within=P1W&owner=Facilities', undefined, 'reader');
  t.same(narrow.data.owners, [], 'CCTV is due after a week, and the owner filter leaves out HR');
  t.equal((await call(app, 'GET', '/v1/reviews/due?within=soon', undefined, 'reader')).statusCode, 400, 'a window must be a duration');

  t.equal(await app.services.reviews.emitDue(), 1, 'Payroll has come due');
  t.equal(await app.services.reviews.emitDue(), 0, 'and is emitted once');
  clock.advance(15 * day); // 2027-03-30
  t.equal(await app.services.reviews.emitDue(), 1, 'then CCTV');
  const events: { body: string }[] = await app.dataSource.query(
    `SELECT body FROM webhook_messages WHERE type = 'review.due' ORDER BY created_at`,
  );
  t.same(
    events.map((event) => JSON.parse(event.body).data.id),
    [payroll.id, cctv.id],
  );
  t.match(JSON.parse(events[0]!.body).data, { name: 'Payroll', owner: 'HR', reviewDueOn: '2027-03-10' });
  t.ok(newsletter.id);
});
