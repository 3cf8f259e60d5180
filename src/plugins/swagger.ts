import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { errorCatalogue, problemFor, type ErrorCode, type FieldError } from '../errors';
import type { JsonObject } from '../http/dto';
import type { OpenApiTag } from '../http/openapi-tags';

/**
 * A link to an operation in the introduction: `#operation/<operationId>`, made a Swagger UI deep
 * link (`#/<tag>/<operationId>`) once the document knows the operation's tag (`linkOperations`).
 */
const deepLink = (operationId: string) => `#operation/${operationId}`;

/** The introduction at the top of Swagger UI: what this is, how to get in, where to start. */
export const apiDescription = `A GDPR Article 30 **record of processing activities**: the register every controller (Art. 30(1))
and processor (Art. 30(2)) keeps of how it processes personal data, and hands to the supervisory
authority on request. Each **processing activity** links its purposes (with legal bases), data
subjects, data categories (with retention and sources), collection channels, recipients,
third-country transfers and security measures; the other sections hold those building blocks. A new
installation holds an example: the register of Woktron Ltd., a Dutch hosting company (13 activities,
such as *Customer orders and service delivery* and *Billing, payment and debt collection*).

### 1. Get a token

Every \`/v1\` operation needs a bearer token (JWT) whose \`roles\` claim grants it; each operation
below names the roles it needs.

| Role | May |
|---|---|
| \`reader\` | read every entry, the findings, the privacy notice and the export |
| \`auditor\` | the same, plus the audit trail, the register's history and signed snapshots |
| \`editor\` | also create and update processing activities and most building blocks |
| \`admin\` | everything, including organisations, own legal bases and deletions |

- **Development:** the service prints a token per role when it starts; \`npm run token -- --role auditor --ttl 1h\`
  mints another.
- **Production:** ask your organisation's identity provider (the service only verifies tokens).

### 2. Authorize

Press **Authorize**, paste the token itself (without \`Bearer \`), **Authorize**, **Close**. The token
stays in this browser until you log out or it expires, and every "Try it out" sends it.

### 3. Where to start

1. [**GET /v1/register**](${deepLink('get-register')}): the whole register as one document.
   *Try it out* → *Execute* → *Download file*: \`register-YYYY-MM-DD.json\`, or \`.csv\` (UK ICO
   template) and \`.jsonld\` (W3C DPV) with \`format\`.
2. [**GET /v1/register/findings**](${deepLink('list-register-findings')}): what the register itself shows to be missing or wrong.
3. [**GET /v1/processing-activities**](${deepLink('list-processing-activities')}) with \`q=billing\`,
   then one activity by its \`id\`: its purposes, legal bases, data, recipients and transfers.
4. [**POST /v1/register/snapshots**](${deepLink('create-register-snapshots')}) (auditor, admin): freeze and sign the
   register; [**GET /v1/register/snapshots/{id}**](${deepLink('get-register-snapshots')}) downloads it
   (\`register-snapshot-YYYY-MM-DD-<id>.json\`, or \`.jws\` as \`application/jose\`) for
   \`npm run verify-snapshot\` with the keys of \`GET /v1/register/snapshots/jwks.json\`.

Each link above opens its operation in a new tab. Links like these are deep links,
\`/docs#/<section>/<operation>\`: the address bar follows what you open, so copy it to share a place.

### The data map

Where the example register's personal data lives and how it moves: data subjects, collection
channels, systems and recipients, laid out by Graphviz; red flows cross a border. Your own
register's map is [**GET /v1/register/data-map**](${deepLink('get-register-data-map')}) with \`format=svg\`
(it needs a token); this picture of the example is public at [\`/docs/data-map.svg\`](/docs/data-map.svg).

![Data map of the example register (Woktron Ltd.)](/docs/data-map.svg)

### Errors

Errors are RFC 9457 \`application/problem+json\` documents with a stable \`code\`; validation errors
list every bad field as a JSON Pointer. Without a token:

\`\`\`json
${JSON.stringify(problemFor('UNAUTHENTICATED', 'This operation needs a bearer token (Authorization: Bearer …).', {}, '/v1/register'), null, 2)}
\`\`\``;

