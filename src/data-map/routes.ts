import type { FastifyInstance } from 'fastify';
import { IdParams } from '../http/common-dto';
import { negotiate } from '../http/content-negotiation';
import { inline, json, problems, ref } from '../http/responses';
import { tagRank } from '../http/openapi-tags';
import { DataCategoryImpactResponse, DataMapQuery, DataMapResponse, SystemImpactResponse } from './dto';

export const dataMapTag = {
  name: 'Data map',
  description:
    'Where personal data lives and how it moves: what is behind one system or one data category (a breach assessment), and the graph of flows — derived from the activities (data subjects → collection channels → systems → recipients, with transfers) and recorded as data flows.',
};

export async function dataMapRoutes(app: FastifyInstance) {
  app.declareTag(dataMapTag, tagRank.notice);
  const service = app.services.dataMap;
  const tags = [dataMapTag.name];

  app.get<{ Params: { id: string } }>(
    '/systems/:id/impact',
    {
      config: { permission: { resource: 'systems', operation: 'get' } },
      schema: {
        tags,
        operationId: 'get-system-impact',
        summary: 'What is behind one system',
        description:
          "The activities using the system (retired ones too: their data may still be there), the data categories held there — as each activity states them, or all of an activity's categories where it does not say which — and the data subjects, recipients, transfers and recorded flows behind it. The question a breach of the system raises.",
        params: inline(app.dtoSchemas, IdParams),
        response: { 200: json('The impact', ref(SystemImpactResponse)), ...problems('NOT_FOUND') },
      },
    },
    (request) => service.systemImpact(request.params.id),
  );

  app.get<{ Params: { id: string } }>(
    '/data-categories/:id/impact',
    {
      config: { permission: { resource: 'data-categories', operation: 'get' } },
      schema: {
        tags,
        operationId: 'get-data-category-impact',
        summary: 'Where one data category lives',
        description:
          'The systems holding the data category (stated, or possibly where an activity does not say which of its categories a system holds), the activities processing it with the systems they keep it in, and the recorded flows carrying it.',
        params: inline(app.dtoSchemas, IdParams),
        response: { 200: json('The reverse lookup', ref(DataCategoryImpactResponse)), ...problems('NOT_FOUND') },
      },
    },
    (request) => service.dataCategoryImpact(request.params.id),
  );

  app.get<{ Querystring: { activityId?: string; systemId?: string; format?: 'json' | 'svg' } }>(
    '/register/data-map',
    {
      config: { permission: { resource: 'register', operation: 'get' } },
      schema: {
        tags,
        operationId: 'get-register-data-map',
        summary: 'The data map as a graph',
        description:
          'Nodes (data subject categories, collection channels, systems, recipients) and edges (derived from the activities that are not retired, and recorded data flows), for the whole register, one activity (`activityId`) or around one system (`systemId`). Giving both is a 400; an unknown activity or system is a 404.\n\nAs `image/svg+xml` (by `format=svg` or the `Accept` header) the same graph is drawn as a diagram laid out by Graphviz (compiled to WebAssembly): one column per kind, in the order data moves; recorded flows bold, flows crossing a border red with their country; the tooltip of each edge names its data categories and activities.',
        querystring: inline(app.dtoSchemas, DataMapQuery),
        response: {
          200: {
            description: 'The graph (JSON) or the diagram (SVG)',
            content: {
              'application/json': { schema: ref(DataMapResponse) },
              'image/svg+xml': { schema: { type: 'string', description: 'An SVG document' } },
            },
          },
          ...problems('NOT_FOUND'),
        },
      },
    },
    async (request, reply) => {
      const { format: requested, ...query } = request.query;
      const format = negotiate(requested, request.headers.accept, [
        ['json', 'application/json'],
        ['svg', 'image/svg+xml'],
      ] as const);
      reply.header('vary', 'accept');
      if (format === 'json') return service.dataMap(query);
      const svg = await service.diagram(query);
      return reply.type('image/svg+xml; charset=utf-8').send(svg);
    },
  );
}
