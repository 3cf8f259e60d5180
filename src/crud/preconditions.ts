import { AppError } from '../errors';
import { etagOf } from '../http/etag';

/**
 * Optimistic concurrency: a change must name the representation it was based on. Called with the
 * row locked, so two writers holding the same tag cannot both pass (also across instances).
 */
/** `tag`: the entry's ETag, when it is kept rather than computed (the stored read model's). */
export function assertPrecondition(current: unknown, ifMatch: string | undefined, what: string, tag: string = etagOf(current)): void {
  if (ifMatch === undefined || ifMatch.trim() === '' || ifMatch.trim() === '*') {
    throw new AppError(
      'PRECONDITION_REQUIRED',
      `Changing this ${what} needs an If-Match header with the ETag from your last read of it, so no one else's change is overwritten.`,
    );
  }
  const offered = ifMatch.split(',').map((candidate) => candidate.trim());
  if (!offered.includes(tag)) {
    throw new AppError(
      'PRECONDITION_FAILED',
      `The ${what} has changed since you read it (its ETag is now ${tag}). Read it again, re-apply your change, and retry.`,
    );
  }
}
