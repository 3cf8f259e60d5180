import t from 'tap';
import { buildTestApp, call, create } from '../helper';

t.test('a retention is recorded as the source states it: a kind of period, a duration only where there is one', async (t) => {
  const app = await buildTestApp(t);

  const statutory = await create(app, 'retention-rules', {
    name: 'Statutory period',
    kind: 'statutory',
    legalReference: 'Selectielijst Gemeenten 3140103 04',
    sourcePhrase: 'zie Selectielijst Gemeenten: 3140103 04',
  });
  t.match(statutory, {
    kind: 'statutory',
    duration: null,
    startEvent: null,
    endAction: 'not-stated',
    legalReference: 'Selectielijst Gemeenten 3140103 04',
    sourcePhrase: 'zie Selectielijst Gemeenten: 3140103 04',
    conditions: [],
  });

  const untilEvent = await create(app, 'retention-rules', {
    name: 'Account, then a year',
    kind: 'until-event',
    startEvent: 'the account is closed',
    duration: 'P1Y',
    endAction: 'anonymise',
  });
  t.match(untilEvent, { kind: 'until-event', duration: 'P1Y', startEvent: 'the account is closed', endAction: 'anonymise' });

  const permanent = await create(app, 'retention-rules', { name: 'Archived', kind: 'permanent', endAction: 'archive' });
  t.match(permanent, { kind: 'permanent', duration: null, endAction: 'archive' });

  const conditional = await create(app, 'retention-rules', {
    name: 'Three years, ten under tax law',
    duration: 'P3Y',
    startEvent: 'end of the contract',
    conditions: [
      { condition: 'when tax law applies', duration: 'P10Y' },
      { condition: 'with consent to stay informed', duration: 'P2Y' },
    ],
  });
  t.match(conditional, {
    kind: 'fixed-duration',
    conditions: [
      { condition: 'when tax law applies', duration: 'P10Y' },
      { condition: 'with consent to stay informed', duration: 'P2Y' },
    ],
  });
  t.equal(conditional.endAction, 'not-stated', 'an end action the request does not state is recorded as not stated, not as erase');

  const nothing = await create(app, 'retention-rules', { name: 'Not stated' });
  t.match(nothing, { kind: 'not-stated', duration: null, startEvent: null, endAction: 'not-stated' }, 'nothing stated: nothing invented');

  const list = await call(app, 'GET', '/v1/retention-rules?kind=statutory');
  t.same(
    list.data.items.map((r: { name: string }) => r.name),
    ['Statutory period'],
    'lists filter by kind',
  );
});

t.test('a kind and its duration must agree, and the messages say what to do instead', async (t) => {
  const app = await buildTestApp(t);
  const refused = async (body: Record<string, unknown>, path: string, message: RegExp) => {
    const response = await call(app, 'POST', '/v1/retention-rules', { name: 'x', ...body });
    t.equal(response.statusCode, 400, JSON.stringify(body));
    t.match(response.data.errors, [{ path, message }], JSON.stringify(body));
  };
  await refused({ kind: 'fixed-duration' }, '/duration', /required for a fixed-duration retention/);
  await refused({ kind: 'permanent', duration: 'P5Y' }, '/duration', /no place in a permanent retention/);
  await refused({ kind: 'until-event' }, '/startEvent', /required/);
  await refused(
    { duration: 'permanent' },
    '/duration',
    /ISO 8601 duration.*kind instead: statutory, until-event, permanent, as-long-as-necessary, not-stated/,
  );
  await refused({ duration: 'P1Y', endAction: 'burn' }, '/endAction', /erase, anonymise, archive, restrict, review, transfer, not-stated/);
});
