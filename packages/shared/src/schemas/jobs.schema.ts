import { z } from 'zod';

// Job payloads carry ids only: BullMQ keeps job data in Redis in clear text.
export const queueNames = {
  photos: 'photos',
  ballots: 'ballots',
  stations: 'stations',
  elections: 'elections',
  telegram: 'telegram',
} as const;
export type TQueueName = (typeof queueNames)[keyof typeof queueNames];

export const ZReadPhotoJob = z.object({ photoId: z.uuid() });
export type TReadPhotoJob = z.infer<typeof ZReadPhotoJob>;

export const ZRecomputeStationJob = z.object({ stationId: z.number().int().positive() });
export type TRecomputeStationJob = z.infer<typeof ZRecomputeStationJob>;

/** What every whole-election job carries: the election's id. */
export const ZElectionJob = z.object({ electionId: z.number().int().positive() });

/** A ballot photo to compare with the election's others: a near copy verifies neither. */
export const ZPrintBallotJob = z.object({ ballotPhotoId: z.uuid() });
export type TPrintBallotJob = z.infer<typeof ZPrintBallotJob>;

/** Every station of an election, then its forensic signals: after a policy change, or on request. */
export const ZRecomputeElectionJob = ZElectionJob;
export type TRecomputeElectionJob = z.infer<typeof ZRecomputeElectionJob>;

/** The forensic-signal flags of an election, after its official results changed. */
export const ZRefreshForensicsJob = ZElectionJob;
export type TRefreshForensicsJob = z.infer<typeof ZRefreshForensicsJob>;

const telegramFile = {
  fileId: z.string().min(1).max(512),
  election: z.string().min(1).max(63),
  station: z.string().min(1).max(64),
  voter: z.string().regex(/^[0-9a-f]{64}$/),
  chat: z.string().min(1).max(200),
  lang: z.enum(['be', 'ru', 'en']),
};

/**
 * A file a voter sent the Telegram bot, to fetch from Telegram and take in as the web takes an
 * upload; the API's bot runs it: their ballot photo for their statement (`candidate`; jobs
 * written before protocols came through the bot name no `purpose`), or the result protocol of
 * the station. `voter` is the voter's pseudonym (hex); `chat` the chat to answer, sealed with
 * a key of the API's (never the chat id in the clear).
 */
export const ZFetchTelegramFileJob = z.union([
  z.object({ ...telegramFile, purpose: z.literal('ballot').default('ballot'), candidate: z.string().min(1).max(40) }),
  z.object({ ...telegramFile, purpose: z.literal('protocol') }),
]);
export type TFetchTelegramFileJob = z.infer<typeof ZFetchTelegramFileJob>;

export const jobSchemas = {
  'read-photo': ZReadPhotoJob,
  'print-ballot': ZPrintBallotJob,
  'recompute-station': ZRecomputeStationJob,
  'recompute-election': ZRecomputeElectionJob,
  'refresh-forensics': ZRefreshForensicsJob,
  'fetch-telegram-file': ZFetchTelegramFileJob,
} as const;

export type TJobName = keyof typeof jobSchemas;
export const jobNames = Object.keys(jobSchemas) as TJobName[];
export type TJobPayloads = { [N in TJobName]: z.infer<(typeof jobSchemas)[N]> };

/**
 * Which queue a job runs on: photos are CPU work, stations short database work, elections
 * long. Ballot photos' copy checks have a queue of their own: thousands of them must never
 * wait in front of a protocol photo's reading.
 */
export const queueOfJob = {
  'read-photo': queueNames.photos,
  'print-ballot': queueNames.ballots,
  'recompute-station': queueNames.stations,
  'recompute-election': queueNames.elections,
  'refresh-forensics': queueNames.elections,
  'fetch-telegram-file': queueNames.telegram,
} as const satisfies Record<TJobName, TQueueName>;

/** The queues the worker process serves; the telegram queue is served by the API's bot. */
export const workerQueues = [queueNames.photos, queueNames.ballots, queueNames.stations, queueNames.elections] as const;

/** BullMQ job ids may not contain ':'; one id per unit of work makes enqueueing idempotent. */
export function jobIdFor(name: TJobName, id: string): string {
  return `${name}-${id}`;
}

/**
 * Jobs that a later one of the same kind makes redundant, by the id they share: a burst of
 * imports costs one forensic refresh, and a change while one runs gets exactly one more.
 */
export function deduplicationOf<N extends TJobName>(name: N, payload: TJobPayloads[N]): string | undefined {
  switch (name) {
    case 'recompute-station':
      return `station-${(payload as TRecomputeStationJob).stationId}`;
    case 'refresh-forensics':
      return `forensics-${(payload as TRefreshForensicsJob).electionId}`;
    default:
      return undefined;
  }
}

/** A job as the outbox keeps it: its payload checked against its schema before it is written. */
export function outboxJob<N extends TJobName>(
  name: N,
  key: string,
  payload: TJobPayloads[N],
): { topic: N; job_id: string; payload: string } {
  const parsed = jobSchemas[name].parse(payload);
  return { topic: name, job_id: jobIdFor(name, key), payload: JSON.stringify(parsed) };
}

/**
 * Transient failures (database away, disk full) are retried with exponential backoff; bad
 * images fail at once. A job that failed for good is dropped: the photo row keeps why, and a
 * resend that puts a missing file back enqueues the photo again under the same job id (a
 * failed job kept in Redis would swallow that add). Completed ones are kept for a day.
 */
export const photoJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 86_400, count: 100_000 },
  removeOnFail: true,
} as const;

/** A recompute is cheap and superseded by the next one: nothing to keep once it is done. */
export const stationJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 86_400 },
} as const;

/** Whole-election work is followed by whoever asked for it (a job id): kept a day either way. */
export const electionJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 86_400 },
  removeOnFail: { age: 7 * 86_400 },
} as const;

/**
 * A voter waits for the answer: retried soon and often while Telegram or the disk is away;
 * the job (with its sealed chat) is dropped from Redis as soon as it is done.
 */
export const telegramJobOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: { age: 86_400 },
} as const;

export const jobOptionsOfQueue = {
  [queueNames.photos]: photoJobOptions,
  [queueNames.ballots]: photoJobOptions,
  [queueNames.stations]: stationJobOptions,
  [queueNames.elections]: electionJobOptions,
  [queueNames.telegram]: telegramJobOptions,
} as const satisfies Record<TQueueName, unknown>;

/** How far a whole-election job has come, as its progress in the queue. */
export const ZElectionJobProgress = z.object({ done: z.number().int().min(0), total: z.number().int().min(0) });
export type TElectionJobProgress = z.infer<typeof ZElectionJobProgress>;
