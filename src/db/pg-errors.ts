import { QueryFailedError } from 'typeorm';

export interface PgErrorFields {
  code?: string;
  constraint?: string;
  detail?: string;
}

/** The PostgreSQL error behind a TypeORM QueryFailedError, or undefined. */
export function pgError(error: unknown): PgErrorFields | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  return error.driverError as PgErrorFields;
}

export const isUniqueViolation = (error: unknown) => pgError(error)?.code === '23505';
export const isForeignKeyViolation = (error: unknown) => pgError(error)?.code === '23503';

const camel = (snake: string) => snake.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * Our constraints are named <kind>_<table>__<column>[__<column>] (see the migrations), so the
 * offending request field can be read off the constraint name. Returns e.g. 'parentId'.
 */
export function constraintField(constraint: string | undefined): string | undefined {
  const columns = constraint?.split('__').slice(1);
  if (!columns || columns.length === 0) return undefined;
  return camel(columns.at(-1)!);
}

/** Connection-level failures: the database is unreachable or went away. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const inner = error instanceof QueryFailedError ? error.driverError : error;
  const code = (inner as { code?: string } | undefined)?.code;
  const message = (inner as Error | undefined)?.message ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300', '08006', '08001', '08003'].includes(
      code ?? '',
    ) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED/.test(
      message,
    )
  );
}
