import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors';
import { problems } from '../http/responses';
import { tagRank } from '../http/openapi-tags';

const status = {
  type: 'object',
  required: ['status'],
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: ['ok'], example: 'ok' },
    database: { type: 'string', enum: ['postgres', 'pglite'], example: 'pglite' },
  },
};

/** Liveness (the process answers) and readiness (the database answers too). */
export const administrationTag = {
  name: 'Administration',
  description: 'Health checks for load balancers and orchestrators; no token needed.',
};

export async function healthRoutes(app: FastifyInstance) {
  app.declareTag(administrationTag, tagRank.administration);
  app.get(
    '/health/live',
    {
      schema: {
        tags: [administrationTag.name],
        operationId: 'health-live',
        summary: 'Liveness',
        description: 'Answers while the process runs; does not touch the database.',
        response: { 200: { description: 'Alive', content: { 'application/json': { schema: status } } } },
      },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/health/ready',
    {
      schema: {
        tags: [administrationTag.name],
        operationId: 'health-ready',
        summary: 'Readiness',
        description: 'Answers 200 when the database answers a query, 503 problem+json otherwise.',
        response: { 200: { description: 'Ready', content: { 'application/json': { schema: status } } }, ...problems() },
      },
    },
    async (request) => {
      try {
        await app.dataSource.query('SELECT 1');
      } catch (error) {
        request.log.error({ err: error }, 'readiness check failed');
        throw new AppError('DATABASE_UNAVAILABLE', 'The database does not answer.');
      }
      return { status: 'ok', database: app.database.kind };
    },
  );
}
