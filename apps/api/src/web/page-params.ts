import type { TPerson } from '../digitize/record-entry.js';
import { AppError } from '../errors.js';
import type { z } from 'zod';
import type { TPage } from './page-context.js';

/** The person a desk page is for: a task is done by someone logged in as themselves. */
export function personOf(page: TPage): TPerson {
  if (page.principal.kind !== 'user') throw new AppError('forbidden', { key: 'web.digitize.error.person' });
  return page.principal;
}

/** A page's path parameters, or "not found": a malformed id names nothing we have. */
export function paramsOr404<T>(schema: z.ZodType<T>, params: unknown): T {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new AppError('not_found', { key: 'web.error.notFound' });
  return parsed.data;
}
