import { z } from 'zod';
import { photoFailureCodes } from '../db/evidence.table.js';
import { identityKinds, readingMethods } from '../domain/vocabulary.js';

// The public HTTP contract (v1). Routes validate with these and /docs is generated from them.

export const ZElectionCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'an election code: lowercase letters, digits and -');
export const ZStationCodeParam = z
  .string()
  .regex(/^[\p{L}\p{N}._-]{1,64}$/u, 'a station code: letters, digits, ".", "_" or "-"');

// Loose: an error may carry details (field, line, column, reason) beside its message.
export const ZErrorResponse = z.looseObject({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const ZSelfReportRequest = z.object({
  station: ZStationCodeParam,
  candidate: z.string().min(1).max(40),
  voterKind: z.enum(['phone', 'bot', 'code']),
  voterToken: z.string().min(1).max(200),
});
export type TSelfReportRequest = z.infer<typeof ZSelfReportRequest>;

export const ZSelfReportResponse = z.object({
  status: z.enum(['recorded', 'replaced']),
  message: z.string(),
  station: z.string(),
  candidate: z.string(),
  /** How the voter was identified: a claim unless a channel confirmed it (see the policy). */
  identity: z.enum(identityKinds),
  ballotPhoto: z.object({ sha256: z.string(), known: z.boolean() }).nullable(),
});
export type TSelfReportResponse = z.infer<typeof ZSelfReportResponse>;

export const ZPhotoAccepted = z.object({
  id: z.uuid(),
  sha256: z.string(),
  status: z.enum(['queued', 'processing', 'read', 'unread', 'failed']),
  known: z.boolean(),
  statusUrl: z.string(),
});
export type TPhotoAccepted = z.infer<typeof ZPhotoAccepted>;

export const ZPhotoStatus = z.object({
  id: z.uuid(),
  election: z.string(),
  station: z.string(),
  sha256: z.string(),
  status: z.enum(['queued', 'processing', 'read', 'unread', 'failed']),
  /** The technical reason, in English, for the team. */
  failureReason: z.string().nullable(),
  /** Why it failed, for the sender: message `photo.failure.<code>` (null: only the team can tell). */
  failureCode: z.enum(photoFailureCodes).nullable(),
  readings: z.array(
    z.object({
      method: z.enum(readingMethods),
      reader: z.string(),
      confidence: z.number(),
      stationCodeRead: z.string().nullable(),
      lines: z.record(z.string(), z.number()),
    }),
  ),
});
export type TPhotoStatusResponse = z.infer<typeof ZPhotoStatus>;

export const ZImportOutcome = z.object({
  rows: z.number().int(),
  created: z.number().int().optional(),
  updated: z.number().int().optional(),
  changed: z.number().int().optional(),
  unchanged: z.number().int(),
});
