import type { FastifyRequest } from 'fastify';
import { validationFailed, type FieldError } from '../errors';

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** U+FEFF, the byte order mark: invisible, and at the start of a text it is taken for a file's BOM. */
const byteOrderMark = '\uFEFF';

/**
 * Walks every string of a parsed request part (iteratively: bodies may nest thousands of levels
 * deep). A leading U+FEFF is dropped in place: PGlite reads a text value that starts with one
 * without it, so a name stored with it showed and exported differently from what the import
 * matched (a re-import of our own export failed with 409). A NUL is reported.
 */
function screenStrings(part: FieldError['in'], root: unknown, errors: FieldError[]): unknown {
  const holder = { root };
  const stack: [string, Record<string, unknown>, string][] = [['', holder, 'root']];
  while (stack.length > 0 && errors.length < 20) {
    const [path, parent, key] = stack.pop()!;
    const value = parent[key];
    if (typeof value === 'string') {
      if (value.startsWith(byteOrderMark)) parent[key] = value.replace(/^\uFEFF+/, '');
      if (value.includes('\u0000')) errors.push({ in: part, path, message: 'must not contain the NUL character (U+0000)' });
    } else if (value && typeof value === 'object') {
      for (const [childKey, child] of Object.entries(value)) {
        if (childKey.includes('\u0000'))
          errors.push({ in: part, path: `${path}/${escapePointer(childKey)}`, message: 'field names must not contain U+0000' });
        if (typeof child === 'string' || (child && typeof child === 'object')) {
          stack.push([`${path}/${escapePointer(childKey)}`, value as Record<string, unknown>, childKey]);
        }
      }
    }
  }
  return holder.root;
}

/** Drops a leading U+FEFF from every string of a parsed document, in place (imports read outside HTTP too). */
export function dropLeadingByteOrderMarks<T>(document: T): T {
  return screenStrings('body', document, []) as T;
}

/**
 * preValidation: PostgreSQL text cannot hold U+0000, so rather than fail in the database (a 500)
 * a request with a NUL anywhere in its query, path or body strings is refused with the offending
 * paths; and every string loses a leading U+FEFF (see screenStrings), before validation.
 */
export function screenRequestStrings(request: FastifyRequest): void {
  const errors: FieldError[] = [];
  request.params = screenStrings('params', request.params, errors) as typeof request.params;
  request.query = screenStrings('query', request.query, errors) as typeof request.query;
  request.body = screenStrings('body', request.body, errors);
  if (errors.length > 0) throw validationFailed(errors);
}
