import t from 'tap';
import { authHeader, call, buildTestApp, create } from '../helper';

// Organisational units as a resource: admins keep them, everyone reads them; a unit that owns
// entries cannot be deleted; an import (which does not carry ownership) leaves units and owners alone.

t.test('units: admins write, everyone reads, keys are stable and unique, an owning unit stays', async (t) => {
  const app = await buildTestApp(t);
  const hr = await create(app, 'organisational-units', { name: 'Human Resources', key: 'hr', kind: 'department' });
  t.match(hr, { name: 'Human Resources', key: 'hr', kind: 'department', description: null, version: 1 });
  const sales = await create(app, 'organisational-units', { name: 'Sales', key: 'sales' });
  t.equal(sales.kind, 'not-stated', 'a kind left out is not stated, not guessed');

  const duplicate = await call(app, 'POST', '/v1/organisational-units', { name: 'HR again', key: 'hr' });
  t.equal(duplicate.statusCode, 409);
  t.equal(duplicate.data.code, 'DUPLICATE');
  t.equal(duplicate.data.errors[0].path, '/key');
  for (const key of ['HR', 'human resources', '', '-hr']) {
    const bad = await call(app, 'POST', '/v1/organisational-units', { name: `Bad ${key}`, key });
    t.equal(bad.statusCode, 400, `key ${JSON.stringify(key)} is refused`);
  }

  for (const role of ['reader', 'auditor', 'editor', 'dpo'] as const) {
    t.equal((await call(app, 'GET', `/v1/organisational-units/${hr.id}`, undefined, role)).statusCode, 200, `${role} reads a unit`);
    const write = await call(app, 'PATCH', `/v1/organisational-units/${hr.id}`, { description: role }, { roles: role, units: ['hr'] });
    t.equal(write.data.code, 'FORBIDDEN', `${role} (even of that unit) does not change it`);
  }
  t.same(
    (await call(app, 'GET', '/v1/organisational-units?key=sales')).data.items.map((u: any) => u.id),
    [sales.id],
    'found by key',
  );

  const purpose = await create(app, 'purposes', { name: 'Payroll', ownerUnitId: hr.id });
  t.equal(purpose.ownerUnitId, hr.id);
  t.equal((await create(app, 'purposes', { name: 'Unowned' })).ownerUnitId, null, 'an admin naming no unit assigns none');
  const activity = await create(app, 'processing-activities', { name: 'Payroll administration', ownerUnitId: hr.id });
  t.equal(activity.ownerUnitId, hr.id, 'the stored document carries the owner unit');
  const still = await call(app, 'DELETE', `/v1/organisational-units/${hr.id}`);
  t.equal(still.statusCode, 409);
  t.same(still.data.referencedBy.map((r: any) => r.resource).sort(), ['processing-activities', 'purposes'], 'what it owns is named');
  const missing = await call(app, 'POST', '/v1/purposes', { name: 'Nobody', ownerUnitId: '00000000-0000-4000-8000-000000000000' });
  t.equal(missing.statusCode, 422);
  t.equal(missing.data.errors[0].path, '/ownerUnitId');
  t.equal((await call(app, 'DELETE', `/v1/organisational-units/${sales.id}`)).statusCode, 204, 'a unit owning nothing can go');
});

t.test('a whole-register import in replace mode keeps the units and who owns what', async (t) => {
  const app = await buildTestApp(t);
  const hr = await create(app, 'organisational-units', { name: 'Human Resources', key: 'hr' });
  const purpose = await create(app, 'purposes', { name: 'Payroll', ownerUnitId: hr.id });
  const activity = await create(app, 'processing-activities', { name: 'Payroll administration', ownerUnitId: hr.id });
  const document = await app.inject({ method: 'GET', url: '/v1/register?format=yaml&internalNotes=true', headers: await authHeader(app) });
  t.equal(document.statusCode, 200);
  t.match(document.body, /ownerUnit: hr/, 'the register document carries ownership');
  // Without its units section and owners (a file from before units): nothing is deleted or unassigned.
  const older = document.body.replace(/^organisationalUnits:\n(?: .*\n)*/m, '').replace(/^ +ownerUnit: .*\n/gm, '');
  t.notMatch(older, /organisationalUnits|ownerUnit/);
  const fromOlder = await call(app, 'POST', '/v1/register/import?mode=replace', older, 'admin', { 'content-type': 'application/yaml' });
  t.equal(fromOlder.statusCode, 200, fromOlder.body.slice(0, 500));
  t.match(fromOlder.data.counts, { create: 0, change: 0, conflict: 0, delete: 0 });
  const imported = await call(app, 'POST', '/v1/register/import?mode=replace', document.body, 'admin', {
    'content-type': 'application/yaml',
  });
  t.equal(imported.statusCode, 200, imported.body.slice(0, 500));
  t.match(imported.data.counts, { create: 0, change: 0, conflict: 0, delete: 0 });
  t.equal((await call(app, 'GET', `/v1/organisational-units/${hr.id}`)).statusCode, 200, 'the unit is kept');
  t.equal((await call(app, 'GET', `/v1/purposes/${purpose.id}`)).data.ownerUnitId, hr.id, "the purpose is still HR's");
  t.equal((await call(app, 'GET', `/v1/processing-activities/${activity.id}`)).data.ownerUnitId, hr.id, "the activity is still HR's");
});