/** Example resource names for "not found" details, from the path segment before `{id}`. */
const singularOf = (segment: string) =>
  segment
    .replace(/-/g, ' ')
    .replace(/bases$/, 'basis')
    .replace(/ies$/, 'y')
    .replace(/s$/, '');

const exampleId = '0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11';

type Problem = ReturnType<typeof problemFor>;

/** A field error of the kind the operation most often gets: a bad id, a bad body field, a bad query. */
function exampleFieldError(path: string, operation: JsonObject): FieldError {
  if (path.includes('{id}')) return { in: 'params', path: '/id', message: 'must match format "uuid"' };
  if (operation.requestBody) return { in: 'body', path: '/name', message: 'must NOT have fewer than 1 characters' };
  return { in: 'query', path: '/limit', message: 'must be <= 100' };
}

/** A realistic detail for an error code on an operation, worded as the service words it. */
function exampleDetail(code: ErrorCode, path: string, roles: string[] | undefined): Problem['detail'] {
  const roleList = (list: string[]) => list.map((role) => `\`${role}\``).join(', ');
  switch (code) {
    case 'UNAUTHENTICATED':
      return 'This operation needs a bearer token (Authorization: Bearer …).';
    case 'FORBIDDEN': {
      const needed = roles?.length ? roles : ['admin'];
      return `This operation needs one of the roles ${roleList(needed)}; the token has ${needed.includes('reader') ? 'nobody' : '`reader`'}.`;
    }
    case 'NOT_FOUND': {
      const segment = /\/([a-z-]+)\/\{[^}]+\}/.exec(path)?.[1] ?? 'entries';
      return `No ${path.startsWith('/v1/register/snapshots') ? 'register snapshot' : singularOf(segment)} with id ${exampleId}.`;
    }
    case 'VALIDATION_FAILED':
      return '1 field is not valid.';
    case 'RATE_LIMITED':
      return 'Rate limit exceeded: at most 600 requests per 1 minute.';
    default:
      return `${errorCatalogue[code].title}.`;
  }
}

/**
 * Gives every documented problem+json response an example per error code it lists, so Swagger UI
 * shows a 401 as a 401 (not the generic Problem schema's 404 example).
 */
function addProblemExamples(openapi: JsonObject) {
  for (const [path, methods] of Object.entries<JsonObject>(openapi.paths ?? {})) {
    for (const operation of Object.values<JsonObject>(methods)) {
      for (const [status, response] of Object.entries<JsonObject>(operation.responses ?? {})) {
        const media = response.content?.['application/problem+json'];
        if (!media || media.examples || media.example) continue;
        const codes = String(response.description ?? '')
          .split('; ')
          .map((part) => part.split(':')[0]!)
          .filter((code): code is ErrorCode => code in errorCatalogue && String(errorCatalogue[code as ErrorCode].status) === status);
        if (codes.length === 0) continue;
        const instance = path.replace(/\{[^}]+\}/g, exampleId);
        const examples = Object.fromEntries(
          codes.map((code) => {
            const extras = code === 'VALIDATION_FAILED' ? { errors: [exampleFieldError(path, operation)] } : {};
            return [
              code,
              {
                summary: errorCatalogue[code].title,
                value: problemFor(code, exampleDetail(code, path, operation['x-roles']), extras, instance),
              },
            ];
          }),
        );
        media.examples = examples;
      }
    }
  }
  return openapi;
}

/**
 * Swagger UI fills "Try it out" inputs with a parameter's example: an optional filter would then
 * be sent unasked (`owner=Sales`, `asOf=2026-01-31…`) and the auditor sees an empty register. So
 * optional query parameters name their example in the description instead.
 */
function examplesIntoDescriptions(openapi: JsonObject) {
  for (const methods of Object.values<JsonObject>(openapi.paths ?? {})) {
    for (const operation of Object.values<JsonObject>(methods)) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in !== 'query' || parameter.required || parameter.schema?.example === undefined) continue;
        const { example, ...schema } = parameter.schema;
        parameter.schema = schema;
        const description = parameter.description ? `${String(parameter.description).replace(/\.?$/, '.')} ` : '';
        parameter.description = `${description}Example: \`${typeof example === 'string' ? example : JSON.stringify(example)}\`.`;
      }
    }
  }
  return openapi;
}

interface DeclaredTag {
  tag: OpenApiTag;
  rank: number;
}

