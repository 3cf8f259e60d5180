import type { ActivityView } from '../../processing-activities/view';
import type { FindingCode, FindingSeverity } from '../catalogue';
import type { Ref } from '../snapshot';

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
export const codesOf = (p: ActivityView['purposes'][number]) => p.legalBases.map((basis) => basis.code);
export const usesConsent = (a: ActivityView) =>
  a.purposes.some((p) => codesOf(p).some((code) => code === 'gdpr-6-1-a' || code === 'gdpr-9-2-a'));
