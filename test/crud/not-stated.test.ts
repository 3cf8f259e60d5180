import t from 'tap';
import { buildTestApp, call, create } from '../helper';

// A value the source does not state is recorded as not stated: every choice the API used to force
// (a recipient's kind, a channel's source, a measure's type, a DPIA, an end action) can be left
// out, and reads back as `not-stated` or null — never as a default the organisation did not choose.

t.test('every building block and activity can be recorded with only its name, and says "not stated"', async (t) => {
  const app = await buildTestApp(t);
  const nameOnly = async (resource: string) => {
    const response = await call(app, 'POST', `/v1/${resource}`, { name: `Only a name (${resource})` });
    t.equal(response.statusCode, 201, `${resource}: ${response.body.slice(0, 300)}`);
    return response.data;
  };
  t.match(await nameOnly('recipients'), {
    kind: 'not-stated',
    category: 'not-stated',
    processingAgreementStatus: 'not-stated',
    country: null,
  });
  t.match(await nameOnly('collection-channels'), { sourceType: 'not-stated', mechanism: 'not-stated', cookie: null });
  t.match(await nameOnly('security-measures'), { type: 'not-stated', standardReference: null });
  t.match(await nameOnly('retention-rules'), {
    kind: 'not-stated',
    duration: null,
    startEvent: null,
    endAction: 'not-stated',
    legalReference: null,
    conditions: [],
  });
  t.match(await nameOnly('organisations'), {
    roles: [],
    dpoRequired: 'not-stated',
    publicBody: null,
    framework: 'not-stated',
    language: null,
    contacts: [],
    transferMechanism: null,
  });
  t.match(await nameOnly('data-categories'), { sensitivity: 'standard' });
  t.match(await nameOnly('processing-activities'), {
    dpiaRequired: null,
    automatedDecisions: 'not-stated',
    statedAbsences: [],
    reference: null,
    adoptedOn: null,
  });

  // A cookie the source describes in part keeps the parts it states.
  const cookie = await create(app, 'collection-channels', {
    name: 'Analytics cookie',
    mechanism: 'cookie',
    cookie: { provider: 'Google' },
  });
  t.strictSame(cookie.cookie, { provider: 'Google', purpose: null, lifetime: null, party: 'not-stated' });
  t.equal(cookie.sourceType, 'not-stated');

  // Stated values still have to be valid ones.
  const bad = await call(app, 'POST', '/v1/recipients', { name: 'Bad', kind: 'someone' });
  t.equal(bad.statusCode, 400);
  t.match(bad.data.errors, [{ path: '/kind', message: /must be one of: .*the-public, not-stated/ }]);
  const cookieless = await call(app, 'POST', '/v1/collection-channels', { name: 'Cookie without cookie', mechanism: 'cookie' });
  t.equal(cookieless.statusCode, 400, 'a cookie channel still describes its cookie, even if only as {}');
});

t.test('the new kinds the real registers use are accepted', async (t) => {
  const app = await buildTestApp(t);
  t.match(await create(app, 'recipients', { name: 'Website visitors', kind: 'the-public' }), { kind: 'the-public' });
  for (const mechanism of ['cctv', 'tracking-pixel', 'chat', 'phone', 'paper-form', 'observation']) {
    t.match(await create(app, 'collection-channels', { name: `By ${mechanism}`, mechanism }), { mechanism });
  }
  t.match(await create(app, 'security-measures', { name: 'Locked archive room', type: 'physical' }), { type: 'physical' });
  t.match(await create(app, 'recipients', { name: 'Processor', kind: 'processor', processingAgreementStatus: 'in-negotiation' }), {
    processingAgreementStatus: 'in-negotiation',
  });
  t.match(await create(app, 'recipients', { name: 'Signed processor', kind: 'processor', processingAgreementRef: 'DPA-7' }), {
    processingAgreementStatus: 'signed',
  });
});
