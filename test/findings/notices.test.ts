import t from 'tap';
import { buildTestApp, call, create } from '../helper';
import { cleanRegister, codesOf } from './fixtures/clean-register';

t.test('the privacy policy against the rights the activities give: consent withdrawal, missing rights, access fee', async (t) => {
  const app = await buildTestApp(t);
  const r = await cleanRegister(app);
  const rights = (codes: string[], feeFor: string[] = []) =>
    codes.map((right) => ({
      right,
      description: `The ${right} right.`,
      ...(feeFor.includes(right) ? { feeNote: 'We may charge EUR 5.' } : {}),
    }));
  const sixRights = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection'];
  const controller = async (name: string, policyRights?: ReturnType<typeof rights>) => {
    const org = await create(app, 'organisations', {
      name,
      roles: ['controller'],
      email: `info@${name.split(' ')[0]!.toLowerCase()}.example`,
    });
    const policy = policyRights
      ? await create(app, 'privacy-policies', { name: `${name} policy`, organisationId: org.id, language: 'en', rights: policyRights })
      : undefined;
    return { org, policy };
  };
  const consent = (orgId: string) => ({
    controllerIds: [orgId],
    purposes: [{ purposeId: r.purpose.id, legalBasisIds: [r.lb['gdpr-6-1-a']] }],
  });

  // consent-withdrawal-not-stated: on the policy that omits it, listing every consent activity.
  const beta = await controller('Beta Ltd.', rights([...sixRights, 'complaint']));
  const newsletter = await r.findingsOf('Newsletter', consent(beta.org.id));
  t.strictSame(codesOf(newsletter), ['consent-withdrawal-not-stated']);
  t.match(newsletter[0], {
    severity: 'error',
    entity: { resource: 'privacy-policies', id: beta.policy!.id, name: 'Beta Ltd. policy' },
    field: '/rights',
    explanation: /^Art\. 7\(3\) and 13\(2\)\(c\) GDPR/,
    resolution: /withdraw-consent/,
  });
  await r.findingsOf('Analytics', consent(beta.org.id));
  const onPolicy = await call(app, 'GET', `/v1/register/findings?code=consent-withdrawal-not-stated`);
  t.equal(onPolicy.data.total, 1, 'one finding for the policy');
  t.strictSame(
    onPolicy.data.findings[0].activities.map((a: any) => a.name),
    ['Analytics', 'Newsletter'],
    'listing both consent activities',
  );
  t.strictSame(await r.findingsOf('Contract at Beta', { controllerIds: [beta.org.id] }), [], 'no consent, no finding');
  t.strictSame(await r.findingsOf('Consent at Acme', consent(r.org.id)), [], 'a policy naming withdraw-consent has no finding');

  // Explicit consent (Art. 9(2)(a)) counts as consent too.
  const explicit = await r.findingsOf('Explicit consent', {
    controllerIds: [beta.org.id],
    purposes: [{ purposeId: r.purpose.id, legalBasisIds: [r.lb['gdpr-6-1-b'], r.lb['gdpr-9-2-a']] }],
  });
  t.strictSame(codesOf(explicit), ['consent-withdrawal-not-stated']);

  // No policy at all: the finding is on the organisation.
  const gamma = await controller('Gamma Ltd.');
  const noPolicy = await r.findingsOf('Consent without policy', consent(gamma.org.id));
  t.strictSame(codesOf(noPolicy), ['consent-withdrawal-not-stated']);
  t.match(noPolicy[0], { entity: { resource: 'organisations', id: gamma.org.id }, field: null, explanation: /no privacy policy/ });

  // notice-right-missing: each right that applies but is not named, once per right.
  const delta = await controller('Delta Ltd.', rights(['access']));
  const sparse = await r.findingsOf('Sparse notice', { controllerIds: [delta.org.id] });
  t.strictSame(
    codesOf(sparse),
    Array(5).fill('notice-right-missing'),
    'contract: rectification, erasure, restriction, portability, complaint',
  );
  t.match(
    sparse.map((f: any) => f.explanation).join('\n'),
    /rectification[\s\S]*erasure[\s\S]*restriction[\s\S]*portability[\s\S]*complaint \(Art\. 77\)/,
  );
  t.ok(sparse.every((f: any) => f.severity === 'warning' && f.entity.id === delta.policy!.id && f.field === '/rights'));
  t.match(sparse.at(-1).resolution, /complaint right/);
  const epsilon = await controller('Epsilon Ltd.', rights([...sixRights, 'complaint']));
  t.strictSame(await r.findingsOf('Full notice', { controllerIds: [epsilon.org.id] }), [], 'every applying right named');
  const zeta = await controller('Zeta Ltd.', rights(['access', 'rectification', 'erasure', 'restriction', 'complaint']));
  t.strictSame(
    await r.findingsOf('Legal obligation only', {
      controllerIds: [zeta.org.id],
      purposes: [{ purposeId: r.purpose.id, legalBasisIds: [r.lb['gdpr-6-1-c']] }],
    }),
    [],
    'portability and objection do not apply under a legal obligation, so need not be named',
  );

  // access-fee-stated: Art. 12(5) and 15(3), the first copy is free.
  const eta = await controller('Eta Ltd.', rights([...sixRights, 'complaint'], ['access']));
  const fee = await r.findingsOf('Fee for access', { controllerIds: [eta.org.id] });
  t.strictSame(codesOf(fee), ['access-fee-stated']);
  t.match(fee[0], {
    severity: 'warning',
    entity: { id: eta.policy!.id },
    field: '/rights/0/feeNote',
    explanation: /^Art\. 12\(5\) and 15\(3\)/,
  });
  const theta = await controller('Theta Ltd.', rights([...sixRights, 'complaint'], ['portability']));
  t.strictSame(await r.findingsOf('Fee for something else', { controllerIds: [theta.org.id] }), [], 'only a fee for access is flagged');
});
