import type { FastifyInstance } from 'fastify';
import { actorOf } from '../audit/recorder';
import { IdParams } from '../http/common-dto';
import { ifMatchHeader } from '../http/etag';
import { tagRank } from '../http/openapi-tags';
import { inline, json, problems, ref } from '../http/responses';
import { ProcessingActivityResponse } from '../processing-activities/dto';
import { processingActivitiesTag } from '../processing-activities/routes';
import { ApproveRequest, ReturnRequest, ReviewsDueQuery, ReviewsDueResponse } from './dto';

export const reviewsTag = {
  name: 'Reviews',
  description:
    'Recurring reviews: every approved activity is due for review REVIEW_CYCLE after its approval. The approval steps themselves are on the processing activities.',
};

const activityTags = [processingActivitiesTag.name];

export async function reviewRoutes(app: FastifyInstance) {
  app.declareTag(reviewsTag, tagRank.activities + 1);
  const service = app.services.reviews;
  const activities = app.services.processingActivities;
  const params = inline(app.dtoSchemas, IdParams);
  const one = json('The processing activity after the step', ref(ProcessingActivityResponse));
  // Every step is a write of the activity (the shared write path): unit-scoped like an edit.
  const stepProblems = ['NOT_FOUND', 'PRECONDITION_FAILED', 'PRECONDITION_REQUIRED', 'REVIEW_STATE_CONFLICT', 'OUTSIDE_UNITS'] as const;

  app.post<{ Params: { id: string } }>(
    '/processing-activities/:id/submit',
    {
      config: { permission: { resource: 'processing-activities', operation: 'update' } },
      schema: {
        tags: activityTags,
        operationId: 'submit-processing-activity',
        summary: 'Submit a processing activity for review',
        description:
          'Moves it from `draft` (or `approved`, to confirm it as it stands at a periodic review) to `in-review`, recording who submitted it and when. Editors, the DPO and admins; an editor only activities owned by one of its token’s units (403 OUTSIDE_UNITS). Takes no body. 409 REVIEW_STATE_CONFLICT when it is already in review. Emits `activity.submitted`.',
        params,
        headers: ifMatchHeader,
        response: { 200: one, ...problems(...stepProblems) },
      },
    },
    async (request, reply) => {
      const updated = await service.submit(request.params.id, request.headers['if-match'], actorOf(request));
      return reply.header('etag', activities.etag(updated)).send(updated);
    },
  );

  app.post<{ Params: { id: string }; Body: ApproveRequest | undefined }>(
    '/processing-activities/:id/approve',
    {
      config: { permission: { resource: 'activity-approvals', operation: 'create' } },
      schema: {
        tags: activityTags,
        operationId: 'approve-processing-activity',
        summary: 'Approve a submitted processing activity',
        description:
          'Moves it from `in-review` to `approved`. Needs the `approver` role and a different person (token `sub`) from the one who last changed the activity or its links: 403 FOUR_EYES_REQUIRED otherwise. Like an edit, it is scoped to the token’s units (403 OUTSIDE_UNITS): an approver approves activities of its units; one who also holds `dpo` approves across units, unassigned ones included. Records the approver, the time and the comment, keeps the representation as approved (the approved state the register export and the privacy notice are built from) and sets the next review `REVIEW_CYCLE` after today (`approval.reviewDueOn`). 409 REVIEW_STATE_CONFLICT unless it is in review. Emits `activity.approved`.',
        params,
        headers: ifMatchHeader,
        body: ref(ApproveRequest),
        response: { 200: one, ...problems(...stepProblems, 'FOUR_EYES_REQUIRED', 'UNSUPPORTED_MEDIA_TYPE', 'BODY_TOO_LARGE') },
      },
    },
    async (request, reply) => {
      const updated = await service.approve(
        request.params.id,
        request.headers['if-match'],
        actorOf(request),
        request.body?.comment ?? null,
      );
      return reply.header('etag', activities.etag(updated)).send(updated);
    },
  );

  app.post<{ Params: { id: string }; Body: ReturnRequest }>(
    '/processing-activities/:id/return',
    {
      config: { permission: { resource: 'activity-approvals', operation: 'create' } },
      schema: {
        tags: activityTags,
        operationId: 'return-processing-activity',
        summary: 'Return a submitted processing activity to draft',
        description:
          'Moves it from `in-review` back to `draft` with the reason (`reviewComment`). Approvers, within their units as for approving. Its approved state, if it had one, stays in force. 409 REVIEW_STATE_CONFLICT unless it is in review.',
        params,
        headers: ifMatchHeader,
        body: ref(ReturnRequest),
        response: { 200: one, ...problems(...stepProblems, 'UNSUPPORTED_MEDIA_TYPE', 'BODY_TOO_LARGE') },
      },
    },
    async (request, reply) => {
      const updated = await service.returnToDraft(request.params.id, request.headers['if-match'], actorOf(request), request.body.comment);
      return reply.header('etag', activities.etag(updated)).send(updated);
    },
  );

  app.get<{ Querystring: ReviewsDueQuery }>(
    '/reviews/due',
    {
      config: { permission: { resource: 'reviews', operation: 'list' } },
      schema: {
        tags: [reviewsTag.name],
        operationId: 'list-reviews-due',
        summary: 'Reviews overdue and coming up, per owner',
        description:
          "The latest approval of each activity whose review is overdue or due within `within` of today (the service's clock, UTC), grouped by the activity's `owner`. Activities never approved have no review cycle yet and are not listed (the register export lists them as not approved).",
        querystring: inline(app.dtoSchemas, ReviewsDueQuery),
        response: { 200: json('The reviews due', ref(ReviewsDueResponse)), ...problems() },
      },
    },
    (request) => service.due(request.query),
  );
}
