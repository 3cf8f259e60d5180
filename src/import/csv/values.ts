import isEmail from 'validator/lib/isEmail';
import isISO31661Alpha2 from 'validator/lib/isISO31661Alpha2';
import { isoDatePattern, isoDurationPattern } from '../../http/dto';
import type { At, ProblemList } from './problem-list';

/**
 * Checks of the values read from cells, by the limits of the API's request schemas, so that a
 * bad value is named by its row and column here rather than by a JSON Pointer later. Each returns
 * the value when it passes; otherwise it reports why and returns undefined.
 */
export function valueChecks(problems: ProblemList) {
  const refuse = (where: At, value: string, message: string): undefined => {
    problems.report(where, value, message);
    return undefined;
  };
  return {
    name(value: string, where: At, what: string): string | undefined {
      if (value.length === 0) return refuse(where, value, `The ${what} has no name`);
      if (value.length > 300) return refuse(where, value, `The ${what}'s name is longer than 300 characters`);
      return value;
    },
    /** Optional free text of at most `max` characters; undefined when empty or too long. */
    text(value: string | undefined, max: number, where: At, what: string): string | undefined {
      if (value === undefined || value === '') return undefined;
      if (value.length > max) return refuse(where, value, `The ${what} is longer than ${max} characters`);
      return value;
    },
    country(value: string, where: At, what: string): string | undefined {
      if (/^[A-Z]{2}$/.test(value) && isISO31661Alpha2(value)) return value;
      return refuse(where, value, `The ${what} must be an ISO 3166-1 alpha-2 country code in capitals, such as NL or US`);
    },
    email(value: string | undefined, where: At, what: string): string | undefined {
      if (value === undefined || value === '') return undefined;
      if (value.length > 320 || !isEmail(value)) return refuse(where, value, `The ${what} is not a valid email address`);
      return value;
    },
    duration(value: string, where: At, what: string): string | undefined {
      if (value.length <= 50 && isoDurationPattern.test(value)) return value;
      return refuse(where, value, `The ${what} must be an ISO 8601 duration, such as P7Y, P6M or P30D`);
    },
    /** An optional date, YYYY-MM-DD; undefined when empty or not a date. */
    date(value: string, where: At, what: string): string | undefined {
      if (value === '') return undefined;
      // The pattern lets 2024-02-30 through; the calendar does not.
      if (isoDatePattern.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)) return value;
      return refuse(where, value, `The ${what} must be a date, YYYY-MM-DD`);
    },
    oneOf<T extends string>(values: readonly T[], value: string, where: At, what: string): T | undefined {
      if ((values as readonly string[]).includes(value)) return value as T;
      return refuse(where, value, `The ${what} must be one of: ${values.join(', ')}`);
    },
  };
}

export type ValueChecks = ReturnType<typeof valueChecks>;
