import type { FastifyInstance } from 'fastify';
import { IdParams } from '../http/common-dto';
import { inline, json, problems, ref } from '../http/responses';
import { tagRank } from '../http/openapi-tags';
import { DataCategoryImpactResponse, DataMapQuery, DataMapResponse, SystemImpactResponse } from './dto';

export const dataMapTag = {
  name: 'Data map',
  description:
    'Where personal data lives and how it moves: what is behind one system or one data category (a breach assessment), and the graph of flows — derived from the activities (data subjects → collection channels → systems → recipients, with transfers) and recorded as data flows.',
};

export async function dataMapRoutes(app: FastifyInstance) {
  app.declareTag(dataMapTag, tagRank.register);
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

  app.get<{ Querystring: { activityId?: string; systemId?: string } }>(
    '/register/data-map',
    {
      config: { permission: { resource: 'register', operation: 'get' } },
      schema: {
        tags,
        operationId: 'get-register-data-map',
        summary: 'The data map as a graph',
        description:
          'Nodes (data subject categories, collection channels, systems, recipients) and edges (derived from the activities that are not retired, and recorded data flows), for the whole register, one activity (`activityId`) or around one system (`systemId`). Giving both is a 400; an unknown activity or system is a 404.',
        querystring: inline(app.dtoSchemas, DataMapQuery),
        response: { 200: json('The graph', ref(DataMapResponse)), ...problems('NOT_FOUND') },
      },
    },
    (request) => service.dataMap(request.query),
  );
}
