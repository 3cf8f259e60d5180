import type { ActivityView } from '../../processing-activities/view';
import type { RegisterSnapshot } from '../snapshot';
import { activityEntity, isControllerRecord, lawOf, patchActivity, statesAbsent, type Draft } from './common';

/** Art. 30 completeness of one activity: what the record must state, by role. */
export function completeness(a: ActivityView, snapshot: RegisterSnapshot): Draft[] {
  const out: Draft[] = [];
  const entity = activityEntity(a);
  const controller = isControllerRecord(a);
  const law = lawOf(a, snapshot);
  const article = (c: string, p: string) => (controller ? law(`30(1)(${c})`) : law(`30(2)(${p})`));

  if (a.controllers.length === 0) {
    out.push({
      code: 'controller-missing',
      entity,
      field: '/controllers',
      explanation: controller
        ? `${law('30(1)(a)')}: the record must name the controller and its contact details; "${a.name}" links no controller organisation.`
        : `${law('30(2)(a)')}: a processor's record must name each controller it acts for; "${a.name}" links none.`,
      resolution: `Link the controlling organisation(s) in controllerIds (${patchActivity(a)}).`,
    });
  }
  for (const ref of a.controllers) {
    const o = snapshot.organisations.get(ref.id);
    if (
      !o ||
      o.email ||
      o.privacyContactEmail ||
      o.dpoEmail ||
      o.contacts.some((contact) => contact.email || contact.phone || contact.address)
    )
      continue;
    out.push({
      code: 'controller-contact-missing',
      entity: { resource: 'organisations', id: o.id, name: o.name },
      field: '/privacyContactEmail',
      activity: a,
      explanation: `${article('a', 'a')}: the record must give the controller's contact details; "${o.name}" has no email, privacy contact email, DPO email or contact.`,
      resolution: `Record privacyContactEmail (or email, dpoEmail, or a contact) on the organisation (PATCH /v1/organisations/${o.id}).`,
    });
  }
  // A processor's record names the categories of processing: a purpose or a description will do.
  if (a.purposes.length === 0 && (controller || !a.description)) {
    out.push({
      code: 'purpose-missing',
      entity,
      field: '/purposes',
      explanation: controller
        ? `${law('30(1)(b)')}: the record must state the purposes of the processing; "${a.name}" has none.`
        : `${law('30(2)(b)')}: a processor's record must state the categories of processing carried out for each controller; "${a.name}" has no purpose or description.`,
      resolution: `Add the purposes, each with its legal bases, in purposes (${patchActivity(a)}).`,
    });
  }
  if (controller && a.dataSubjectCategories.length === 0) {
    out.push({
      code: 'data-subjects-missing',
      entity,
      field: '/dataSubjectCategories',
      explanation: `${law('30(1)(c)')}: the record must describe the categories of data subjects; "${a.name}" links none.`,
      resolution: `Link the data subject categories in dataSubjectCategoryIds (${patchActivity(a)}).`,
    });
  }
  if (controller && a.dataCategories.length === 0) {
    out.push({
      code: 'data-categories-missing',
      entity,
      field: '/dataCategories',
      explanation: `${law('30(1)(c)')}: the record must describe the categories of personal data; "${a.name}" links none.`,
      resolution: `Link the data categories, each with its retention rule, in dataCategories (${patchActivity(a)}).`,
    });
  }
  // "No recipients outside the organisation", stated, is an answer; an empty list is not.
  if (controller && a.recipients.length === 0 && a.transfers.length === 0 && !statesAbsent(a, 'external-recipients')) {
    out.push({
      code: 'recipients-missing',
      entity,
      field: '/recipients',
      explanation: `${law('30(1)(d)')}: the record must state the categories of recipients the data is or will be disclosed to; "${a.name}" records none, nor that there are none outside the organisation.`,
      resolution: `Link the recipients in recipients (${patchActivity(a)}); if only own staff see the data, record that internal recipient, or state the absence (statedAbsences: external-recipients).`,
    });
  }
  if (controller && a.retentionRules.length === 0) {
    // Retention stated for the activity as a whole covers every category.
    a.dataCategories.forEach((d, i) => {
      if (d.retentionRule) return;
      out.push({
        code: 'retention-missing',
        entity,
        field: `/dataCategories/${i}/retentionRule`,
        explanation: `${law('30(1)(f)', '5(1)(e)')}: the record must state, where possible, when data is erased; "${d.dataCategory.name}" has no retention rule in "${a.name}", nor does the activity as a whole.`,
        resolution: `Set retentionRuleId for this data category, or retentionRuleIds for the whole activity (${patchActivity(a)}), creating the rule under /v1/retention-rules if needed.`,
      });
    });
  }
  const rules = [...a.dataCategories.flatMap((d) => (d.retentionRule ? [d.retentionRule] : [])), ...a.retentionRules];
  for (const rule of rules) {
    if (rule.kind !== 'not-stated') continue;
    out.push({
      code: 'retention-not-stated',
      entity: { resource: 'retention-rules', id: rule.id, name: rule.name },
      field: '/kind',
      activity: a,
      explanation: `${law('30(1)(f)', '5(1)(e)')}: the record must state, where possible, the time limits for erasure; the retention rule "${rule.name}" is recorded as not stated.`,
      resolution: `Ask the record's owner how long the data is kept, then record it: a fixed duration, the statutory period (with its legal reference), until an event, permanently, or as long as necessary (PATCH /v1/retention-rules/${rule.id}).`,
    });
  }
  // "What security measures do you use? — None" is an answer, not a gap in the record: it is
  // still a finding (Art. 32 asks for measures), said as what the record states.
  const statesNoMeasures = statesAbsent(a, 'security-measures');
  if (a.securityMeasures.length === 0) {
    out.push({
      code: 'security-measures-missing',
      entity,
      field: '/securityMeasures',
      explanation: statesNoMeasures
        ? `${article('g', 'd')}, ${law('32')}: the processing must be secured by appropriate technical and organisational measures; "${a.name}" states that it takes none.`
        : `${article('g', 'd')}: the record must describe, where possible, the technical and organisational security measures (${law('32')}); "${a.name}" links none.`,
      resolution: statesNoMeasures
        ? `Take measures appropriate to the risk, then link them in securityMeasureIds and remove security-measures from statedAbsences (${patchActivity(a)}).`
        : `Link the security measures in securityMeasureIds (${patchActivity(a)}).`,
    });
  } else if (statesNoMeasures) {
    out.push({
      code: 'stated-absence-contradicted',
      entity,
      field: '/securityMeasures/0',
      key: 'security-measures',
      explanation: `${article('g', 'd')}: "${a.name}" states that it takes no security measures, yet links ${a.securityMeasures.length === 1 ? 'one' : a.securityMeasures.length}, first "${a.securityMeasures[0]?.name}".`,
      resolution: `Remove security-measures from statedAbsences, or unlink the measures if they are not taken (${patchActivity(a)}).`,
    });
  }
  return out;
}
