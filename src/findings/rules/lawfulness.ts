import type { ActivityView } from '../../processing-activities/view';
import type { RegisterSnapshot } from '../snapshot';
import { activityEntity, basesOf, isControllerRecord, lawOf, patchActivity, statesAbsent, type Draft } from './common';

/**
 * Lawfulness: every purpose needs an Art. 6(1) basis (its own, or one stated for the activity as
 * a whole); 6(1)(f) needs its interest; Art. 9/10 data a condition — and a stated absence of
 * such data must not be contradicted by the data the record links.
 */
export function lawfulness(a: ActivityView, snapshot: RegisterSnapshot): Draft[] {
  if (!isControllerRecord(a)) return []; // the controller decides the basis; a processor acts on instructions
  const out: Draft[] = [];
  const entity = activityEntity(a);
  const law = lawOf(a, snapshot);
  const eudpr = law.framework === 'eudpr';
  a.purposes.forEach((p, i) => {
    const bases = basesOf(a, p);
    // Regulation 2018/1725 has its own Art. 5(1) grounds, which an institution records as its own bases.
    const lawful = eudpr ? bases.some((basis) => basis.kind === 'lawful-basis') : bases.some((basis) => basis.code.startsWith('gdpr-6-1-'));
    if (!lawful) {
      const national = bases.filter((basis) => basis.kind === 'lawful-basis');
      out.push({
        code: 'legal-basis-missing',
        entity,
        field: `/purposes/${i}/legalBases`,
        explanation: `${law('6(1)')}: processing is lawful only on one of its grounds; the purpose "${p.purpose.name}" in "${a.name}" has none, nor does the activity as a whole${
          national.length > 0
            ? ` (national-law bases such as ${national.map((b) => b.code).join(', ')} complement Art. 6(1)(c) or (e), Art. 6(3))`
            : ''
        }.`,
        resolution: `Add the ${law('6(1)')} basis to this purpose's legalBasisIds, or to the activity's (${patchActivity(a)}).`,
      });
    }
    if (bases.some((basis) => basis.code === 'gdpr-6-1-f') && (!p.legitimateInterest || !p.assessmentReference)) {
      const missing = [!p.legitimateInterest && 'interest pursued', !p.assessmentReference && 'reference to the balancing test'].filter(
        Boolean,
      );
      out.push({
        code: 'legitimate-interest-undocumented',
        entity,
        field: `/purposes/${i}/${p.legitimateInterest ? 'assessmentReference' : 'legitimateInterest'}`,
        explanation: `${law('6(1)(f)', '5(2)', '13(1)(d)')}: legitimate interests must be identified, weighed and stated; the purpose "${p.purpose.name}" in "${a.name}" records ${missing.length === 2 ? `neither the ${missing[0]} nor a ${missing[1]}` : `no ${missing[0]}`}.`,
        resolution: `Record legitimateInterest and assessmentReference (the legitimate interests assessment) for this purpose (${patchActivity(a)}).`,
      });
    }
  });
  const kinds = new Set([...a.purposes.flatMap((p) => p.legalBases), ...a.legalBases].map((basis) => basis.kind));
  a.dataCategories.forEach((d, i) => {
    if (d.dataCategory.sensitivity === 'special' && !kinds.has('special-category-condition')) {
      out.push({
        code: 'special-category-condition-missing',
        entity,
        field: `/dataCategories/${i}`,
        explanation: `${law('9(1)')} prohibits processing special categories of data unless an ${law.article('9(2)')} condition applies; "${a.name}" processes "${d.dataCategory.name}" with none recorded.`,
        resolution: `Add the Art. 9(2) condition (gdpr-9-2-a … gdpr-9-2-j, or a national one) to the legal bases of the purposes concerned (${patchActivity(a)}), or stop processing this data.`,
      });
    }
    if (d.dataCategory.sensitivity === 'criminal' && !kinds.has('criminal-data-condition')) {
      out.push({
        code: 'criminal-data-condition-missing',
        entity,
        field: `/dataCategories/${i}`,
        explanation: `${law('10')}: data on criminal convictions and offences may be processed only under official authority or as Union or Member State law authorises; "${a.name}" processes "${d.dataCategory.name}" with no such basis recorded.`,
        resolution: `Add gdpr-10 or the national-law authorisation (kind criminal-data-condition) to the legal bases of the purposes concerned (${patchActivity(a)}).`,
      });
    }
    for (const [absence, sensitivity, what] of [
      ['special-categories', 'special', 'special categories of data'],
      ['criminal-data', 'criminal', 'criminal-offence data'],
    ] as const) {
      if (d.dataCategory.sensitivity !== sensitivity || !statesAbsent(a, absence)) continue;
      out.push({
        code: 'stated-absence-contradicted',
        entity,
        field: `/dataCategories/${i}`,
        key: absence,
        explanation: `${law('30(1)(c)', '5(2)')}: the record must describe the data as it is; "${a.name}" states that it processes no ${what}, yet links "${d.dataCategory.name}" (${sensitivity}).`,
        resolution: `Either correct the statement (remove ${absence} from statedAbsences) and record the condition it rests on, or correct the category (${patchActivity(a)}).`,
      });
    }
  });
  return out;
}
