import t from 'tap';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { buildTestApp, call } from '../helper';

t.test('the Woktron register: its systems as the policy names them, their impact and the flows they imply', async (t) => {
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  const systems = (await call(app, 'GET', '/v1/systems?limit=100')).data.items as any[];
  t.same(
    systems.map((s) => [s.name, s.kind, s.hostingCountries, s.provider?.name ?? null]),
    [
      ['Endpoints', 'device', ['not-stated'], null],
      ['Google Analytics', 'saas', ['US'], 'Google LLC'],
      ['Password managers', 'not-stated', ['not-stated'], null],
      ['Security information and event management solutions', 'not-stated', ['not-stated'], null],
      ['Woktron servers', 'not-stated', ['not-stated'], 'Woktron Ltd.'],
    ],
    'only what the policy states: unstated kinds and hosting stay not stated',
  );
  for (const system of systems) t.ok(system.sourcePhrase, `${system.name}: recorded from the policy, quoting it`);
  const policy = (await import('node:fs')).readFileSync(`${__dirname}/../fixtures/privacy-policy-woktron-nl.txt`, 'utf8');
  for (const system of systems) t.ok(policy.includes(system.sourcePhrase), `${system.name}: its sourcePhrase is the policy's own words`);

  const analytics = systems.find((s) => s.name === 'Google Analytics');
  const impact = (await call(app, 'GET', `/v1/systems/${analytics.id}/impact`)).data;
  t.same(
    impact.activities.map((a: any) => [a.name, a.dataCategoriesStated, a.dataCategories.map((d: any) => d.name)]),
    [['Website analytics (Google Analytics)', true, ['Website usage and cookie data']]],
  );
  t.same(
    impact.dataSubjectCategories.map((s: any) => s.name),
    ['Website visitors'],
  );
  t.same(
    impact.recipients.map((r: any) => r.name),
    ['Google Analytics'],
  );
  t.match(impact.transfers, [{ recipient: { name: 'Google Analytics' }, destination: 'country', country: 'US' }]);

  const usage = (await call(app, 'GET', '/v1/data-categories?q=Website%20usage')).data.items[0];
  const reverse = (await call(app, 'GET', `/v1/data-categories/${usage.id}/impact`)).data;
  t.same(
    reverse.systems.map((s: any) => [s.system.name, s.stated, s.activities.map((a: any) => a.name)]),
    [['Google Analytics', true, ['Website analytics (Google Analytics)']]],
  );

  const map = (await call(app, 'GET', `/v1/register/data-map?systemId=${analytics.id}`)).data;
  const name = (id: string) => map.nodes.find((n: any) => n.id === id).name;
  t.same(
    map.edges
      .map(
        (e: any) =>
          `${name(e.from)} > ${name(e.to)}: ${e.dataCategories.map((d: any) => d.name).join(', ')}${e.transfers.length ? ` | ${e.transfers[0].country}` : ''}`,
      )
      .sort(),
    [
      'Google Analytics > Google Analytics: Website usage and cookie data | US',
      'Google Analytics cookies > Google Analytics: Website usage and cookie data',
      'Website visitors > Google Analytics cookies: Website usage and cookie data',
      'Website visitors > Website visits (log data and cookies): Website usage and cookie data',
      'Website visits (log data and cookies) > Google Analytics: Website usage and cookie data',
    ],
    'visitors → the cookies and the website → the Google Analytics system → Google (recipient), with the US transfer',
  );
  const whole = (await call(app, 'GET', '/v1/register/data-map')).data;
  t.equal(whole.nodes.filter((n: any) => n.kind === 'system').length, 5, 'the whole map shows every system');
  t.ok(whole.edges.length > 50, 'and the flows of all 13 activities');
});