function withTags(openapi: JsonObject, tags: DeclaredTag[]) {
  openapi.tags = [...tags].sort((a, b) => a.rank - b.rank).map(({ tag }) => tag);
  return openapi;
}

/** Turns the introduction's `#operation/<id>` links into Swagger UI deep links, by the operation's first tag. */
function linkOperations(openapi: JsonObject) {
  const tagOf = new Map<string, string>();
  for (const methods of Object.values<JsonObject>(openapi.paths ?? {})) {
    for (const operation of Object.values<JsonObject>(methods))
      if (operation.operationId) tagOf.set(operation.operationId, operation.tags?.[0]);
  }
  openapi.info = { ...openapi.info };
  openapi.info.description = String(openapi.info.description).replace(/#operation\/([a-z-]+)/g, (link, operationId: string) => {
    const tag = tagOf.get(operationId);
    if (!tag) throw new Error(`the introduction links to an unknown operation: ${operationId}`);
    return `#/${encodeURIComponent(tag)}/${operationId}`;
  });
  return openapi;
}

/**
 * @fastify/swagger puts a response header's every keyword into its schema; `required` belongs to
 * the header itself (the route schemas mark it `x-required`, see src/plugins/contract.ts).
 */
function requiredResponseHeaders(openapi: JsonObject) {
  for (const methods of Object.values<JsonObject>(openapi.paths ?? {})) {
    for (const operation of Object.values<JsonObject>(methods)) {
      for (const response of Object.values<JsonObject>(operation.responses ?? {})) {
        for (const header of Object.values<JsonObject>(response.headers ?? {})) {
          if (header.schema?.['x-required'] === undefined) continue;
          const { 'x-required': required, ...schema } = header.schema;
          header.schema = schema;
          if (required) header.required = true;
        }
      }
    }
  }
  return openapi;
}

/**
 * Only the schemas the operations use: query, path and header DTOs are documented as parameters
 * (inlined), so their components — and schemas only ever inlined — would be dead weight.
 */
function withoutUnusedSchemas(openapi: JsonObject) {
  const schemas: Record<string, unknown> = openapi.components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
          const name = value.slice('#/components/schemas/'.length);
          if (!used.has(name)) {
            used.add(name);
            visit(schemas[name]);
          }
        } else visit(value);
      }
    }
  };
  visit(openapi.paths);
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
  return openapi;
}

/** OpenAPI 3 document built from the route schemas, and Swagger UI at /docs (assets served locally). */
export const swaggerPlugin = fp(
  async (app: FastifyInstance) => {
    // Each route plugin declares its own section (tag); the document lists them by rank.
    const tags: DeclaredTag[] = [];
    app.decorate('declareTag', (tag: OpenApiTag, rank: number) => {
      if (!tags.some((known) => known.tag.name === tag.name)) tags.push({ tag, rank });
    });
    await app.register(swagger, {
      openapi: {
        // 3.1: JSON Schema 2020-12, so cross-field rules (if/then) are part of the schemas.
        openapi: '3.1.0',
        info: { title: 'Processing register', version: '1.0.0', description: apiDescription },
        // Relative: the server that serves this document (every installation has its own address).
        servers: [{ url: '/', description: 'The server that serves this document' }],
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              bearerFormat: 'JWT',
              description:
                'A JWT whose `roles` claim holds `reader`, `auditor`, `editor` or `admin`. Paste the token without `Bearer `. Development: `npm run token -- --role auditor --ttl 1h`; production: your identity provider.',
            },
          },
        },
      },
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
      },
      transformObject: (document) =>
        withoutUnusedSchemas(
          requiredResponseHeaders(
            linkOperations(
              withTags(
                examplesIntoDescriptions(addProblemExamples('openapiObject' in document ? document.openapiObject : document.swaggerObject)),
                tags,
              ),
            ),
          ),
        ),
    });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      theme: { title: 'Processing register — API' },
      uiConfig: {
        // The sections in reading order, each opened on demand (a deep link opens its operation).
        docExpansion: 'none',
        // `#/<tag>/<operationId>` opens that operation; the address bar follows what is opened.
        deepLinking: true,
        displayOperationId: false,
        defaultModelsExpandDepth: 0,
        // The token survives a reload (kept in this browser's localStorage until Logout).
        persistAuthorization: true,
        displayRequestDuration: true,
        filter: true,
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
