import {
  reportedKinds,
  reportedStrengths,
  reviewDecisions,
  reviewStatuses,
  type TReviewStatus,
} from '@crosstally/shared';
import { z } from 'zod';
import { AppError } from '../../../errors.js';

/** The kinds an analyst reviews (info findings never reach the queue). */
export const reviewedKinds = reportedKinds;
export const reviewedStrengths = reportedStrengths;

// A select left at "all" sends an empty value: that is no filter, not a bad one.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** The queue's filters, straight from the query string of the filter form. */
export const ZQueueQuery = z.object({
  election: optional(z.string().max(64)),
  kind: optional(z.enum(reviewedKinds)),
  strength: optional(z.enum(reviewedStrengths)),
  status: optional(z.enum(reviewStatuses)),
  region: optional(z.string().max(500)),
  mine: optional(z.literal('1')),
  page: optional(z.coerce.number().int().min(1).max(10_000)),
});
export type TQueueQuery = z.infer<typeof ZQueueQuery>;

export const ZStationParams = z.object({ election: z.string().max(64), station: z.string().max(64) });
export const ZFlagParams = ZStationParams.extend({ id: z.string().regex(/^[1-9]\d{0,18}$/) });
export const ZStationQuery = z.object({
  flag: optional(z.string().regex(/^[1-9]\d{0,18}$/)),
  saved: optional(z.enum(['decision', 'note', 'assignment'])),
  /** The queue the station was opened from (see queueFrom), for the way back to it. */
  from: optional(z.string().max(2000)),
});

export const ZDecisionForm = z.object({
  decision: z.enum(reviewDecisions),
  reason: z.string().max(2000).default(''),
});
export const ZNoteForm = z.object({ text: z.string().max(5000).default('') });
export const ZAssignForm = z.object({ to: z.enum(['me', 'nobody']) });

export const pageSize = 50;

/**
 * The slice of the queue one page shows. Review status and assignment are filtered here,
 * after the query, as the JSON review API does: both depend on the latest decision, which
 * the queue query works out per row.
 */
export function pageOfQueue<T extends { status: TReviewStatus; assignedTo: string | null }>(
  flags: T[],
  query: TQueueQuery,
  me: string | null,
) {
  const kept = flags.filter(
    (f) => (!query.status || f.status === query.status) && (!query.mine || (me !== null && f.assignedTo === me)),
  );
  const pages = Math.max(1, Math.ceil(kept.length / pageSize));
  const page = Math.min(query.page ?? 1, pages);
  return { rows: kept.slice((page - 1) * pageSize, page * pageSize), total: kept.length, page, pages };
}

/**
 * `from` for a link into a station: the queue's filters and page as a query string without
 * its '?', so the station's way back returns to the same slice of the queue.
 */
export function fromQueue(query: TQueueQuery): string {
  return queueSearch(query, {}).slice(1);
}

/**
 * The queue a station was opened from, checked like the queue's own query (an invalid one is
 * dropped, never echoed), as `from` again; undefined when there is none.
 */
export function queueFrom(from: string | undefined): string | undefined {
  if (!from) return undefined;
  const parsed = ZQueueQuery.safeParse(Object.fromEntries(new URLSearchParams(from)));
  return parsed.success ? fromQueue(parsed.data) || undefined : undefined;
}

/** `?from=…` (or nothing) to carry the queue through a station's links and forms. */
export const fromParam = (from: string | undefined, joiner: '?' | '&' = '?') =>
  from ? `${joiner}from=${encodeURIComponent(from)}` : '';

/** The query string that keeps the filters and changes only what is given. */
export function queueSearch(query: TQueueQuery, change: Partial<TQueueQuery>): string {
  const merged = { ...query, ...change };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value !== undefined && value !== '' && !(key === 'page' && value === 1)) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * A query or form that does not fit: 400. The error page says so in the reader's language and
 * names the fields in zod's English apart, marked as English (not mixed into the sentence).
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  return schema.parse(value ?? {});
}

/** A path that names nothing we have (a malformed id, say) is a missing page. */
export function parsePath<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError('not_found', { key: 'web.error.notFound' });
}
