import { createHash } from 'node:crypto';
import { AppError } from '../errors';

/**
 * Strong entity tag of a representation: a hash of what the service returns, so any change that
 * shows in the response (also a renamed linked entry) gives a new tag.
 */
export function etagOf(value: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 32)}"`;
}

/**
 * Optimistic concurrency: a change must name the representation it was based on. Called with the
 * row locked, so two writers holding the same tag cannot both pass (also across instances).
 */
export function assertPrecondition(current: unknown, ifMatch: string | undefined, what: string): void {
  if (ifMatch === undefined || ifMatch.trim() === '' || ifMatch.trim() === '*') {
    throw new AppError(
      'PRECONDITION_REQUIRED',
      `Changing this ${what} needs an If-Match header with the ETag from your last read of it, so no one else's change is overwritten.`,
    );
  }
  const tag = etagOf(current);
  const offered = ifMatch.split(',').map((candidate) => candidate.trim());
  if (!offered.includes(tag)) {
    throw new AppError(
      'PRECONDITION_FAILED',
      `The ${what} has changed since you read it (its ETag is now ${tag}). Read it again, re-apply your change, and retry.`,
    );
  }
}

/** The If-Match request header, as documented on every PATCH and DELETE. */
export const ifMatchHeader = {
  type: 'object',
  // Missing, it is 428 PRECONDITION_REQUIRED (the error handler's translation of this rule).
  required: ['if-match'],
  properties: {
    'if-match': {
      type: 'string',
      description: 'The ETag of your last read of the entry (required: 428 without it, 412 when the entry changed since)',
      example: '"3q2-7wEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"',
    },
  },
};
