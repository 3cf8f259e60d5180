import type { ActivityView } from '../../processing-activities/view';
import type { RegisterSnapshot } from '../snapshot';
import { adequacyCountries, eeaCountries } from '../../gdpr/countries';
import { describeDuration, isLonger } from '../../gdpr/iso-duration';
import { activityEntity, patchActivity, type Draft } from './common';

/** Recipients and transfers: Art. 28 agreements, Chapter V for anything leaving the EEA. */
export function sharing(a: ActivityView, snapshot: RegisterSnapshot): Draft[] {
  const out: Draft[] = [];
  const entity = activityEntity(a);
  const linked = new Map([...a.recipients.map((r) => r.recipient), ...a.transfers.map((t) => t.recipient)].map((r) => [r.id, r]));
  for (const ref of linked.values()) {
    const r = snapshot.recipients.get(ref.id);
    if (!r || r.kind !== 'processor' || r.processingAgreementRef) continue;
    out.push({
      code: 'processor-agreement-missing',
      entity: { resource: 'recipients', id: r.id, name: r.name },
      field: '/processingAgreementRef',
      activity: a,
      explanation: `Art. 28(3) GDPR: processing by a processor must be governed by a contract or legal act; no processing agreement is recorded for the processor "${r.name}".`,
      resolution: `Conclude the Art. 28 agreement and record its reference in processingAgreementRef (PATCH /v1/recipients/${r.id}).`,
    });
  }
  const countryOf = (id: string) => {
    const r = snapshot.recipients.get(id);
    return r?.country ?? (r?.organisationId ? snapshot.organisations.get(r.organisationId)?.country : null) ?? null;
  };
  a.recipients.forEach(({ recipient }, i) => {
    const country = countryOf(recipient.id);
    if (!country || eeaCountries.has(country) || a.transfers.some((t) => t.recipient.id === recipient.id)) return;
    out.push({
      code: 'transfer-not-recorded',
      entity,
      field: `/recipients/${i}`,
      explanation: `Art. 30(1)(e) and 44 GDPR: data sent outside the EEA is a transfer that must be recorded with its mechanism; "${recipient.name}" (${country}) receives data in "${a.name}" but no transfer is recorded for it.`,
      resolution: `Add a transfer for this recipient with its country and Art. 45–49 mechanism in transfers (${patchActivity(a)}).`,
    });
  });
  a.transfers.forEach((t, i) => {
    if (eeaCountries.has(t.country)) return; // within the EEA: not a Chapter V transfer
    const to = `the transfer to "${t.recipient.name}" (${t.country}) in "${a.name}"`;
    if (!t.mechanism) {
      out.push({
        code: 'transfer-mechanism-missing',
        entity,
        field: `/transfers/${i}/mechanism`,
        explanation: `Art. 44 GDPR: a transfer needs an adequacy decision (Art. 45), appropriate safeguards (Art. 46–47) or a derogation (Art. 49); ${to} records none.`,
        resolution: `Set mechanismId to the Art. 45–49 legal basis the transfer relies on (${patchActivity(a)}).`,
      });
      return;
    }
    if (t.mechanism.code === 'gdpr-45' && !adequacyCountries.has(t.country)) {
      out.push({
        code: 'adequacy-decision-missing',
        entity,
        field: `/transfers/${i}/mechanism`,
        explanation: `Art. 45(1) GDPR: a transfer may rely on adequacy only where the Commission has decided so; ${to} relies on adequacy, but ${t.country} has no adequacy decision.`,
        resolution: `Use Art. 46 safeguards (e.g. standard contractual clauses, gdpr-46-2-c) or an Art. 49 derogation instead (${patchActivity(a)}).`,
      });
    }
    if (/^gdpr-(46-|47$|49-1-2$)/.test(t.mechanism.code) && !t.safeguard) {
      out.push({
        code: 'transfer-safeguard-missing',
        entity,
        field: `/transfers/${i}/safeguard`,
        explanation: `${t.mechanism.code === 'gdpr-49-1-2' ? 'Art. 49(1) second subparagraph and 30(1)(e)' : 'Art. 46(1)'} GDPR: ${to} relies on ${t.mechanism.article} but documents no safeguards or supplementary measures.`,
        resolution: `Describe the safeguards (and reference the transfer impact assessment) in safeguard and tiaReference (${patchActivity(a)}).`,
      });
    }
  });
  const seen = new Set<string>();
  for (const { retentionRule: rule } of a.dataCategories) {
    if (!rule?.maximumDuration || seen.has(rule.id) || !isLonger(rule.duration, rule.maximumDuration)) continue;
    seen.add(rule.id);
    out.push({
      code: 'retention-exceeds-maximum',
      entity: { resource: 'retention-rules', id: rule.id, name: rule.name },
      field: '/duration',
      activity: a,
      explanation: `Art. 5(1)(e) GDPR: data may be kept no longer than necessary; the retention rule "${rule.name}" keeps data for ${describeDuration(rule.duration)}, longer than its own maximum of ${describeDuration(rule.maximumDuration)}.`,
      resolution: `Shorten duration, or correct maximumDuration if the maximum is wrong (PATCH /v1/retention-rules/${rule.id}).`,
    });
  }
  return out;
}
