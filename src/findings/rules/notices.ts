import { deriveRights, rightDefinitions } from '../../gdpr/rights';
import type { RegisterSnapshot } from '../snapshot';
import { isControllerRecord, usesConsent, type Draft } from './common';

/** What each controller's privacy policy tells data subjects, against the rights its activities give them. */
export function notices(snapshot: RegisterSnapshot): Draft[] {
  const out: Draft[] = [];
  const noticeRights = rightDefinitions.filter((r) => !['withdraw-consent', 'automated-decision-making'].includes(r.code));
  const controllerIds = new Set(snapshot.activities.filter(isControllerRecord).flatMap((a) => a.controllers.map((c) => c.id)));
  for (const organisationId of controllerIds) {
    const organisation = snapshot.organisations.get(organisationId);
    if (!organisation) continue;
    const activities = snapshot.activities.filter((a) => isControllerRecord(a) && a.controllers.some((c) => c.id === organisationId));
    const policies = snapshot.policies.filter((p) => p.organisationId === organisationId);
    const consented = activities.filter(usesConsent);
    const derived = activities.map((a) => ({ a, rights: deriveRights(a) }));

    if (consented.length > 0 && policies.length === 0) {
      out.push({
        code: 'consent-withdrawal-not-stated',
        entity: { resource: 'organisations', id: organisation.id, name: organisation.name },
        field: null,
        activities: consented,
        explanation: `Art. 7(3) and 13(2)(c) GDPR: data subjects must be told they can withdraw consent; ${consented.length} activit${consented.length === 1 ? 'y' : 'ies'} of "${organisation.name}" rest on consent, and no privacy policy of it is recorded.`,
        resolution: `Record the privacy policy (POST /v1/privacy-policies) with the withdraw-consent right among its rights.`,
      });
    }
    for (const policy of policies) {
      const entity = { resource: 'privacy-policies', id: policy.id, name: policy.name };
      const named = new Set(policy.rights.map((r) => r.right));
      if (consented.length > 0 && !named.has('withdraw-consent')) {
        out.push({
          code: 'consent-withdrawal-not-stated',
          entity,
          field: '/rights',
          activities: consented,
          explanation: `Art. 7(3) and 13(2)(c) GDPR: data subjects must be told they can withdraw consent at any time; "${policy.name}" does not say so, while ${consented.length} activit${consented.length === 1 ? 'y rests' : 'ies rest'} on consent.`,
          resolution: `Add the withdraw-consent right, and how to withdraw, to the policy's rights (PATCH /v1/privacy-policies/${policy.id}), then publish the policy.`,
        });
      }
      for (const right of noticeRights) {
        const applying = derived.filter(({ rights }) => rights.find((r) => r.code === right.code)?.applies).map(({ a }) => a);
        if (applying.length === 0 || named.has(right.code)) continue;
        out.push({
          code: 'notice-right-missing',
          entity,
          field: '/rights',
          activities: applying,
          key: right.code,
          explanation: `Art. 13(2) and 14(2) GDPR: a privacy notice must inform data subjects of their rights; "${policy.name}" does not name the ${right.name.replace(/^Rights? (to |of )?/, 'right to ').toLowerCase()} (${right.article}), which applies to ${applying.length} activit${applying.length === 1 ? 'y' : 'ies'}.`,
          resolution: `Add the ${right.code} right to the policy's rights (PATCH /v1/privacy-policies/${policy.id}), then publish the policy.`,
        });
      }
      policy.rights.forEach((statement, i) => {
        if (statement.right !== 'access' || !statement.feeNote) return;
        out.push({
          code: 'access-fee-stated',
          entity,
          field: `/rights/${i}/feeNote`,
          activities,
          explanation: `Art. 12(5) and 15(3) GDPR: the first copy of one's data must be free, a fee being allowed only for further copies or manifestly unfounded or excessive requests; "${policy.name}" mentions a fee for access.`,
          resolution: `Reword the access right in the published policy (the first copy is free), then update feeNote (PATCH /v1/privacy-policies/${policy.id}).`,
        });
      });
    }
  }
  return out;
}
