import t from 'tap';
import { buildTestApp, call, create } from '../helper';

// `from` and `to` of the audit trail and the diff take what the spec says: a date-time, or a date
// meaning a whole day in UTC — `from` its start, `to` its end. A date used to get 400.

const dayAfter = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

t.test('dates and date-times on the audit trail and the diff', async (t) => {
  const app = await buildTestApp(t);
  await create(app, 'purposes', { name: 'Ranges' });
  const [event] = (await call(app, 'GET', '/v1/audit-events?limit=1', undefined, 'auditor')).data.items;
  const day: string = event.occurredAt.slice(0, 10);
  const events = async (query: string) => {
    const response = await call(app, 'GET', `/v1/audit-events?${query}`, undefined, 'auditor');
    t.equal(response.statusCode, 200, `${query}: 200`);
    return response.data.total as number;
  };
  t.equal(await events(`from=${day}`), 1, 'from a date: from the start of that day');
  t.equal(await events(`to=${day}`), 1, 'to a date: up to the end of that day');
  t.equal(await events(`from=${day}&to=${day}`), 1, 'the day itself');
  t.equal(await events(`to=${dayAfter(day, -1)}`), 0, 'the day before ends before it');
  t.equal(await events(`from=${dayAfter(day, 1)}`), 0, 'the day after starts after it');
  t.equal(await events(`from=${day}T00:00:00Z&to=${dayAfter(day, 1)}T00:00:00Z`), 1, 'date-times as before');

  const diff = await call(app, 'GET', `/v1/register/diff?from=${dayAfter(day, -1)}&to=${day}`, undefined, 'auditor');
  t.equal(diff.statusCode, 200);
  t.equal(diff.data.from, `${dayAfter(day, -1)}T00:00:00.000000Z`, 'the instant a date stands for, echoed');
  t.equal(diff.data.to, `${day}T23:59:59.999999Z`);
  t.same(
    diff.data.added.map((entry: any) => entry.name),
    ['Ranges'],
  );

  const bad = await call(app, 'GET', '/v1/audit-events?from=31-01-2026', undefined, 'auditor');
  t.equal(bad.statusCode, 400);
  t.same(bad.data.errors, [{ in: 'query', path: '/from', message: 'must match format "date" or must match format "date-time"' }]);
});
