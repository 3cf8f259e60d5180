import { ProcessingActivityCreate } from '../processing-activities/dto';
import { fieldErrors } from '../http/validation-errors';
import type { FieldError } from '../errors';
import type { JsonSchema } from '../http/dto';
import { createValidatorCompiler } from '../http/schemas';
import { buildingBlocks } from '../resources';

/** Checks a create body of a resource (by URL segment) against the API's own request schema. */
export type BodyValidator = (resource: string, body: Record<string, unknown>) => FieldError[];

/** The same JSON Schemas and AJV settings as the API's request validation, so an import accepts exactly what the API would. */
export function createBodyValidator(dtoSchemas: Record<string, JsonSchema>): BodyValidator {
  const compile = createValidatorCompiler(Object.values(dtoSchemas));
  const createDtos: Record<string, string> = { 'processing-activities': ProcessingActivityCreate.name };
  for (const definition of Object.values(buildingBlocks)) {
    if (definition.dto.create) createDtos[definition.path] = definition.dto.create.name;
  }
  const validators = new Map(
    Object.entries(createDtos).map(([resource, dto]) => [
      resource,
      compile({ schema: { $ref: `${dto}#` }, method: 'POST', url: `/v1/${resource}`, httpPart: 'body' }),
    ]),
  );
  return (resource, body) => {
    const validate = validators.get(resource);
    if (!validate) throw new Error(`no create schema for ${resource}`);
    const result = validate(body);
    return result === true ? [] : fieldErrors((validate as unknown as { errors: never[] }).errors ?? [], 'body');
  };
}
