import { cite, framework } from '../../gdpr/frameworks';
import { deriveRights, rightDefinitions } from '../../gdpr/rights';
import type { OrganisationRecord, RegisterSnapshot } from '../snapshot';
import { isControllerRecord, usesConsent, type Draft } from './common';

/** Whether the organisation has a DPO recorded: by name, title or e-mail, or a contact with the DPO role. */
const hasDpo = (o: OrganisationRecord) => !!(o.dpoName || o.dpoTitle || o.dpoEmail) || o.contacts.some((contact) => contact.role === 'dpo');

/**
 * What each controller tells data subjects — its privacy policy, against the rights its activities
 * give them — and whether it has the DPO it must have (Art. 37(1): a public authority or body
 * always must, whatever it states, as must every Union institution under Regulation 2018/1725;
 * otherwise as it states).
 */
export function notices(snapshot: RegisterSnapshot): Draft[] {
  const out: Draft[] = [];
  const noticeRights = rightDefinitions.filter((r) => r.code !== 'withdraw-consent');
  const controllerIds = new Set(snapshot.activities.filter(isControllerRecord).flatMap((a) => a.controllers.map((c) => c.id)));
  for (const organisationId of controllerIds) {
    const organisation = snapshot.organisations.get(organisationId);
    if (!organisation) continue;
    const law = cite(framework(organisation.framework));
    const activities = snapshot.activities.filter((a) => isControllerRecord(a) && a.controllers.some((c) => c.id === organisationId));
    const entityOf = { resource: 'organisations', id: organisation.id, name: organisation.name };
    // Regulation 2018/1725 binds only Union institutions and bodies, and each must have a DPO (its Art. 43(1)).
    const union = law.framework === 'eudpr';
    if ((union || organisation.publicBody === true || organisation.dpoRequired === 'yes') && !hasDpo(organisation)) {
      const why = union
        ? `every Union institution and body must designate a data protection officer (${law.article('37(1)')})`
        : organisation.publicBody === true
          ? `a public authority or body must designate a data protection officer (${law.article('37(1)(a)')}), and "${organisation.name}" is recorded as one`
          : `"${organisation.name}" states that it must designate a data protection officer${organisation.dpoRequiredReason ? ` (${organisation.dpoRequiredReason})` : ''}`;
      out.push({
        code: 'dpo-missing',
        entity: entityOf,
        field: '/dpoName',
        activities,
        explanation: `${law('37(1)', '30(1)(a)')}: ${why}, yet no DPO is recorded, while the record must give the DPO's contact details.`,
        resolution: `Record the DPO (dpoName or dpoTitle, dpoEmail, dpoPhone, or a contact with the role dpo) on the organisation (PATCH /v1/organisations/${organisation.id}).`,
      });
    }
    const policies = snapshot.policies.filter((p) => p.organisationId === organisationId);
    const consented = activities.filter(usesConsent);
    const derived = activities.map((a) => ({ a, rights: deriveRights(a) }));

    if (consented.length > 0 && policies.length === 0) {
      out.push({
        code: 'consent-withdrawal-not-stated',
        entity: entityOf,
        field: null,
        activities: consented,
        explanation: `${law('7(3)', '13(2)(c)')}: data subjects must be told they can withdraw consent; ${consented.length} activit${consented.length === 1 ? 'y' : 'ies'} of "${organisation.name}" rest on consent, and no privacy policy of it is recorded.`,
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
          explanation: `${law('7(3)', '13(2)(c)')}: data subjects must be told they can withdraw consent at any time; "${policy.name}" does not say so, while ${consented.length} activit${consented.length === 1 ? 'y rests' : 'ies rest'} on consent.`,
          resolution: `Add the withdraw-consent right, and how to withdraw, to the policy's rights (PATCH /v1/privacy-policies/${policy.id}), then publish the policy.`,
        });
      }
      for (const right of noticeRights) {
        // Art. 13(2)(f) asks about automated decisions only where they are made: where the record states them.
        const applying = derived
          .filter(({ a, rights }) =>
            right.code === 'automated-decision-making'
              ? a.automatedDecisions === 'yes'
              : rights.find((r) => r.code === right.code)?.applies,
          )
          .map(({ a }) => a);
        if (applying.length === 0 || named.has(right.code)) continue;
        out.push({
          code: 'notice-right-missing',
          entity,
          field: '/rights',
          activities: applying,
          key: right.code,
          explanation: `${law('13(2)', '14(2)')}: a privacy notice must inform data subjects of their rights; "${policy.name}" does not name the ${right.name.replace(/^Rights? (to |of )?/, 'right to ').toLowerCase()} (${law.article(right.article.replace(/^Art\. /, ''))}), which applies to ${applying.length} activit${applying.length === 1 ? 'y' : 'ies'}.`,
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
          explanation: `${law('12(5)', '15(3)')}: the first copy of one's data must be free, a fee being allowed only for further copies or manifestly unfounded or excessive requests; "${policy.name}" mentions a fee for access.`,
          resolution: `Reword the access right in the published policy (the first copy is free), then update feeNote (PATCH /v1/privacy-policies/${policy.id}).`,
        });
      });
    }
  }
  return out;
}
