import { QueryFailedError, type EntityManager } from 'typeorm';

/** The connection a TypeORM query runner holds: node-postgres' client, or the PGlite pool's. */
interface DriverConnection {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * Runs `sql` as the named statement `name` on the transaction's connection (outside one, on the
 * pool's). node-postgres parses a named statement once per connection and then only binds and
 * executes it, so PostgreSQL keeps its plan (a generic one after a few executions) instead of
 * planning the statement again on every call — for a statement as large as an activity's
 * document, planning costs more than running it. The same name must always carry the same text.
 * PGlite's connection runs it as an ordinary statement. Logged as TypeORM logs its own queries
 * (the query counts see it).
 */
export async function namedQuery(manager: EntityManager, name: string, sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const runner = manager.queryRunner;
  // Outside a transaction: the pool's own query, which takes a connection for the one statement
  // (as TypeORM would, without its query runner around it).
  const connection = runner
    ? ((await runner.connect()) as DriverConnection)
    : (manager.connection.driver as unknown as { master: DriverConnection }).master;
  const logger = manager.connection.logger;
  logger.logQuery(sql, params, runner);
  try {
    return (await connection.query({ name, text: sql, values: params })).rows;
  } catch (error) {
    logger.logQueryError(error as Error, sql, params, runner);
    throw new QueryFailedError(sql, params, error as Error);
  }
}
