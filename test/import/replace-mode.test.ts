import t from 'tap';
import { buildTestApp, call, create } from '../helper';

// mode=replace overwrites entries that differ from the file — also those that link other entries
// (a recipient's organisation, an organisation's representative), which are represented with the
// linked entry resolved. The import used to pass the ETag of the bare stored row for them, which
// never matched the representation the service checks it against: 412, not documented.

t.test('mode=replace overwrites a recipient and an organisation that link other entries', async (t) => {
  const app = await buildTestApp(t);
  const representative = await create(app, 'organisations', { name: 'EU Representative B.V.', roles: ['representative'], country: 'NL' });
  const controller = await create(app, 'organisations', {
    name: 'Controller Ltd.',
    roles: ['controller'],
    email: 'privacy@controller.example',
    representativeId: representative.id,
  });
  const recipient = await create(app, 'recipients', {
    name: 'Hosting partner',
    kind: 'processor',
    category: 'hosting-provider',
    country: 'DE',
    organisationId: controller.id,
  });
  const purpose = await create(app, 'purposes', { name: 'Hosting' });
  await create(app, 'processing-activities', {
    name: 'Web hosting',
    status: 'active',
    controllerIds: [controller.id],
    purposes: [{ purposeId: purpose.id, legalBasisIds: [] }],
    recipients: [{ recipientId: recipient.id, dataCategoryIds: [] }],
  });
  const file = (await call(app, 'GET', '/v1/register?state=working')).data;

  // Both change here after the export: the file now differs from the register.
  t.equal((await call(app, 'PATCH', `/v1/recipients/${recipient.id}`, { country: 'FR' })).statusCode, 200);
  t.equal((await call(app, 'PATCH', `/v1/organisations/${controller.id}`, { email: 'dpo@controller.example' })).statusCode, 200);

  const merge = await call(app, 'POST', '/v1/register/import', file);
  t.equal(merge.statusCode, 409, 'merge refuses');
  t.same(
    merge.data.conflicts.map((c: any) => [c.resource, c.name, c.fields]),
    [
      ['organisations', 'Controller Ltd.', ['email']],
      ['recipients', 'Hosting partner', ['country']],
    ],
  );

  const replaced = await call(app, 'POST', '/v1/register/import?mode=replace', file);
  t.equal(replaced.statusCode, 200, replaced.body.slice(0, 400));
  t.same(
    replaced.data.entries.filter((e: any) => e.action === 'change').map((e: any) => [e.resource, e.name, e.fields]),
    [
      ['organisations', 'Controller Ltd.', ['email']],
      ['recipients', 'Hosting partner', ['country']],
    ],
  );
  t.equal((await call(app, 'GET', `/v1/recipients/${recipient.id}`)).data.country, 'DE', 'the file’s country is back');
  const organisation = (await call(app, 'GET', `/v1/organisations/${controller.id}`)).data;
  t.equal(organisation.email, 'privacy@controller.example');
  t.same(organisation.representative, { id: representative.id, name: representative.name }, 'the representative kept');

  // The representative alone differs: the second pass (representatives) overwrites it too.
  const other = await create(app, 'organisations', { name: 'Other Representative S.A.', roles: ['representative'] });
  t.equal((await call(app, 'PATCH', `/v1/organisations/${controller.id}`, { representativeId: other.id })).statusCode, 200);
  const again = await call(app, 'POST', '/v1/register/import?mode=replace', file);
  t.equal(again.statusCode, 200, again.body.slice(0, 400));
  t.same(
    again.data.entries.filter((e: any) => e.action === 'change').map((e: any) => [e.resource, e.name, e.fields]),
    [['organisations', 'Controller Ltd.', ['representativeId']]],
  );
  t.equal((await call(app, 'GET', `/v1/organisations/${controller.id}`)).data.representativeId, representative.id);

  const noop = await call(app, 'POST', '/v1/register/import?mode=replace', file);
  t.match(noop.data.counts, { create: 0, change: 0, conflict: 0 }, 'then the file and the register agree');
});
