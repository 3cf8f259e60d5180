import type { ActivityView } from '../../processing-activities/view';
import { linkedRefs } from '../../processing-activities/link-walk';
import type { ChannelRecord, RecipientRecord, RegisterSnapshot } from '../snapshot';
import { activityEntity, isControllerRecord, lawOf, patchActivity, type Draft } from './common';

/** The WP248 rev.01 criteria the register can see for one activity. */
export function dpiaCriteria(a: ActivityView, snapshot: RegisterSnapshot): string[] {
  const channels = a.collectionChannels.map((c) => snapshot.channels.get(c.id)).filter((c): c is ChannelRecord => c !== undefined);
  const recipients = [...a.recipients.map((r) => r.recipient), ...a.transfers.map((t) => t.recipient)]
    .map((r) => snapshot.recipients.get(r.id))
    .filter((r): r is RecipientRecord => r !== undefined);
  const sourceTypes = new Set(channels.map((c) => c.sourceType));
  const monitoring = ['network-usage', 'cctv', 'tracking-pixel'];
  const criteria: [boolean, string][] = [
    [
      recipients.some((r) => r.category === 'credit-bureau') || a.automatedDecisions === 'yes',
      'evaluation or scoring (credit bureaus, automated decisions)',
    ],
    [
      channels.some((c) => monitoring.includes(c.mechanism) || (c.mechanism === 'cookie' && c.cookie?.party === 'third-party')),
      'systematic monitoring (third-party cookies, tracking pixels, camera surveillance or network-usage observation)',
    ],
    [a.dataCategories.some((d) => d.dataCategory.sensitivity !== 'standard'), 'sensitive data (Art. 9 or 10)'],
    [sourceTypes.size >= 2 && sourceTypes.has('third-party'), 'matching or combining datasets (third-party and other sources)'],
    [a.dataSubjectCategories.some((s) => snapshot.vulnerableSubjects.has(s.id)), 'vulnerable data subjects'],
  ];
  return criteria.filter(([met]) => met).map(([, name]) => name);
}

/**
 * Accountability: a DPIA where WP248 makes one likely, a record that is reviewed, joint
 * controllers who are more than one and have their arrangement, and safeguards for automated
 * decisions.
 */
export function accountability(a: ActivityView, snapshot: RegisterSnapshot): Draft[] {
  const out: Draft[] = [];
  const entity = activityEntity(a);
  const law = lawOf(a, snapshot);
  // WP248 rev.01: "in most cases, a processing operation meeting two criteria would require a DPIA".
  const criteria = isControllerRecord(a) ? dpiaCriteria(a, snapshot) : [];
  if ((criteria.length >= 2 && !(a.dpiaRequired && a.dpiaReference)) || (a.dpiaRequired && !a.dpiaReference)) {
    const stated =
      a.dpiaRequired === null || a.dpiaRequired === undefined ? 'whether a DPIA is required is not stated' : 'dpiaRequired is false';
    out.push({
      code: 'dpia-not-recorded',
      entity,
      field: a.dpiaRequired ? '/dpiaReference' : '/dpiaRequired',
      explanation:
        criteria.length >= 2
          ? `${law('35(1)')} and WP248 rev.01: "${a.name}" meets ${criteria.length} criteria (${criteria.join('; ')}), so a DPIA is likely required, but ${a.dpiaRequired ? 'no DPIA reference is recorded' : stated}.`
          : `${law('35(1)')}: "${a.name}" is marked as requiring a DPIA, but no DPIA reference is recorded.`,
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
        explanation: `${law('30(1)', '24(1)')}: the record must describe the processing as it is done; "${retired.name}" was retired on ${since}, and the active activity "${a.name}" still links it (${field}).`,
        resolution: `Replace or remove the link (${patchActivity(a)}), reinstate the entry (PATCH /v1/${retired.resource}/${retired.id} with retiredAt: null), or retire the activity (status: retired).`,
      });
    }
  }
  if (a.reviewDueAt && a.reviewDueAt < snapshot.today) {
    out.push({
      code: 'review-overdue',
      entity,
      field: '/reviewDueAt',
      explanation: `${law('24(1)', '5(2)')}: measures must be reviewed and updated where necessary; "${a.name}" was due for review on ${a.reviewDueAt}.`,
      resolution: `Review the record, then set the next reviewDueAt (${patchActivity(a)}).`,
    });
  }
  // Joint controllership: the record's role, or a controller stated to be joint.
  const joint = a.role === 'joint-controller' || a.controllers.some((c) => c.relationship === 'joint');
  if (joint && a.controllers.length < 2) {
    out.push({
      code: 'joint-controller-alone',
      entity,
      field: '/controllers',
      explanation: `${law('26(1)')}: joint controllers are two or more controllers who determine the purposes and means together; "${a.name}" is a joint-controller record with ${a.controllers.length === 0 ? 'no controller' : 'one controller'}.`,
      resolution: `Link every joint controller in controllerIds (with relationship: joint), or correct the record's role (${patchActivity(a)}).`,
    });
  }
  if (joint && a.controllers.length >= 2 && !a.jointArrangementRef) {
    out.push({
      code: 'joint-arrangement-missing',
      entity,
      field: '/jointArrangementRef',
      explanation: `${law('26(1)', '26(2)')}: joint controllers determine their responsibilities in an arrangement whose essence is made available to data subjects; "${a.name}" records none.`,
      resolution: `Record the arrangement's reference in jointArrangementRef and where its essence is published in jointArrangementEssence (${patchActivity(a)}).`,
    });
  }
  if (a.automatedDecisions === 'yes' && !a.automatedDecisionSafeguards) {
    out.push({
      code: 'automated-decision-safeguards-missing',
      entity,
      field: '/automatedDecisionSafeguards',
      explanation: `${law('22(3)', '13(2)(f)')}: decisions based solely on automated processing need safeguards — at least human intervention, the right to express one's point of view and to contest the decision — and data subjects must be told the logic involved; "${a.name}" states automated decisions and records no safeguards.`,
      resolution: `Record the safeguards, the logic involved and the significance for the data subject (automatedDecisionSafeguards, automatedDecisionLogic, automatedDecisionSignificance; ${patchActivity(a)}).`,
    });
  }
  return out;
}
