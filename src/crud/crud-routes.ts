import type { FastifyInstance } from 'fastify';
import type { RegisterEntity } from '../../entities/register-entity';
import { actorOf } from '../audit/recorder';
import { IdParams } from '../http/common-dto';
import { etagOf, ifMatchHeader } from '../http/etag';
import { inline, json, pageOf, problems, ref } from '../http/responses';
import type { CrudService, ListInput } from './crud-service';
import { tagRank } from '../http/openapi-tags';

/** The five routes of a building-block resource, with schemas for validation, serialization and docs. */
export function registerCrudRoutes<E extends RegisterEntity>(app: FastifyInstance, service: CrudService<E>) {
  const { definition } = service;
  const { path, singular, tag, dto } = definition;
  app.declareTag({ name: tag, description: definition.tagDescription }, tagRank.buildingBlocks);
  const aSingular = `${/^[aeiou]/i.test(singular) ? 'an' : 'a'} ${singular}`;
  const resource = path;
  const params = inline(app.dtoSchemas, IdParams);
  const one = json(`The ${singular}`, ref(dto.response));
  // Owned entries: an editor writes only those of its token's units (crud/unit-scope.ts).
  const scoped = service.owned ? (['OUTSIDE_UNITS'] as const) : [];
  const scopeNote = service.owned
    ? ` An editor may write only ${path.replace(/-/g, ' ')} owned by one of its token's units (403 \`OUTSIDE_UNITS\`; not assigned: admins and the DPO only).`
    : '';

  app.get<{ Querystring: ListInput }>(
    `/${path}`,
    {
      config: { permission: { resource, operation: 'list' } },
      schema: {
        tags: [tag],
        operationId: `list-${path}`,
        summary: `List ${path.replace(/-/g, ' ')}`,
        description: `One page of ${path.replace(/-/g, ' ')}, filtered and sorted. Use \`offset\` and \`limit\` to page; \`total\` counts all matches.`,
        querystring: inline(app.dtoSchemas, dto.query),
        response: { 200: json('A page of entries', pageOf(dto.response)), ...problems() },
      },
    },
    (request) => service.list(request.query),
  );

  app.get<{ Params: { id: string } }>(
    `/${path}/:id`,
    {
      config: { permission: { resource, operation: 'get' } },
      schema: {
        tags: [tag],
        operationId: `get-${path}`,
        summary: `Get one ${singular}`,
        params,
        response: { 200: one, ...problems('NOT_FOUND') },
      },
    },
    async (request, reply) => {
      const entry = await service.get(request.params.id);
      return reply.header('etag', etagOf(entry)).send(entry);
    },
  );

  if (definition.readOnly || !dto.create || !dto.update) return;
  const { create, update } = dto;

  app.post<{ Body: Record<string, unknown> }>(
    `/${path}`,
    {
      config: { permission: { resource, operation: 'create' } },
      schema: {
        tags: [tag],
        operationId: `create-${path}`,
        summary: `Create ${aSingular}`,
        description: `Creates ${aSingular}. Names are unique (case-insensitive); unknown fields are rejected.${scopeNote}${
          service.owned
            ? ' An editor of exactly one unit may leave `ownerUnitId` out (that unit owns it); one of several must name it (422 `OWNER_UNIT_REQUIRED`).'
            : ''
        }`,
        body: ref(create),
        response: {
          201: one,
          ...problems(
            'DUPLICATE',
            'UNKNOWN_REFERENCE',
            'BODY_TOO_LARGE',
            'UNSUPPORTED_MEDIA_TYPE',
            ...scoped,
            ...(service.owned ? (['OWNER_UNIT_REQUIRED'] as const) : []),
          ),
        },
      },
    },
    async (request, reply) => {
      const created = await service.create(request.body as Partial<E>, actorOf(request));
      return reply
        .code(201)
        .header('etag', etagOf(created))
        .header('location', `${request.url.replace(/\/$/, '')}/${created.id}`)
        .send(created);
    },
  );

  app.patch<{ Params: { id: string }; Body: Record<string, unknown> }>(
    `/${path}/:id`,
    {
      config: { permission: { resource, operation: 'update' } },
      schema: {
        tags: [tag],
        operationId: `update-${path}`,
        summary: `Update ${aSingular}`,
        description: `Changes the fields sent and leaves the others as they are; \`null\` clears an optional field.${scopeNote}${
          service.owned ? ' Handing the entry to another unit needs that unit too.' : ''
        }`,
        params,
        headers: ifMatchHeader,
        body: ref(update),
        response: {
          200: one,
          ...problems(
            'NOT_FOUND',
            'DUPLICATE',
            'UNKNOWN_REFERENCE',
            'READ_ONLY',
            'UNSUPPORTED_MEDIA_TYPE',
            'PRECONDITION_FAILED',
            'PRECONDITION_REQUIRED',
            ...scoped,
          ),
        },
      },
    },
    async (request, reply) => {
      const updated = await service.update(request.params.id, request.body as Partial<E>, request.headers['if-match'], actorOf(request));
      return reply.header('etag', etagOf(updated)).send(updated);
    },
  );

  app.delete<{ Params: { id: string } }>(
    `/${path}/:id`,
    {
      config: { permission: { resource, operation: 'delete' } },
      schema: {
        tags: [tag],
        operationId: `delete-${path}`,
        summary: `Delete ${aSingular}`,
        description: `Deletes the ${singular}. Refused with 409 while anything links to it; the problem lists what does.${scopeNote}`,
        params,
        headers: ifMatchHeader,
        response: {
          204: { description: 'Deleted', type: 'null' },
          ...problems('NOT_FOUND', 'STILL_REFERENCED', 'READ_ONLY', 'PRECONDITION_FAILED', 'PRECONDITION_REQUIRED', ...scoped),
        },
      },
    },
    async (request, reply) => {
      await service.remove(request.params.id, request.headers['if-match'], actorOf(request));
      return reply.code(204).send();
    },
  );
}
