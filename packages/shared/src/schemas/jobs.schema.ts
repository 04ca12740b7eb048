import { z } from 'zod';

// Job payloads carry ids only: BullMQ keeps job data in Redis in clear text.
export const queueNames = { photos: 'photos', stations: 'stations' } as const;

export const ZReadPhotoJob = z.object({ photoId: z.uuid() });
export type TReadPhotoJob = z.infer<typeof ZReadPhotoJob>;

export const ZRecomputeStationJob = z.object({ stationId: z.number().int().positive() });
export type TRecomputeStationJob = z.infer<typeof ZRecomputeStationJob>;

export const jobNames = ['read-photo', 'recompute-station'] as const;
export type TJobName = (typeof jobNames)[number];

export type TJobPayloads = { 'read-photo': TReadPhotoJob; 'recompute-station': TRecomputeStationJob };

/** BullMQ job ids may not contain ':'; one id per unit of work makes enqueueing idempotent. */
export function jobIdFor(name: TJobName, id: string): string {
  return `${name}-${id}`;
}

/**
 * Transient failures (database away, disk full) are retried with exponential backoff; bad
 * images fail at once. Failed jobs are kept for inspection; completed ones for a day.
 */
export const photoJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 86_400, count: 100_000 },
  removeOnFail: false,
} as const;

/** A recompute is cheap and superseded by the next one: nothing to keep once it is done. */
export const stationJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 86_400 },
} as const;
