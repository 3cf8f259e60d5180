import type { ActivityView } from '../../processing-activities/view';
import type { RegisterSnapshot } from '../snapshot';
import { adequacyCountries, eeaCountries } from '../../gdpr/countries';
import { describeDuration, isLonger } from '../../gdpr/iso-duration';
import { activityEntity, lawOf, patchActivity, statesAbsent, type Draft } from './common';

/** Whether a transfer leaves the EEA (a Chapter V transfer): to a third country, an international organisation, worldwide, or somewhere not stated. */
const leavesEea = (t: ActivityView['transfers'][number]) =>
  t.destination === 'country' ? !!t.country && !eeaCountries.has(t.country) : true;

/** Where a transfer goes, in words for an explanation. */
const destinationOf = (t: ActivityView['transfers'][number]) =>
  t.destination === 'country'
    ? (t.country ?? 'a country not stated')
    : t.destination === 'international-organisation'
      ? (t.internationalOrganisation ?? 'an international organisation')
      : t.destination === 'worldwide'
        ? 'worldwide'
        : 'a destination not stated';

/** Recipients and transfers: Art. 28 agreements, Chapter V for anything leaving the EEA. */
export function sharing(a: ActivityView, snapshot: RegisterSnapshot): Draft[] {
  const out: Draft[] = [];
  const entity = activityEntity(a);
  const law = lawOf(a, snapshot);
  const linked = new Map([...a.recipients.map((r) => r.recipient), ...a.transfers.map((t) => t.recipient)].map((r) => [r.id, r]));
  for (const ref of linked.values()) {
    const r = snapshot.recipients.get(ref.id);
    if (!r || r.kind !== 'processor' || r.processingAgreementStatus === 'signed' || r.processingAgreementStatus === 'not-needed') continue;
    const state = r.processingAgreementStatus === 'in-negotiation' ? 'is still being negotiated' : 'is not recorded';
    out.push({
      code: 'processor-agreement-missing',
      entity: { resource: 'recipients', id: r.id, name: r.name },
      field: '/processingAgreementStatus',
      activity: a,
      explanation: `${law('28(3)')}: processing by a processor must be governed by a contract or legal act; the processing agreement with the processor "${r.name}" ${state}.`,
      resolution: `Conclude the Art. 28 agreement and record it: processingAgreementStatus signed, with its date and reference (PATCH /v1/recipients/${r.id}).`,
    });
  }
  if (statesAbsent(a, 'external-recipients')) {
    a.recipients.forEach(({ recipient }, i) => {
      const kind = snapshot.recipients.get(recipient.id)?.kind;
      // Only a kind that is outside the organisation by definition contradicts; an unstated kind may be internal.
      if (!kind || kind === 'internal' || kind === 'not-stated') return;
      out.push({
        code: 'stated-absence-contradicted',
        entity,
        field: `/recipients/${i}`,
        key: 'external-recipients',
        explanation: `${law('30(1)(d)', '5(2)')}: "${a.name}" states that no recipient outside the organisation receives the data, yet links "${recipient.name}" (${kind.replace(/-/g, ' ')}).`,
        resolution: `Either remove external-recipients from statedAbsences, or unlink the recipient if it does not receive the data (${patchActivity(a)}).`,
      });
    });
  }
  // "Verwerker: nee": the record states that no processor handles the data; a linked processor contradicts it.
  if (statesAbsent(a, 'processors')) {
    a.recipients.forEach(({ recipient }, i) => {
      if (snapshot.recipients.get(recipient.id)?.kind !== 'processor') return;
      out.push({
        code: 'stated-absence-contradicted',
        entity,
        field: `/recipients/${i}`,
        key: 'processors',
        explanation: `${law('30(1)(d)', '28')}: "${a.name}" states that no processor handles the data, yet links the processor "${recipient.name}".`,
        resolution: `Either remove processors from statedAbsences, or unlink the recipient if it does not process the data (${patchActivity(a)}).`,
      });
    });
  }
  // One mechanism a controller states for all its transfers counts for each of them.
  const registerWide = a.controllers.map((c) => snapshot.organisations.get(c.id)?.transferMechanismId).find(Boolean);
  const noTransfers = statesAbsent(a, 'transfers');
  const countryOf = (id: string) => {
    const r = snapshot.recipients.get(id);
    return r?.country ?? (r?.organisationId ? snapshot.organisations.get(r.organisationId)?.country : null) ?? null;
  };
  a.recipients.forEach(({ recipient }, i) => {
    const country = countryOf(recipient.id);
    if (!country || eeaCountries.has(country) || a.transfers.some((t) => t.recipient.id === recipient.id)) return;
    out.push(
      noTransfers
        ? {
            code: 'stated-absence-contradicted',
            entity,
            field: `/recipients/${i}`,
            key: 'transfers',
            explanation: `${law('30(1)(e)', '44')}: "${a.name}" states that no data goes outside the EEA, yet "${recipient.name}" (${country}) receives data in it.`,
            resolution: `Either record the transfer with its mechanism and remove transfers from statedAbsences, or correct the recipient's country (${patchActivity(a)}).`,
          }
        : {
            code: 'transfer-not-recorded',
            entity,
            field: `/recipients/${i}`,
            explanation: `${law('30(1)(e)', '44')}: data sent outside the EEA is a transfer that must be recorded with its mechanism; "${recipient.name}" (${country}) receives data in "${a.name}" but no transfer is recorded for it.`,
            resolution: `Add a transfer for this recipient with its country and Art. 45–49 mechanism in transfers (${patchActivity(a)}).`,
          },
    );
  });
  a.transfers.forEach((t, i) => {
    if (!leavesEea(t)) return; // within the EEA: not a Chapter V transfer
    const to = `the transfer to "${t.recipient.name}" (${destinationOf(t)}) in "${a.name}"`;
    if (noTransfers) {
      out.push({
        code: 'stated-absence-contradicted',
        entity,
        field: `/transfers/${i}`,
        key: 'transfers',
        explanation: `${law('30(1)(e)', '44')}: "${a.name}" states that no data goes outside the EEA, yet records ${to.replace(/^the /, 'a ')}.`,
        resolution: `Remove transfers from statedAbsences, or remove the transfer if it does not happen (${patchActivity(a)}).`,
      });
    }
    if (!t.mechanism) {
      if (registerWide) return;
      out.push({
        code: 'transfer-mechanism-missing',
        entity,
        field: `/transfers/${i}/mechanism`,
        explanation: `${law('44')}: a transfer needs an adequacy decision (${law.article('45')}), appropriate safeguards (${law.article('46')}) or a derogation (${law.article('49')}); ${to} records none, and its controller states no mechanism for all its transfers.`,
        resolution: `Set mechanismId to the Art. 45–49 legal basis the transfer relies on (${patchActivity(a)}), or record the controller's register-wide mechanism (transferMechanismId).`,
      });
      return;
    }
    if (t.mechanism.code === 'gdpr-45' && (t.destination !== 'country' || !t.country || !adequacyCountries.has(t.country))) {
      out.push({
        code: 'adequacy-decision-missing',
        entity,
        field: `/transfers/${i}/mechanism`,
        explanation: `${law('45(1)')}: a transfer may rely on adequacy only where the Commission has decided so for that destination; ${to} relies on adequacy, but ${destinationOf(t)} has no adequacy decision.`,
        resolution: `Use Art. 46 safeguards (e.g. standard contractual clauses, gdpr-46-2-c) or an Art. 49 derogation instead (${patchActivity(a)}).`,
      });
    }
    if (/^gdpr-(46-|47$|49-1-2$)/.test(t.mechanism.code) && !t.safeguard) {
      out.push({
        code: 'transfer-safeguard-missing',
        entity,
        field: `/transfers/${i}/safeguard`,
        explanation: `${t.mechanism.code === 'gdpr-49-1-2' ? law('49(1) second subparagraph', '30(1)(e)') : law('46(1)')}: ${to} relies on ${t.mechanism.article} but documents no safeguards or supplementary measures.`,
        resolution: `Describe the safeguards (and reference the transfer impact assessment) in safeguard and tiaReference (${patchActivity(a)}).`,
      });
    }
  });
  const seen = new Set<string>();
  for (const rule of [...a.dataCategories.map((d) => d.retentionRule), ...a.retentionRules]) {
    if (!rule?.duration || !rule.maximumDuration || seen.has(rule.id) || !isLonger(rule.duration, rule.maximumDuration)) continue;
    seen.add(rule.id);
    out.push({
      code: 'retention-exceeds-maximum',
      entity: { resource: 'retention-rules', id: rule.id, name: rule.name },
      field: '/duration',
      activity: a,
      explanation: `${law('5(1)(e)')}: data may be kept no longer than necessary; the retention rule "${rule.name}" keeps data for ${describeDuration(rule.duration)}, longer than its own maximum of ${describeDuration(rule.maximumDuration)}.`,
      resolution: `Shorten duration, or correct maximumDuration if the maximum is wrong (PATCH /v1/retention-rules/${rule.id}).`,
    });
  }
  return out;
}
