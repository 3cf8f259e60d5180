import type { ActivityView } from '../../processing-activities/view';
import type { FindingCode, FindingSeverity } from '../catalogue';
import type { StatedAbsence } from '../../../entities/processing-activity';
import { cite, framework } from '../../gdpr/frameworks';
import type { Ref, RegisterSnapshot } from '../snapshot';

export interface FindingRecord {
  code: FindingCode;
  severity: FindingSeverity;
  entity: { resource: string; id: string; name: string };
  field: string | null;
  activities: Ref[];
  explanation: string;
  resolution: string;
}

/** A finding as a rule writes it: its activity (or activities) and an optional key that keeps apart findings on one entry and field. */
export type Draft = Omit<FindingRecord, 'severity' | 'activities'> & { activity?: Ref; activities?: Ref[]; key?: string };

export const activityEntity = (a: ActivityView) => ({ resource: 'processing-activities', id: a.id, name: a.name });
export const patchActivity = (a: ActivityView) => `PATCH /v1/processing-activities/${a.id}`;
export const isControllerRecord = (a: ActivityView) => a.role !== 'processor';
/** The legal bases of a purpose, with those the record states for the activity as a whole (they count for every purpose). */
export const basesOf = (a: ActivityView, p: ActivityView['purposes'][number]) => [...p.legalBases, ...a.legalBases];
export const codesOf = (a: ActivityView, p: ActivityView['purposes'][number]) => basesOf(a, p).map((basis) => basis.code);
export const usesConsent = (a: ActivityView) =>
  [...a.purposes.flatMap((p) => p.legalBases), ...a.legalBases].some((basis) => basis.code === 'gdpr-6-1-a' || basis.code === 'gdpr-9-2-a');

/** The law the record is kept under, as its controllers state it (see gdpr/frameworks.ts), and how to cite it. */
export function lawOf(a: ActivityView, snapshot: RegisterSnapshot) {
  const stated = a.controllers.map((ref) => snapshot.organisations.get(ref.id)?.framework).find((f) => f && f !== 'not-stated');
  return cite(framework(stated));
}

/** Stated absences: what the record says is not there. */
export const statesAbsent = (a: ActivityView, what: StatedAbsence) => (a.statedAbsences as StatedAbsence[]).includes(what);
