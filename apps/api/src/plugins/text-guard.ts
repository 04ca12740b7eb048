import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

// A NUL cannot be stored in PostgreSQL text, and half of a surrogate pair is no character at
// all: either once reached the database as a 500, or cut a report's stream short.
// eslint-disable-next-line no-control-regex -- the NUL is exactly what is looked for
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string in `value` that holds such a character, or null. */
export function findUnstorableText(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return unstorable.test(value) ? path : null;
  // Only what a parser made (plain objects and arrays): a streamed body (a CSV import) is
  // the importer's to check, line by line.
  if (!Array.isArray(value) && !isPlainObject(value)) return null;
  for (const [key, inner] of Object.entries(value)) {
    if (unstorable.test(key)) return [...path, key];
    const found = findUnstorableText(inner, [...path, key]);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses, before any route sees it, a body, query or path parameter holding a character that
 * cannot be stored: a 400 naming the field, and nothing written.
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const path = findUnstorableText(part);
      if (path) {
        const field = path.join('.') || '(body)';
        throw new AppError('bad_request', { key: 'input.unstorableCharacter', params: { field } }, { field });
      }
    }
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  // A query parser's objects may have a bare prototype of their own (no Object.prototype).
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null;
}
