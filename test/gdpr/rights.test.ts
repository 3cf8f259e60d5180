import t from 'tap';
import { deriveRights, rightDefinitions } from '../../src/gdpr/rights';
import { buildTestApp, call, create, legalBasisId } from '../helper';

/** An activity whose purposes rest on the given legal basis codes, one array per purpose. */
const activity = (...purposes: string[][]) => ({
  purposes: purposes.map((codes, i) => ({ purpose: { name: `Purpose ${i + 1}` }, legalBases: codes.map((code) => ({ code })) })),
});

/** code → applies, for every right. */
const applies = (...purposes: string[][]) => Object.fromEntries(deriveRights(activity(...purposes)).map((r) => [r.code, r.applies]));
const reason = (code: string, ...purposes: string[][]) => deriveRights(activity(...purposes)).find((r) => r.code === code)!.reason;

const always = { access: true, rectification: true, restriction: true, complaint: true, 'automated-decision-making': true };

t.test('rights per legal basis', async (t) => {
  const cases: [string, string[], Record<string, boolean>][] = [
    ['consent 6(1)(a)', ['gdpr-6-1-a'], { erasure: true, portability: true, objection: false, 'withdraw-consent': true }],
    ['explicit consent 9(2)(a)', ['gdpr-9-2-a'], { erasure: true, portability: true, objection: false, 'withdraw-consent': true }],
    ['contract 6(1)(b)', ['gdpr-6-1-b'], { erasure: true, portability: true, objection: false, 'withdraw-consent': false }],
    ['legal obligation 6(1)(c)', ['gdpr-6-1-c'], { erasure: false, portability: false, objection: false, 'withdraw-consent': false }],
    ['vital interests 6(1)(d)', ['gdpr-6-1-d'], { erasure: true, portability: false, objection: false, 'withdraw-consent': false }],
    ['public task 6(1)(e)', ['gdpr-6-1-e'], { erasure: false, portability: false, objection: true, 'withdraw-consent': false }],
    ['legitimate interests 6(1)(f)', ['gdpr-6-1-f'], { erasure: true, portability: false, objection: true, 'withdraw-consent': false }],
    // A national-law basis complements 6(1)(c) and changes nothing.
    [
      'legal obligation with a national basis',
      ['gdpr-6-1-c', 'nl-awr-52'],
      { erasure: false, portability: false, objection: false, 'withdraw-consent': false },
    ],
  ];
  for (const [what, codes, expected] of cases) {
    t.strictSame(applies(codes), { ...always, ...expected }, what);
  }

  // Every right is listed once, in the reference order, with its article and name.
  t.strictSame(
    deriveRights(activity(['gdpr-6-1-b'])).map((r) => [r.code, r.article, r.name]),
    rightDefinitions.map((r) => [r.code, r.article, r.name]),
  );

  // Exclusions cite the article that makes them.
  t.match(reason('erasure', ['gdpr-6-1-c']), /Art\. 17\(3\)\(b\)/);
  t.match(reason('portability', ['gdpr-6-1-f']), /Art\. 20\(1\)\(a\)/);
  t.match(reason('objection', ['gdpr-6-1-b']), /Art\. 21\(1\)/);
  t.match(reason('withdraw-consent', ['gdpr-6-1-b']), /Art\. 7\(3\)/);
  t.match(reason('access', ['gdpr-6-1-c']), /Art\. 15/);
  t.match(reason('complaint', []), /Art\. 77/);
});

t.test('an activity with several purposes: a right applies when it applies to one of them, and the reason says which', async (t) => {
  const mixed = [['gdpr-6-1-b'], ['gdpr-6-1-c']];
  t.strictSame(applies(...mixed), { ...always, erasure: true, portability: true, objection: false, 'withdraw-consent': false });
  t.match(reason('erasure', ...mixed), /Applies to "Purpose 1"; not to "Purpose 2".*Art\. 17\(3\)\(b\)/);
  t.match(reason('portability', ...mixed), /"Purpose 1" rests on consent or contract/);

  // Contract and legal obligation for the same purpose: erasure is not excluded for that purpose.
  t.equal(applies(['gdpr-6-1-b', 'gdpr-6-1-c']).erasure, true);
  // Public task plus legal obligation only: excluded.
  t.equal(applies(['gdpr-6-1-c'], ['gdpr-6-1-e']).erasure, false);
  // Consent for one purpose, legitimate interests for another.
  t.strictSame(applies(['gdpr-6-1-a'], ['gdpr-6-1-f']), {
    ...always,
    erasure: true,
    portability: true,
    objection: true,
    'withdraw-consent': true,
  });

  // No purposes (or none with a basis): nothing basis-dependent can be derived, and the reason says so.
  t.strictSame(applies(), { ...always, erasure: true, portability: false, objection: false, 'withdraw-consent': false });
  t.match(reason('portability'), /No legal basis is recorded/);
  t.strictSame(applies([]), applies());
});

t.test('the derived rights are on every activity response, and the rights table matches the reference data', async (t) => {
  const app = await buildTestApp(t);

  const reference = (await call(app, 'GET', '/v1/data-subject-rights?limit=100')).data.items;
  t.strictSame(
    [...rightDefinitions].map((r) => [r.code, r.article, r.name, r.description]).sort(),
    reference.map((r: any) => [r.code, r.article, r.name, r.description]).sort(),
    'the code table mirrors the data-subject-rights reference data',
  );

  const [obligation, consent] = await Promise.all([legalBasisId(app, 'gdpr-6-1-c'), legalBasisId(app, 'gdpr-6-1-a')]);
  const purpose = await create(app, 'purposes', { name: 'Tax records' });
  const created = await call(app, 'POST', '/v1/processing-activities', {
    name: 'Bookkeeping',
    purposes: [{ purposeId: purpose.id, legalBasisIds: [obligation] }],
  });
  t.equal(created.statusCode, 201);
  const byCode = (rights: any[]) => Object.fromEntries(rights.map((r) => [r.code, r.applies]));
  t.strictSame(byCode(created.data.rights), { ...always, erasure: false, portability: false, objection: false, 'withdraw-consent': false });
  t.match(
    created.data.rights.find((r: any) => r.code === 'erasure'),
    { article: 'Art. 17', name: 'Right to erasure', reason: /17\(3\)\(b\)/ },
  );

  const url = `/v1/processing-activities/${created.data.id}`;
  const read = await call(app, 'GET', url);
  t.strictSame(read.data.rights, created.data.rights, 'GET shows the same rights');
  const list = await call(app, 'GET', '/v1/processing-activities');
  t.strictSame(list.data.items[0].rights, created.data.rights, 'the list shows them too');

  // Rights follow the legal bases: switching to consent changes them on the next read (and PATCH with the ETag still works).
  const patched = await call(app, 'PATCH', url, { purposes: [{ purposeId: purpose.id, legalBasisIds: [consent] }] });
  t.equal(patched.statusCode, 200, 'PATCH with If-Match from GET succeeds');
  t.strictSame(byCode(patched.data.rights), { ...always, erasure: true, portability: true, objection: false, 'withdraw-consent': true });
  t.strictSame((await call(app, 'GET', url)).data.rights, patched.data.rights);

  // Derived, not stored: a client cannot send them.
  const sent = await call(app, 'POST', '/v1/processing-activities', { name: 'With rights', rights: [] });
  t.equal(sent.statusCode, 400);
  t.strictSame(
    sent.data.errors.map((e: any) => e.path),
    ['/rights'],
  );
});
