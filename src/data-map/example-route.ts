import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors';
import { problems } from '../http/responses';
import { exampleDiagramReader } from './example';
import { dataMapTag } from './routes';

/** GET /docs/data-map.svg: the example register's diagram, public like the docs page that shows it in its introduction. */
export async function exampleDataMapRoutes(app: FastifyInstance) {
  const read = exampleDiagramReader();
  app.get(
    '/docs/data-map.svg',
    {
      schema: {
        tags: [dataMapTag.name],
        operationId: 'get-example-data-map',
        summary: "The example register's data map (public)",
        description:
          "The diagram `GET /v1/register/data-map?format=svg` draws for the example register a new installation holds (Woktron Ltd.), as committed in `docs/data-map-example.svg`: no token needed, because it never shows this installation's own register. The introduction above shows it.",
        response: {
          200: {
            description: 'An SVG document',
            content: { 'image/svg+xml': { schema: { type: 'string', description: 'An SVG document' } } },
          },
          ...problems('NOT_FOUND'),
        },
      },
    },
    async (_request, reply) => {
      const svg = read();
      if (svg === undefined) throw new AppError('NOT_FOUND', 'This installation has no docs/data-map-example.svg.');
      return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(svg);
    },
  );
}
