import type { FastifyInstance } from 'fastify';
import { IdParams } from '../http/common-dto';
import { inline, json, problems, ref } from '../http/responses';
import { ActivityFindingsQuery, ActivityFindingsResponse, RegisterFindingsQuery, RegisterFindingsResponse } from './dto';
import type { FindingsFilter } from './service';
import { tagRank } from '../http/openapi-tags';

const tags = ['Findings'];

export const findingsTag = {
  name: 'Findings',
  description:
    'What the register itself shows to be missing or wrong: Art. 30 completeness, legal bases, special data, processors, transfers, retention, DPIA, review dates and the privacy policy. Computed on read; findings never block a save.',
};

export async function findingsRoutes(app: FastifyInstance) {
  app.declareTag(findingsTag, tagRank.findings);
  const service = app.services.findings;

  app.get<{ Querystring: FindingsFilter }>(
    '/register/findings',
    {
      config: { permission: { resource: 'findings', operation: 'list' } },
      schema: {
        tags,
        operationId: 'list-register-findings',
        summary: 'Findings for the whole register',
        description:
          'Every finding for the register (retired activities are not checked), errors first, with a count per rule code. Filter by severity, code or activity.',
        querystring: inline(app.dtoSchemas, RegisterFindingsQuery),
        response: { 200: json('The findings', ref(RegisterFindingsResponse)), ...problems() },
      },
    },
    (request) => service.register(request.query),
  );

  app.get<{ Params: { id: string }; Querystring: FindingsFilter }>(
    '/processing-activities/:id/findings',
    {
      config: { permission: { resource: 'findings', operation: 'list' } },
      schema: {
        tags,
        operationId: 'list-processing-activity-findings',
        summary: 'Findings for one processing activity',
        description: 'The findings concerning this activity and the entries it links to. A retired activity has none.',
        params: inline(app.dtoSchemas, IdParams),
        querystring: inline(app.dtoSchemas, ActivityFindingsQuery),
        response: { 200: json('The findings', ref(ActivityFindingsResponse)), ...problems('NOT_FOUND') },
      },
    },
    (request) => service.forActivity(request.params.id, request.query),
  );
}
