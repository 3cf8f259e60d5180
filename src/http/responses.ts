import type { ErrorCode } from '../errors';
import { errorCatalogue } from '../errors';
import type { ClassType, JsonSchema } from './dto';

export const ref = (dto: ClassType): JsonSchema => ({ $ref: `${dto.name}#` });

export const json = (description: string, schema: JsonSchema) => ({
  description,
  content: { 'application/json': { schema } },
});

/** The documented problem+json responses of a route, one per status, listing the codes it can carry. */
export function problems(...codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of ['VALIDATION_FAILED', 'INTERNAL', 'DATABASE_UNAVAILABLE', ...codes] as ErrorCode[]) {
    const status = errorCatalogue[code].status;
    byStatus.set(status, [...new Set([...(byStatus.get(status) ?? []), code])]);
  }
  const responses: Record<number, unknown> = {};
  for (const [status, statusCodes] of byStatus) {
    responses[status] = {
      description: statusCodes.map((code) => `${code}: ${errorCatalogue[code].title}`).join('; '),
      content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
    };
  }
  return responses;
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
