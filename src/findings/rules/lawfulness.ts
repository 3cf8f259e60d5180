import type { ActivityView } from '../../processing-activities/view';
import { activityEntity, codesOf, isControllerRecord, patchActivity, type Draft } from './common';

/** Lawfulness: every purpose needs an Art. 6(1) basis; 6(1)(f) needs its interest; Art. 9/10 data a condition. */
export function lawfulness(a: ActivityView): Draft[] {
  if (!isControllerRecord(a)) return []; // the controller decides the basis; a processor acts on instructions
  const out: Draft[] = [];
  const entity = activityEntity(a);
  a.purposes.forEach((p, i) => {
    const codes = codesOf(p);
    if (!codes.some((code) => code.startsWith('gdpr-6-1-'))) {
      const national = p.legalBases.filter((basis) => basis.kind === 'lawful-basis');
      out.push({
        code: 'legal-basis-missing',
        entity,
        field: `/purposes/${i}/legalBases`,
        explanation: `Art. 6(1) GDPR: processing is lawful only on one of its six bases; the purpose "${p.purpose.name}" in "${a.name}" has none${
          national.length > 0
            ? ` (national-law bases such as ${national.map((b) => b.code).join(', ')} complement Art. 6(1)(c) or (e), Art. 6(3))`
            : ''
        }.`,
        resolution: `Add the Art. 6(1) basis (gdpr-6-1-a … gdpr-6-1-f) to this purpose's legalBasisIds (${patchActivity(a)}).`,
      });
    }
    if (codes.includes('gdpr-6-1-f') && (!p.legitimateInterest || !p.assessmentReference)) {
      const missing = [!p.legitimateInterest && 'interest pursued', !p.assessmentReference && 'reference to the balancing test'].filter(
        Boolean,
      );
      out.push({
        code: 'legitimate-interest-undocumented',
        entity,
        field: `/purposes/${i}/${p.legitimateInterest ? 'assessmentReference' : 'legitimateInterest'}`,
        explanation: `Art. 6(1)(f), 5(2) and 13(1)(d) GDPR: legitimate interests must be identified, weighed and stated; the purpose "${p.purpose.name}" in "${a.name}" records ${missing.length === 2 ? `neither the ${missing[0]} nor a ${missing[1]}` : `no ${missing[0]}`}.`,
        resolution: `Record legitimateInterest and assessmentReference (the legitimate interests assessment) for this purpose (${patchActivity(a)}).`,
      });
    }
  });
  const kinds = new Set(a.purposes.flatMap((p) => p.legalBases.map((basis) => basis.kind)));
  a.dataCategories.forEach((d, i) => {
    if (d.dataCategory.sensitivity === 'special' && !kinds.has('special-category-condition')) {
      out.push({
        code: 'special-category-condition-missing',
        entity,
        field: `/dataCategories/${i}`,
        explanation: `Art. 9(1) GDPR prohibits processing special categories of data unless an Art. 9(2) condition applies; "${a.name}" processes "${d.dataCategory.name}" with none recorded.`,
        resolution: `Add the Art. 9(2) condition (gdpr-9-2-a … gdpr-9-2-j, or a national one) to the legal bases of the purposes concerned (${patchActivity(a)}), or stop processing this data.`,
      });
    }
    if (d.dataCategory.sensitivity === 'criminal' && !kinds.has('criminal-data-condition')) {
      out.push({
        code: 'criminal-data-condition-missing',
        entity,
        field: `/dataCategories/${i}`,
        explanation: `Art. 10 GDPR: data on criminal convictions and offences may be processed only under official authority or as Union or Member State law authorises; "${a.name}" processes "${d.dataCategory.name}" with no such basis recorded.`,
        resolution: `Add gdpr-10 or the national-law authorisation (kind criminal-data-condition) to the legal bases of the purposes concerned (${patchActivity(a)}).`,
      });
    }
  });
  return out;
}
