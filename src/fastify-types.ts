import '@fastify/swagger';
import type { DataSource } from 'typeorm';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Database } from './db/data-source';
import type { JsonSchema } from './http/dto';
import type { OpenApiTag } from './http/openapi-tags';
import type { Services } from './services';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    /** The time as the app sees it (BuildOptions.clock). */
    clock: Clock;
    database: Database;
    dataSource: DataSource;
    /** Every DTO's JSON Schema by class name (also registered with addSchema). */
    dtoSchemas: Record<string, JsonSchema>;
    services: Services;
    /** Declares a section of the API docs (an OpenAPI tag) at a rank of the reading order (plugins/swagger.ts). */
    declareTag(tag: OpenApiTag, rank: number): void;
  }
}
