import type { DataSource, EntityManager } from 'typeorm';
import type { ReviewState } from '../../entities/processing-activity';
import type { Actor } from '../audit/recorder';
import { enqueueEvent } from '../audit/outbox';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import { addDuration } from '../gdpr/iso-duration';
import type { ActivityView, ProcessingActivityService } from '../processing-activities/service';
import type { DueReview, OwnerReviews, ReviewsDueResponse } from './dto';

/**
 * What an activity's reviews are grouped by: the owner the activity names today. One expression
 * (rows aliased `a`), so grouping by organisational units instead is a change here only.
 */
export const reviewOwner = 'a.owner';

/**
 * Review and approval of processing activities: draft → in review (submit) → approved (approve,
 * by an approver who is not the last editor: four eyes), or back to draft (return, with a
 * comment; or any edit of the activity or its links). Each step is a write of the activity —
 * locked, If-Match checked, audited, its document refreshed — and an approval keeps the document
 * as approved, with who approved it, when, the comment and when it is next due for review
 * (REVIEW_CYCLE after the approval). The export and the privacy notice read those documents.
 */
export class ReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly activities: ProcessingActivityService,
    private readonly config: { REVIEW_CYCLE: string },
    private readonly clock: Clock,
  ) {}

  private now() {
    return new Date(this.clock());
  }

  /** Today by the clock, as a date (UTC). */
  today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  /**
   * Draft or approved (a periodic review confirms it as it stands) → in review. Each step is a
   * write of the activity through the shared write path, so it is scoped to the actor's units.
   */
  submit(id: string, ifMatch: string | undefined, actor: Actor): Promise<ActivityView> {
    const at = this.now();
    return this.activities.reviewStep(id, ifMatch, actor, async (manager, current) => {
      expectState(current, ['draft', 'approved'], 'submitted', 'it is already in review');
      await manager.query(
        `UPDATE processing_activities SET review_state = 'in-review', submitted_at = $2, submitted_by = $3, version = version + 1 WHERE id = $1`,
        [id, at, actor.sub],
      );
      await enqueueEvent(manager, 'activity.submitted', at, { ...eventData(current), submittedBy: actor.sub });
    });
  }

  /** In review → approved, by an approver other than the last editor; the document as approved is kept. */
  approve(id: string, ifMatch: string | undefined, actor: Actor, comment: string | null): Promise<ActivityView> {
    const at = this.now();
    const dueOn = addDuration(at.toISOString(), this.config.REVIEW_CYCLE);
    return this.activities.reviewStep(
      id,
      ifMatch,
      actor,
      async (manager, current) => {
        expectState(current, ['in-review'], 'approved', 'only a submitted activity can be approved: submit it first');
        const [row] = (await manager.query('SELECT last_edited_by AS "lastEditedBy" FROM processing_activities WHERE id = $1', [id])) as {
          lastEditedBy: string | null;
        }[];
        if (row?.lastEditedBy === actor.sub) {
          throw new AppError(
            'FOUR_EYES_REQUIRED',
            `You (${actor.sub}) made the last change to processing activity ${id}; another approver must approve it.`,
          );
        }
        await manager.query(
          `UPDATE processing_activities SET review_state = 'approved', review_comment = $2, version = version + 1 WHERE id = $1`,
          [id, comment],
        );
        const [{ version }] = (await manager.query('SELECT version FROM processing_activities WHERE id = $1', [id])) as [
          { version: number },
        ];
        await manager.query(
          `INSERT INTO activity_approvals (activity_id, activity_version, body, etag, approved_by, approved_at, comment, review_due_on)
           VALUES ($1, $2, '', '', $3, $4, $5, $6)`,
          [id, version, actor.sub, at, comment, dueOn],
        );
      },
      async (manager, document) => {
        // The approved state: exactly the representation the approval produced.
        await manager.query(
          `UPDATE activity_approvals SET body = $2, etag = $3
            WHERE id = (SELECT id FROM activity_approvals WHERE activity_id = $1 ORDER BY sequence DESC LIMIT 1)`,
          [id, document.body, document.etag],
        );
        const approved = JSON.parse(document.body) as ActivityView;
        await enqueueEvent(manager, 'activity.approved', at, {
          ...eventData(approved),
          version: approved.version,
          approvedBy: actor.sub,
          reviewDueOn: dueOn,
        });
      },
    );
  }

  /** In review → draft, with the reason. */
  returnToDraft(id: string, ifMatch: string | undefined, actor: Actor, comment: string): Promise<ActivityView> {
    return this.activities.reviewStep(id, ifMatch, actor, async (manager, current) => {
      expectState(current, ['in-review'], 'returned', 'only a submitted activity can be returned to draft');
      await manager.query(
        `UPDATE processing_activities SET review_state = 'draft', review_comment = $2, version = version + 1 WHERE id = $1`,
        [id, comment],
      );
    });
  }

  /** Overdue reviews and those due within `within` of today, per owner. */
  async due(input: { within?: string; owner?: string }): Promise<ReviewsDueResponse> {
    const today = this.today();
    const within = input.within ?? 'P30D';
    const until = addDuration(today, within);
    const params: unknown[] = [until];
    const ownerFilter = input.owner === undefined ? '' : `AND ${reviewOwner} = $${params.push(input.owner)}`;
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.name, a.review_state AS "reviewState", ${reviewOwner} AS owner,
              to_char(p.review_due_on, 'YYYY-MM-DD') AS "reviewDueOn", p.activity_version AS "approvedVersion",
              p.approved_by AS "approvedBy", p.approved_at AS "approvedAt"
         FROM processing_activities a
         JOIN LATERAL (SELECT * FROM activity_approvals x WHERE x.activity_id = a.id ORDER BY x.sequence DESC LIMIT 1) p ON TRUE
        WHERE p.review_due_on <= $1::date ${ownerFilter}
        ORDER BY ${reviewOwner} IS NULL, ${reviewOwner}, p.review_due_on, lower(a.name), a.id`,
      params,
    )) as (Omit<DueReview, 'daysLeft' | 'approvedAt'> & { owner: string | null; approvedAt: Date })[];
    const owners = new Map<string | null, OwnerReviews>();
    let overdue = 0;
    for (const { owner, approvedAt, ...row } of rows) {
      const group = owners.get(owner) ?? { owner, overdue: [], upcoming: [] };
      owners.set(owner, group);
      const review: DueReview = { ...row, approvedAt: approvedAt.toISOString(), daysLeft: daysBetween(today, row.reviewDueOn) };
      if (review.daysLeft < 0) {
        group.overdue.push(review);
        overdue += 1;
      } else group.upcoming.push(review);
    }
    return { today, within, until, overdue, upcoming: rows.length - overdue, owners: [...owners.values()] };
  }

  /**
   * Emits review.due once for each latest approval whose due date has come (by the clock), in
   * one transaction; rows another instance is emitting are skipped. Returns how many.
   */
  async emitDue(): Promise<number> {
    const at = this.now();
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const due = (await manager.query(
        `SELECT p.id AS "approvalId", a.id, a.name, ${reviewOwner} AS owner, p.activity_version AS version,
                to_char(p.review_due_on, 'YYYY-MM-DD') AS "reviewDueOn"
           FROM activity_approvals p JOIN processing_activities a ON a.id = p.activity_id
          WHERE p.review_due_notified_at IS NULL AND p.review_due_on <= $1::date
            AND p.id = (SELECT x.id FROM activity_approvals x WHERE x.activity_id = p.activity_id ORDER BY x.sequence DESC LIMIT 1)
          ORDER BY p.review_due_on, p.id
          FOR UPDATE OF p SKIP LOCKED`,
        [at.toISOString().slice(0, 10)],
      )) as { approvalId: string; id: string; name: string; owner: string | null; version: number; reviewDueOn: string }[];
      for (const { approvalId, ...review } of due) {
        await enqueueEvent(manager, 'review.due', at, {
          resource: 'processing-activities',
          ...review,
          path: `/v1/processing-activities/${review.id}`,
        });
        await manager.query('UPDATE activity_approvals SET review_due_notified_at = $2 WHERE id = $1', [approvalId, at]);
      }
      return due.length;
    });
  }
}

function expectState(current: ActivityView, from: ReviewState[], step: string, why: string) {
  if (!from.includes(current.reviewState as ReviewState)) {
    throw new AppError(
      'REVIEW_STATE_CONFLICT',
      `Processing activity ${current.id} is ${current.reviewState}; it cannot be ${step}: ${why}.`,
    );
  }
}

const eventData = (activity: ActivityView) => ({
  resource: 'processing-activities',
  id: activity.id,
  name: activity.name,
  path: `/v1/processing-activities/${activity.id}`,
});

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
