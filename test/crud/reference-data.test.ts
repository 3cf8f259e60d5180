import t from 'tap';
import { buildTestApp, call, create } from '../helper';

t.test('data subject rights are shipped reference data with DPV IRIs, read-only', async (t) => {
  const app = await buildTestApp(t);
  const rights = (await call(app, 'GET', '/v1/data-subject-rights?limit=100')).data;
  t.same(rights.items.map((r: any) => r.code).sort(), [
    'access',
    'automated-decision-making',
    'complaint',
    'erasure',
    'objection',
    'portability',
    'rectification',
    'restriction',
    'withdraw-consent',
  ]);
  const access = rights.items.find((r: any) => r.code === 'access');
  t.match(access, { article: 'Art. 15', name: 'Right of access', dpvIri: 'https://w3id.org/dpv/legal/eu/gdpr#A15' });
  t.equal((await call(app, 'GET', `/v1/data-subject-rights/${access.id}`)).data.code, 'access');
  t.equal((await call(app, 'GET', '/v1/data-subject-rights?code=portability')).data.items[0].article, 'Art. 20');

  const post = await call(app, 'POST', '/v1/data-subject-rights', { code: 'access', name: 'x' });
  t.equal(post.statusCode, 404, 'no create route');
  t.equal((await call(app, 'PATCH', `/v1/data-subject-rights/${access.id}`, { name: 'x' })).statusCode, 404, 'no update route');
  t.equal((await call(app, 'DELETE', `/v1/data-subject-rights/${access.id}`)).statusCode, 404, 'no delete route');
  t.equal((await call(app, 'GET', `/v1/data-subject-rights/${access.id}`)).data.name, 'Right of access');
});

t.test('privacy policies: contact, rights with fees, last change; validated and linked to their organisation', async (t) => {
  const app = await buildTestApp(t);
  const org = await create(app, 'organisations', { name: 'Woktron Ltd.', roles: ['controller'] });
  const body = {
    name: 'Privacy Beleid',
    organisationId: org.id,
    language: 'nl',
    lastChanged: '2021-03-31',
    contactEmail: 'services@woktron.com',
    responseDays: 14,
    rights: [
      { right: 'access', description: 'Copies of your data', feeNote: 'A small fee may be charged', source: 'Het recht op toegang' },
      { right: 'erasure', description: 'Erasure under conditions' },
    ],
    notes: [{ topic: 'Marketing opt-out', text: 'Unsubscribe at any time' }],
  };
  const policy = await create(app, 'privacy-policies', body);
  t.match(policy, { ...body, organisation: { id: org.id, name: 'Woktron Ltd.' } });
  t.same(
    (await call(app, 'GET', `/v1/privacy-policies?organisationId=${org.id}`)).data.items.map((p: any) => p.id),
    [policy.id],
  );

  const twice = await call(app, 'POST', '/v1/privacy-policies', {
    ...body,
    name: 'Other',
    rights: [body.rights[0], { right: 'access', description: 'again' }],
  });
  t.equal(twice.statusCode, 400);
  t.same(
    twice.data.errors.map((e: any) => e.path),
    ['/rights/1/right'],
  );

  const invalid = await call(app, 'POST', '/v1/privacy-policies', {
    ...body,
    name: 'Other',
    lastChanged: '31 maart 2021',
    rights: [{ right: 'happiness', description: 'x' }],
    language: 'Dutch',
  });
  t.same(invalid.data.errors.map((e: any) => e.path).sort(), ['/language', '/lastChanged', '/rights/0/right']);

  const orphan = await call(app, 'POST', '/v1/privacy-policies', {
    ...body,
    name: 'Other',
    organisationId: '00000000-0000-4000-8000-000000000000',
  });
  t.equal(orphan.statusCode, 422);
  t.same(
    orphan.data.errors.map((e: any) => e.path),
    ['/organisationId'],
  );

  const blocked = await call(app, 'DELETE', `/v1/organisations/${org.id}`);
  t.equal(blocked.statusCode, 409);
  t.same(blocked.data.referencedBy, [{ resource: 'privacy-policies', id: policy.id, name: 'Privacy Beleid' }]);

  const cleared = await call(app, 'PATCH', `/v1/privacy-policies/${policy.id}`, { lastChanged: null, rights: [] });
  t.match(cleared.data, { lastChanged: null, rights: [], version: 2 });
});
