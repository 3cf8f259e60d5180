import type { ErrorCode } from '../errors';
import { errorCatalogue } from '../errors';
import type { ClassType, JsonSchema } from './dto';

export const ref = (dto: ClassType): JsonSchema => ({ $ref: `${dto.name}#` });

export const json = (description: string, schema: JsonSchema) => ({
  description,
  content: { 'application/json': { schema } },
});

/** The problem+json response of one status, listing the codes it can carry (Swagger UI shows one example per code). */
function problemResponse(codes: ErrorCode[]) {
  return {
    description: codes.map((code) => `${code}: ${errorCatalogue[code].title}`).join('; '),
    content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
  };
}

/** The codes a documented problem response lists (see problemResponse). */
export function problemCodes(response: unknown): ErrorCode[] {
  const description = (response as { description?: unknown } | undefined)?.description;
  if (typeof description !== 'string') return [];
  return description
    .split('; ')
    .map((part) => part.split(':')[0]!)
    .filter((code): code is ErrorCode => code in errorCatalogue);
}

/**
 * A route's responses with problem responses for `codes` added: a status already documented as
 * problem+json keeps its codes and gains the new ones, so plugins can each add theirs.
 */
export function withProblems(responses: Record<string, unknown>, codes: ErrorCode[]): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...responses };
  for (const code of codes) {
    const status = String(errorCatalogue[code].status);
    const existing = merged[status];
    if (existing && problemCodes(existing).length === 0) continue; // a status documented otherwise (e.g. a 2xx) is left alone
    const listed = problemCodes(existing);
    if (!listed.includes(code)) merged[status] = { ...(existing as object), ...problemResponse([...listed, code]) };
  }
  return merged;
}

/** The documented problem+json responses of a route, one per status, listing the codes it can carry. */
export function problems(...codes: ErrorCode[]) {
  return withProblems({}, ['VALIDATION_FAILED', 'INTERNAL', 'DATABASE_UNAVAILABLE', ...codes]) as Record<number, unknown>;
}

/** A list response: one page of items plus what is needed to fetch the next. */
export function pageOf(item: ClassType): JsonSchema {
  return {
    type: 'object',
    required: ['items', 'total', 'limit', 'offset'],
    additionalProperties: false,
    properties: {
      items: { type: 'array', items: ref(item) },
      total: { type: 'integer', description: 'Entries matching the filters, over all pages', example: 42 },
      limit: { type: 'integer', description: 'Page size used', example: 20 },
      offset: { type: 'integer', description: 'Entries skipped', example: 0 },
    },
  };
}

/** Query strings and path params are documented as individual parameters, so they are inlined. */
export function inline(schemas: Record<string, JsonSchema>, dto: ClassType): JsonSchema {
  const { $id: _id, ...schema } = schemas[dto.name] ?? {};
  if (!schema.properties) throw new Error(`No JSON Schema generated for ${dto.name}`);
  return schema;
}
