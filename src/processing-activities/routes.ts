import type { FastifyInstance } from 'fastify';
import { IdParams } from '../http/common-dto';
import { actorOf } from '../audit/recorder';
import { ifMatchHeader } from '../http/etag';
import { inline, json, pageOf, problems, ref } from '../http/responses';
import { ProcessingActivityCreate, ProcessingActivityListQuery, ProcessingActivityResponse, ProcessingActivityUpdate } from './dto';
import type { ActivityInput, ActivityListInput } from './service';
import { tagRank } from '../http/openapi-tags';

const tags = ['Processing activities'];
const jsonType = 'application/json; charset=utf-8';

export const processingActivitiesTag = {
  name: 'Processing activities',
  description:
    'The records of processing (Art. 30(1) as controller, 30(2) as processor), each linking purposes and legal bases, data subjects, data categories with retention and sources, channels, recipients, transfers and security measures.',
};

export async function processingActivityRoutes(app: FastifyInstance) {
  app.declareTag(processingActivitiesTag, tagRank.activities);
  const service = app.services.processingActivities;
  const params = inline(app.dtoSchemas, IdParams);
  const one = json('The processing activity, links resolved', ref(ProcessingActivityResponse));
  const linkProblems = ['DUPLICATE', 'UNKNOWN_REFERENCE', 'UNSUPPORTED_MEDIA_TYPE', 'BODY_TOO_LARGE'] as const;
  // Editors write only the activities of their token's units (crud/unit-scope.ts); linking another
  // unit's building block is no write of it, so only the activity's owner counts.
  const scope =
    " An editor may write only activities owned by one of its token's units (403 `OUTSIDE_UNITS`; not assigned: admins and the DPO only); linking another unit's building block is allowed, as it does not change the block.";

  app.get<{ Querystring: ActivityListInput }>(
    '/processing-activities',
    {
      config: { permission: { resource: 'processing-activities', operation: 'list' } },
      schema: {
        tags,
        operationId: 'list-processing-activities',
        summary: 'List processing activities',
        description:
          'One page of activities with their links resolved. Filter by status, role, owner, review date, or by anything they link to.',
        querystring: inline(app.dtoSchemas, ProcessingActivityListQuery),
        response: { 200: json('A page of processing activities', pageOf(ProcessingActivityResponse)), ...problems() },
      },
    },
    // The stored documents' bytes as they are: a Buffer with a JSON content type skips the serializer.
    async (request, reply) => reply.type(jsonType).send(await service.list(request.query)),
  );

  app.get<{ Params: { id: string } }>(
    '/processing-activities/:id',
    {
      config: { permission: { resource: 'processing-activities', operation: 'get' } },
      schema: {
        tags,
        operationId: 'get-processing-activities',
        summary: 'Get one processing activity',
        params,
        response: { 200: one, ...problems('NOT_FOUND') },
      },
    },
    async (request, reply) => {
      const { body, etag } = await service.get(request.params.id);
      return reply.header('etag', etag).type(jsonType).send(body);
    },
  );

  app.post<{ Body: ActivityInput }>(
    '/processing-activities',
    {
      config: { permission: { resource: 'processing-activities', operation: 'create' } },
      schema: {
        tags,
        operationId: 'create-processing-activities',
        summary: 'Create a processing activity with its links',
        description:
          'Creates the activity and all its links in one transaction. Every referenced id must exist; source channels must be among the collection channels and recipient data categories among the data categories.' +
          scope +
          ' An editor of exactly one unit may leave `ownerUnitId` out (that unit owns it); one of several must name it (422 `OWNER_UNIT_REQUIRED`).',
        body: ref(ProcessingActivityCreate),
        response: { 201: one, ...problems(...linkProblems, 'OUTSIDE_UNITS', 'OWNER_UNIT_REQUIRED') },
      },
    },
    async (request, reply) => {
      const created = await service.create(request.body, actorOf(request));
      return reply
        .code(201)
        .header('etag', service.etag(created))
        .header('location', `/v1/processing-activities/${created.id}`)
        .send(created);
    },
  );

  app.patch<{ Params: { id: string }; Body: ActivityInput }>(
    '/processing-activities/:id',
    {
      config: { permission: { resource: 'processing-activities', operation: 'update' } },
      schema: {
        tags,
        operationId: 'update-processing-activities',
        summary: 'Update a processing activity',
        description:
          'Changes the fields sent. A link list that is sent (e.g. `purposes`) replaces that list entirely; lists not sent stay. All or nothing, in one transaction.' +
          scope +
          ' Handing the activity to another unit needs that unit too.',
        params,
        headers: ifMatchHeader,
        body: ref(ProcessingActivityUpdate),
        response: { 200: one, ...problems('NOT_FOUND', 'PRECONDITION_FAILED', 'PRECONDITION_REQUIRED', ...linkProblems, 'OUTSIDE_UNITS') },
      },
    },
    async (request, reply) => {
      const updated = await service.update(request.params.id, request.body, request.headers['if-match'], actorOf(request));
      return reply.header('etag', service.etag(updated)).send(updated);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/processing-activities/:id',
    {
      config: { permission: { resource: 'processing-activities', operation: 'delete' } },
      schema: {
        tags,
        operationId: 'delete-processing-activities',
        summary: 'Delete a processing activity',
        description: 'Deletes the activity and its links; the building blocks it linked stay.' + scope,
        params,
        headers: ifMatchHeader,
        response: {
          204: { description: 'Deleted', type: 'null' },
          ...problems('NOT_FOUND', 'PRECONDITION_FAILED', 'PRECONDITION_REQUIRED', 'OUTSIDE_UNITS'),
        },
      },
    },
    async (request, reply) => {
      await service.remove(request.params.id, request.headers['if-match'], actorOf(request));
      return reply.code(204).send();
    },
  );
}
