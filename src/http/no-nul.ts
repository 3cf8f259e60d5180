import type { FastifyRequest } from 'fastify';
import { validationFailed, type FieldError } from '../errors';

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * PostgreSQL text cannot hold U+0000. Rather than fail in the database (a 500), requests with a
 * NUL anywhere in their query, path or body strings are refused with the offending paths.
 * Walks iteratively: bodies may be nested thousands of levels deep.
 */
export async function rejectNulCharacters(request: FastifyRequest): Promise<void> {
  const errors: FieldError[] = [];
  const parts: [FieldError['in'], unknown][] = [
    ['params', request.params],
    ['query', request.query],
    ['body', request.body],
  ];
  for (const [part, root] of parts) {
    const stack: [string, unknown][] = [['', root]];
    while (stack.length > 0 && errors.length < 20) {
      const [path, value] = stack.pop()!;
      if (typeof value === 'string') {
        if (value.includes('\u0000')) errors.push({ in: part, path, message: 'must not contain the NUL character (U+0000)' });
      } else if (value && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) {
          if (key.includes('\u0000'))
            errors.push({ in: part, path: `${path}/${escapePointer(key)}`, message: 'field names must not contain U+0000' });
          stack.push([`${path}/${escapePointer(key)}`, child]);
        }
      }
    }
  }
  if (errors.length > 0) throw validationFailed(errors);
}
