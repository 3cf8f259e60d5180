import { registerDocumentDtoSchemas } from './register-document/schema';
import 'reflect-metadata';
import './fastify-types';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Database } from './db/data-source';
import { dataMapRoutes } from './data-map/routes';
import { findingsRoutes } from './findings/routes';
import { healthRoutes } from './health/routes';
import { exampleDataMapRoutes } from './data-map/example-route';
import { historyRoutes } from './history/routes';
import { registerCrudRoutes } from './crud/crud-routes';
import { buildingBlockServices } from './entry-services';
import { screenRequestStrings } from './http/no-nul';
import { requestLogSerializer } from './http/request-log';
import { buildDtoSchemas, createValidatorCompiler } from './http/schemas';
import { buildSerializerFactory } from './http/serializer';
import { authPlugin } from './plugins/auth';
import { databasePlugin } from './plugins/database';
import { readModelPlugin } from './plugins/read-model';
import { idempotencyPlugin } from './plugins/idempotency';
import { overloadPlugin } from './plugins/overload';
import { contractPlugin } from './plugins/contract';
import { clientErrorHandler, errorHandlerPlugin, frameworkErrors } from './plugins/error-handler';
import { securityPlugin } from './plugins/security';
import { seedPlugin } from './plugins/seed';
import { shutdownPlugin } from './plugins/shutdown';
import { servicesPlugin } from './plugins/services';
import { swaggerPlugin } from './plugins/swagger';
import { processingActivityRoutes } from './processing-activities/routes';
import { privacyNoticeRoutes } from './privacy-notice/routes';
import { importRoutes } from './import/routes';
import { jsonLdSchemas } from './register/jsonld-schema';
import { registerRoutes } from './register/routes';
import { webhookRoutes } from './webhooks/routes';
import { reviewRoutes } from './reviews/routes';
import { reviewDueCheckPlugin } from './reviews/due-check';
import { webhookWorkerPlugin } from './webhooks/worker';

export interface BuildOptions {
  /** Use this open database instead of opening the configured one (tests). */
  database?: Database;
  /** The time (default Date.now): token expiry, the verified-token and key-set caches. Tests move it. */
  clock?: Clock;
  /** The event loop's delay (ms) in the last sample window (default: under-pressure's sample). Tests set it. */
  eventLoopDelay?: () => number;
  /** Write the log here instead of standard output (tests read it). */
  logStream?: { write(line: string): void };
}

/** The whole service as a Fastify instance: external plugins, then the app's own, then routes. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      serializers: { req: requestLogSerializer },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: config.BODY_LIMIT_BYTES,
    requestIdHeader: 'x-request-id',
    // While closing, requests are answered 503 problem+json by the shutdown plugin, not Fastify's own JSON.
    return503OnClosing: false,
    // An over-long id goes through authentication and then validation (400 naming /id), like any
    // other bad id, instead of a 414 before authentication; Node's header limit (431) bounds URLs.
    routerOptions: { maxParamLength: 16_384 },
    frameworkErrors,
    clientErrorHandler,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    connectionTimeout: config.CONNECTION_TIMEOUT_MS,
    // Response serializers built from only the schemas each response refers to (start-up time).
    schemaController: { compilersFactory: { buildSerializer: buildSerializerFactory as never } },
  });
  app.decorate('config', config);
  app.decorate('clock', options.clock ?? Date.now);
  // JSON only: anything else is 415, not a string that fails validation later.
  app.removeContentTypeParser('text/plain');

  // The JSON-LD export's schema is written by hand next to its renderer: a graph is no DTO. The
  // register document's is derived from the create DTOs and the link catalogue.
  const built = buildDtoSchemas();
  const dtoSchemas = { ...built, ...jsonLdSchemas, ...registerDocumentDtoSchemas(built) };
  app.decorate('dtoSchemas', dtoSchemas);
  for (const schema of Object.values(dtoSchemas)) app.addSchema(schema);
  app.setValidatorCompiler(createValidatorCompiler(Object.values(dtoSchemas)));
  // A callback hook, not an async one: every request passes it.
  app.addHook('preValidation', (request, _reply, done) => {
    try {
      screenRequestStrings(request);
    } catch (error) {
      return done(error as Error);
    }
    done();
  });

  await app.register(errorHandlerPlugin);
  // First of the request hooks: while shutting down, nothing else runs.
  await app.register(shutdownPlugin);
  await app.register(securityPlugin);
  await app.register(authPlugin);
  await app.register(swaggerPlugin);
  await app.register(databasePlugin, { database: options.database });
  await app.register(readModelPlugin);
  await app.register(servicesPlugin);
  await app.register(idempotencyPlugin);
  await app.register(overloadPlugin, { eventLoopDelay: options.eventLoopDelay });
  await app.register(seedPlugin);
  await app.register(webhookWorkerPlugin);
  await app.register(reviewDueCheckPlugin);
  // Last before the routes: documents what every route shares (statuses, headers, public routes).
  await app.register(contractPlugin);

  await app.register(healthRoutes);
  await app.register(exampleDataMapRoutes);
  await app.register(
    async (v1) => {
      // Every /v1 route needs a valid token whose roles grant its declared permission (see the auth plugin).
      await v1.register(processingActivityRoutes);
      await v1.register(reviewRoutes);
      await v1.register(historyRoutes);
      await v1.register(findingsRoutes);
      await v1.register(privacyNoticeRoutes);
      await v1.register(registerRoutes);
      await v1.register(importRoutes);
      await v1.register(webhookRoutes);
      await v1.register(dataMapRoutes);
      for (const service of buildingBlockServices(v1.services)) registerCrudRoutes(v1, service);
    },
    { prefix: '/v1' },
  );
  return app;
}
