import type { FieldError } from '../errors';

/** An AJV validation error, as AJV and Fastify report it. */
export interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/**
 * The one reading of an AJV error: a JSON Pointer to the offending field (a missing or unknown
 * field is named in the pointer, not left at its parent) and a reason a person understands.
 */
export function describeAjvError(error: AjvError, unknownField = 'is not an allowed field'): { path: string; message: string } {
  if (error.keyword === 'required')
    return { path: `${error.instancePath}/${String(error.params.missingProperty)}`, message: 'is required' };
  if (error.keyword === 'additionalProperties') {
    return { path: `${error.instancePath}/${String(error.params.additionalProperty)}`, message: unknownField };
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params.allowedValues as unknown[]).filter((value) => value !== null);
    return { path: error.instancePath, message: `must be one of: ${allowed.slice(0, 30).join(', ')}${allowed.length > 30 ? ', …' : ''}` };
  }
  return { path: error.instancePath, message: error.message ?? error.keyword };
}

const parts: Record<string, FieldError['in']> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' };

/**
 * AJV's errors as field errors of a request part, one per field: a date that fails both its
 * pattern and its format is one mistake; a value that fits none of its alternatives (anyOf: a date
 * or a date-time) says which ones it could be; `if` only says which branch applied, and the
 * branch's own error names the field.
 */
export function fieldErrors(validation: AjvError[], context: string | undefined): FieldError[] {
  const part = parts[context ?? 'body'] ?? 'body';
  const errors = validation.map((error): FieldError => ({ in: part, ...describeAjvError(error) }));
  const keywords = validation.map((error) => error.keyword);
  const alternatives = new Set(errors.filter((_, index) => keywords[index] === 'anyOf').map((error) => error.path));
  const kept = errors.filter((_, index) => keywords[index] !== 'if' && keywords[index] !== 'anyOf');
  return kept
    .filter((error, index) => kept.findIndex((other) => other.path === error.path) === index)
    .map((error) =>
      alternatives.has(error.path)
        ? { ...error, message: [...new Set(kept.filter((other) => other.path === error.path).map((other) => other.message))].join(' or ') }
        : error,
    );
}
