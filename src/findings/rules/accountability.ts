import type { ActivityView } from '../../processing-activities/view';
import type { RegisterSnapshot } from '../snapshot';
import { linkedRefs } from '../../processing-activities/link-walk';
import type { ChannelRecord, RecipientRecord } from '../snapshot';
import { activityEntity, isControllerRecord, patchActivity, type Draft } from './common';

/** The WP248 rev.01 criteria the register can see for one activity. */
export function dpiaCriteria(a: ActivityView, snapshot: RegisterSnapshot): string[] {
  const channels = a.collectionChannels.map((c) => snapshot.channels.get(c.id)).filter((c): c is ChannelRecord => c !== undefined);
  const recipients = [...a.recipients.map((r) => r.recipient), ...a.transfers.map((t) => t.recipient)]
    .map((r) => snapshot.recipients.get(r.id))
    .filter((r): r is RecipientRecord => r !== undefined);
  const sourceTypes = new Set(channels.map((c) => c.sourceType));
  const criteria: [boolean, string][] = [
    [recipients.some((r) => r.category === 'credit-bureau'), 'evaluation or scoring (credit bureaus)'],
    [
      channels.some((c) => c.mechanism === 'network-usage' || (c.mechanism === 'cookie' && c.cookie?.party === 'third-party')),
      'systematic monitoring (third-party cookies or network-usage observation)',
    ],
    [a.dataCategories.some((d) => d.dataCategory.sensitivity !== 'standard'), 'sensitive data (Art. 9 or 10)'],
    [sourceTypes.size >= 2 && sourceTypes.has('third-party'), 'matching or combining datasets (third-party and other sources)'],
    [a.dataSubjectCategories.some((s) => snapshot.vulnerableSubjects.has(s.id)), 'vulnerable data subjects'],
  ];
  return criteria.filter(([met]) => met).map(([, name]) => name);
}

/** Accountability: a DPIA where WP248 makes one likely, and a record that is reviewed. */
export function accountability(a: ActivityView, snapshot: RegisterSnapshot): Draft[] {
  const out: Draft[] = [];
  const entity = activityEntity(a);
  // WP248 rev.01: "in most cases, a processing operation meeting two criteria would require a DPIA".
  const criteria = isControllerRecord(a) ? dpiaCriteria(a, snapshot) : [];
  if ((criteria.length >= 2 && !(a.dpiaRequired && a.dpiaReference)) || (a.dpiaRequired && !a.dpiaReference)) {
    out.push({
      code: 'dpia-not-recorded',
      entity,
      field: a.dpiaRequired ? '/dpiaReference' : '/dpiaRequired',
      explanation:
        criteria.length >= 2
          ? `Art. 35(1) GDPR and WP248 rev.01: "${a.name}" meets ${criteria.length} criteria (${criteria.join('; ')}), so a DPIA is likely required, but ${a.dpiaRequired ? 'no DPIA reference is recorded' : 'dpiaRequired is false'}.`
          : `Art. 35(1) GDPR: "${a.name}" is marked as requiring a DPIA, but no DPIA reference is recorded.`,
      resolution: `Carry out the DPIA and record dpiaRequired: true with its dpiaReference (${patchActivity(a)}); if a criterion does not hold in practice, correct the links that trigger it.`,
    });
  }
  if (a.status === 'active') {
    for (const { pointer: field, ref } of linkedRefs(a)) {
      const retired = snapshot.retired.get(ref.id);
      if (!retired) continue;
      const since = retired.retiredAt.slice(0, 10);
      out.push({
        code: 'retired-entry-linked',
        entity: { resource: retired.resource, id: retired.id, name: retired.name },
        field: '/retiredAt',
        key: field,
        explanation: `Art. 30(1) and 24(1) GDPR: the record must describe the processing as it is done; "${retired.name}" was retired on ${since}, and the active activity "${a.name}" still links it (${field}).`,
        resolution: `Replace or remove the link (${patchActivity(a)}), reinstate the entry (PATCH /v1/${retired.resource}/${retired.id} with retiredAt: null), or retire the activity (status: retired).`,
      });
    }
  }
  if (a.reviewDueAt && a.reviewDueAt < snapshot.today) {
    out.push({
      code: 'review-overdue',
      entity,
      field: '/reviewDueAt',
      explanation: `Art. 24(1) and 5(2) GDPR: measures must be reviewed and updated where necessary; "${a.name}" was due for review on ${a.reviewDueAt}.`,
      resolution: `Review the record, then set the next reviewDueAt (${patchActivity(a)}).`,
    });
  }
  return out;
}
