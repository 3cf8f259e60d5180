import type { ActivityView } from '../../processing-activities/view';
import type { RegisterSnapshot } from '../snapshot';
import { activityEntity, isControllerRecord, patchActivity, type Draft } from './common';

/** Art. 30 completeness of one activity: what the record must state, by role. */
export function completeness(a: ActivityView, snapshot: RegisterSnapshot): Draft[] {
  const out: Draft[] = [];
  const entity = activityEntity(a);
  const controller = isControllerRecord(a);
  const article = (c: string, p: string) => (controller ? `Art. 30(1)(${c})` : `Art. 30(2)(${p})`);

  if (a.controllers.length === 0) {
    out.push({
      code: 'controller-missing',
      entity,
      field: '/controllers',
      explanation: controller
        ? `Art. 30(1)(a) GDPR: the record must name the controller and its contact details; "${a.name}" links no controller organisation.`
        : `Art. 30(2)(a) GDPR: a processor's record must name each controller it acts for; "${a.name}" links none.`,
      resolution: `Link the controlling organisation(s) in controllerIds (${patchActivity(a)}).`,
    });
  }
  for (const ref of a.controllers) {
    const o = snapshot.organisations.get(ref.id);
    if (!o || o.email || o.privacyContactEmail || o.dpoEmail) continue;
    out.push({
      code: 'controller-contact-missing',
      entity: { resource: 'organisations', id: o.id, name: o.name },
      field: '/privacyContactEmail',
      activity: a,
      explanation: `${article('a', 'a')} GDPR: the record must give the controller's contact details; "${o.name}" has no email, privacy contact email or DPO email.`,
      resolution: `Record privacyContactEmail (or email, or dpoEmail) on the organisation (PATCH /v1/organisations/${o.id}).`,
    });
  }
  // A processor's record names the categories of processing: a purpose or a description will do.
  if (a.purposes.length === 0 && (controller || !a.description)) {
    out.push({
      code: 'purpose-missing',
      entity,
      field: '/purposes',
      explanation: controller
        ? `Art. 30(1)(b) GDPR: the record must state the purposes of the processing; "${a.name}" has none.`
        : `Art. 30(2)(b) GDPR: a processor's record must state the categories of processing carried out for each controller; "${a.name}" has no purpose or description.`,
      resolution: `Add the purposes, each with its legal bases, in purposes (${patchActivity(a)}).`,
    });
  }
  if (controller && a.dataSubjectCategories.length === 0) {
    out.push({
      code: 'data-subjects-missing',
      entity,
      field: '/dataSubjectCategories',
      explanation: `Art. 30(1)(c) GDPR: the record must describe the categories of data subjects; "${a.name}" links none.`,
      resolution: `Link the data subject categories in dataSubjectCategoryIds (${patchActivity(a)}).`,
    });
  }
  if (controller && a.dataCategories.length === 0) {
    out.push({
      code: 'data-categories-missing',
      entity,
      field: '/dataCategories',
      explanation: `Art. 30(1)(c) GDPR: the record must describe the categories of personal data; "${a.name}" links none.`,
      resolution: `Link the data categories, each with its retention rule, in dataCategories (${patchActivity(a)}).`,
    });
  }
  if (controller && a.recipients.length === 0 && a.transfers.length === 0) {
    out.push({
      code: 'recipients-missing',
      entity,
      field: '/recipients',
      explanation: `Art. 30(1)(d) GDPR: the record must state the categories of recipients the data is or will be disclosed to; "${a.name}" records none.`,
      resolution: `Link the recipients in recipients (${patchActivity(a)}); if only own staff see the data, record that internal recipient.`,
    });
  }
  if (controller) {
    a.dataCategories.forEach((d, i) => {
      if (d.retentionRule) return;
      out.push({
        code: 'retention-missing',
        entity,
        field: `/dataCategories/${i}/retentionRule`,
        explanation: `Art. 30(1)(f) and 5(1)(e) GDPR: the record must state, where possible, when data is erased; "${d.dataCategory.name}" has no retention rule in "${a.name}".`,
        resolution: `Set retentionRuleId for this data category (${patchActivity(a)}), creating the rule under /v1/retention-rules if needed.`,
      });
    });
  }
  if (a.securityMeasures.length === 0) {
    out.push({
      code: 'security-measures-missing',
      entity,
      field: '/securityMeasures',
      explanation: `${article('g', 'd')} GDPR: the record must describe, where possible, the technical and organisational security measures (Art. 32); "${a.name}" links none.`,
      resolution: `Link the security measures in securityMeasureIds (${patchActivity(a)}).`,
    });
  }
  return out;
}
