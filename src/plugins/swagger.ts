import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { findingsTag } from '../findings/routes';
import { privacyNoticeTag } from '../privacy-notice/routes';
import { historyTag } from '../history/routes';
import { processingActivitiesTag } from '../processing-activities/routes';
import { registerTag } from '../register/routes';
import { buildingBlocks } from '../resources';

export const apiDescription = `A GDPR Article 30 **record of processing activities**, kept as linked entries.

Start with **Processing activities**: each record links its purposes (with legal bases), data subjects,
data categories (with retention and sources), collection channels, recipients, third-country transfers
and security measures. The other sections hold those building blocks.

Every \`/v1\` operation needs a bearer token (JWT) whose roles grant it: \`reader\` and \`auditor\` read,
\`editor\` also creates and updates register entries, \`admin\` may do everything. Press **Authorize**
and paste a token; in development the service prints one per role at start-up, and
\`npm run token -- --role auditor\` mints one.

Errors are RFC 9457 \`application/problem+json\` documents with a stable \`code\`; validation errors list
every bad field as a JSON Pointer.`;

/** OpenAPI 3 document built from the route schemas, and Swagger UI at /docs (assets served locally). */
export const swaggerPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: { title: 'Processing register', version: '1.0.0', description: apiDescription },
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A JWT with a `roles` claim' },
          },
        },
        tags: [
          processingActivitiesTag,
          ...Object.values(buildingBlocks).map((definition) => ({
            name: definition.tag,
            description: definition.tagDescription,
          })),
          findingsTag,
          privacyNoticeTag,
          historyTag,
          registerTag,
          { name: 'Administration', description: 'Health checks.' },
        ],
      },
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
      },
    });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: {
        docExpansion: 'list',
        deepLinking: true,
        displayOperationId: false,
        defaultModelsExpandDepth: 0,
        persistAuthorization: true,
      },
      // The page is public; the spec itself needs a token when DOCS_SPEC_PUBLIC=false.
      uiHooks: {
        onRequest: async (request) => {
          // The matched route, not the raw URL: /docs/%6Ason is /docs/json too.
          if (!app.config.DOCS_SPEC_PUBLIC && /^\/docs\/(json|yaml)$/.test(request.routeOptions.url ?? '')) {
            await app.authenticate(request);
          }
        },
      },
    });
  },
  { name: 'swagger' },
);

/** The OpenAPI document as committed in openapi/openapi.json: two-space indent, final newline. */
export function renderOpenapi(app: FastifyInstance): string {
  return `${JSON.stringify(app.swagger(), null, 2)}\n`;
}
