import { retentionKinds } from '../../entities/retention-rule';
import type { FieldError } from '../errors';
import { isoDurationPattern } from './dto';

/** An AJV validation error, as AJV and Fastify report it (`data`: the offending value, with AJV's verbose option). */
export interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
  data?: unknown;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
/** Codes people write for a country that ISO 3166-1 spells otherwise. */
const countryAliases: Record<string, string> = { UK: 'GB', EL: 'GR', EN: 'GB', USA: 'US', UAE: 'AE' };

/** A country code for what was written: another spelling of the code, or the country's English name. */
function suggestCountry(written: unknown, codes: string[]): string | undefined {
  if (typeof written !== 'string') return undefined;
  const text = written.trim();
  const upper = text.toUpperCase();
  const alias = countryAliases[upper];
  if (alias && codes.includes(alias)) return alias;
  if (codes.includes(upper)) return upper;
  return codes.find((code) => regionNames.of(code)?.toLowerCase() === text.toLowerCase());
}

const isCountryList = (values: unknown[]) =>
  values.length > 200 && values.every((value) => typeof value === 'string' && /^[A-Z]{2}$/.test(value));

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
    if (isCountryList(allowed)) {
      // 250 codes say nothing; the one that was meant does.
      const suggestion = suggestCountry(error.data, allowed as string[]);
      return {
        path: error.instancePath,
        message: suggestion
          ? `must be an ISO 3166-1 alpha-2 country code: did you mean ${suggestion} (${regionNames.of(suggestion)})?`
          : 'must be an ISO 3166-1 alpha-2 country code, such as NL, DE, GB or US',
      };
    }
    return { path: error.instancePath, message: `must be one of: ${allowed.slice(0, 30).join(', ')}${allowed.length > 30 ? ', …' : ''}` };
  }
  if (error.keyword === 'pattern' && error.params.pattern === isoDurationPattern.source) {
    // "permanent", "statutory", "as long as necessary": words, not a mistyped duration.
    const words = typeof error.data === 'string' && !/^PT?\d/i.test(error.data.trim());
    return {
      path: error.instancePath,
      message: `must be an ISO 8601 duration such as P7Y, P6M or P30D${
        words && /\/duration$/.test(error.instancePath)
          ? `; a retention that is not a fixed period is stated with its kind instead: ${retentionKinds.filter((kind) => kind !== 'fixed-duration').join(', ')}`
          : ''
      }`,
    };
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
