import type { ActivityView } from '../processing-activities/view';

/** Runs one statement on the caller's connection or transaction. */
type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** Which state of the register a reader wants: as approved (the default), or as it is being edited. */
export const registerStates = ['approved', 'working'] as const;
export type RegisterState = (typeof registerStates)[number];

/** An activity the approved state leaves out: never approved. */
export interface NotApproved {
  id: string;
  name: string;
  reviewState: string;
}

/**
 * The approved state of every activity that has one: the representation its latest approval kept
 * (exactly as it was approved — later edits of the activity or of the building blocks it links do
 * not show), ordered as the live readers order activities (lower(name), id). Activities deleted
 * since are gone (their approvals go with them).
 */
export async function approvedActivities(query: Query): Promise<ActivityView[]> {
  const rows = (await query(
    `SELECT p.body FROM activity_approvals p
      WHERE p.sequence = (SELECT max(x.sequence) FROM activity_approvals x WHERE x.activity_id = p.activity_id)
      ORDER BY lower(p.body::json->>'name'), p.activity_id`,
  )) as { body: string }[];
  return rows.map((row) => JSON.parse(row.body) as ActivityView);
}

/** The activities `where` selects (rows aliased `a`; parameters allowed) that were never approved, by name. */
export async function notApprovedActivities(query: Query, where = 'TRUE', params: unknown[] = []): Promise<NotApproved[]> {
  return (await query(
    `SELECT a.id, a.name, a.review_state AS "reviewState" FROM processing_activities a
      WHERE NOT EXISTS (SELECT 1 FROM activity_approvals x WHERE x.activity_id = a.id) AND (${where})
      ORDER BY lower(a.name), a.id`,
    params,
  )) as unknown as NotApproved[];
}
