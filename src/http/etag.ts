import { hash } from 'node:crypto';

/**
 * Strong entity tag of a representation: a hash of what the service returns, so any change that
 * shows in the response (also a renamed linked entry) gives a new tag.
 */
export function etagOf(value: unknown): string {
  // The one-shot hash: no Hash object per response (it showed in GET-one profiles).
  return `"${hash('sha256', JSON.stringify(value), 'base64url').slice(0, 32)}"`;
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
