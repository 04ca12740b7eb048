import type { ColumnType, Generated } from 'kysely';
import type { TLineValues, TReadingMethod } from '../domain/engine/engine-types.js';
import type { TBallotProblem, TIdentityKind, TReportChannel, TStrength } from '../domain/vocabulary.js';
import type { Timestamp } from './registry.table.js';

export const photoStatuses = ['queued', 'processing', 'read', 'unread', 'failed'] as const;
export type TPhotoStatus = (typeof photoStatuses)[number];

/** Why a photo could not be read at all, as people are told it (message `photo.failure.<code>`). */
export const photoFailureCodes = ['empty', 'notImage', 'tooLarge', 'corrupt'] as const;
export type TPhotoFailureCode = (typeof photoFailureCodes)[number];

/** Who sent a protocol photo, as a class: a sender a channel confirmed, or anyone ('open'). */
export const photoSenders = ['open', 'confirmed'] as const;
export type TPhotoSender = (typeof photoSenders)[number];

export interface ProtocolPhotoTable {
  id: Generated<string>;
  election_id: number;
  station_id: number;
  sha256: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  orientation: number;
  /** 256-bit dHash of the working copy, 64 hex digits; null until the worker has seen the photo. */
  phash: string | null;
  /** The hash's 16 parts of 16 bits, each tagged with its place: how near copies are looked up. */
  phash_bands: number[] | null;
  /** Where the printed sheet lies in the upright working copy (TSheetRegistration); null if not found. */
  sheet: ColumnType<unknown, string | null | undefined, string | null>;
  status: ColumnType<TPhotoStatus, TPhotoStatus | undefined, TPhotoStatus>;
  failure_reason: string | null;
  /** Why it failed, for people (TPhotoFailureCode); null when only the team can tell. */
  failure_code: ColumnType<TPhotoFailureCode | null, TPhotoFailureCode | null | undefined, TPhotoFailureCode | null>;
  attempts: Generated<number>;
  sender: ColumnType<TPhotoSender, TPhotoSender | undefined, TPhotoSender>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Two photos of different stations found to be the same picture (kept both ways round). */
export interface PhotoTwinTable {
  photo_id: string;
  twin_id: string;
  /** Bits in which their hashes differ: 0 for the same file. */
  distance: number;
}

export interface BallotPhotoTable {
  id: Generated<string>;
  election_id: number;
  sha256: string;
  mime: string;
  bytes: number;
  /** The voter who first sent it; another voter sending it makes it shared for good. */
  first_voter_hash: Buffer | null;
  shared: Generated<boolean>;
  /** How many people checked it, and the answer more of them gave than any other (ballot_check). */
  checks: Generated<number>;
  agreed_verdict: 'ballot' | 'rejected' | null;
  agreed_candidate_id: number | null;
  agreed_votes: Generated<number>;
  /** Difference hashes of the picture (full frame, centre, corners); null until the worker saw it. */
  hashes: string[] | null;
  /** The photo of another voter this one was found to copy, and how surely (ballot-copy.ts). */
  copy_of: string | null;
  copy_score: number | null;
  printed_at: Date | null;
  created_at: Timestamp;
}

/** One person's look at a ballot photo; never edited. */
export interface BallotCheckTable {
  id: Generated<string>;
  ballot_photo_id: string;
  user_id: number;
  is_ballot: boolean;
  /** The candidate marked; null when none, several, or not a ballot. */
  candidate_id: number | null;
  problems: ColumnType<TBallotProblem[], TBallotProblem[] | undefined, never>;
  created_at: Generated<Timestamp>;
}

export interface ReadingTable {
  id: Generated<string>;
  photo_id: string;
  method: TReadingMethod;
  reader: string;
  station_code_read: string | null;
  line_values: ColumnType<TLineValues, string, string>;
  line_confidence: ColumnType<Record<string, number> | null, string | null | undefined, string | null>;
  confidence: number;
  created_at: Timestamp;
}

export interface SelfReportTable {
  id: Generated<string>;
  election_id: number;
  voter_hash: Buffer;
  station_id: number;
  candidate_id: number;
  ballot_photo_id: string | null;
  identity_kind: TIdentityKind;
  channel: TReportChannel;
  revision: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FlagTable {
  id: Generated<string>;
  election_id: number;
  station_id: number;
  kind: string;
  subject: Generated<string>;
  strength: TStrength;
  evidence: ColumnType<unknown, string, string>;
  evidence_sha256: string;
  min_stolen_votes: number | null;
  policy: Generated<string>;
  cleared_at: Date | null;
  assigned_to: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OutboxTable {
  id: Generated<string>;
  topic: string;
  job_id: string;
  payload: ColumnType<unknown, string, string>;
  created_at: Timestamp;
  relayed_at: Date | null;
  relay_attempts: Generated<number>;
  /** When a worker finished the job (whole-election jobs only; null: not yet, or not tracked). */
  done_at: Date | null;
}

export interface PartnerImportTable {
  id: Generated<number>;
  election_id: number;
  file_sha256: string;
  rows_total: number;
  created_at: Timestamp;
}

export interface PartnerTallyTable {
  id: Generated<string>;
  election_id: number;
  station_id: number;
  source: string;
  line_key: string;
  verified: number;
  unverified: number;
  import_id: number;
  updated_at: Timestamp;
}

export interface StationDirtyTable {
  station_id: number;
  election_id: number;
  version: ColumnType<string, string | number | undefined, string | number>;
  enqueued_version: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  marked_at: Timestamp;
}

/** One-time codes an admin issued; only the keyed hash (the voter's pseudonym) is kept. */
export interface InvitationCodeTable {
  id: Generated<string>;
  election_id: number;
  code_hash: Buffer;
  /** The region whose stations the code may report for; null: any. */
  region_id: number | null;
  batch: string;
  issued_at: Generated<Timestamp>;
  redeemed_at: Timestamp | null;
}

/** Telegram updates already handled (Telegram redelivers what it thinks was lost). */
export interface TelegramUpdateTable {
  update_id: string;
  received_at: Generated<Timestamp>;
  /** null while being handled (or left half-way by a process that died). */
  handled_at: Timestamp | null;
}

/** A bot conversation, keyed by a keyed hash of the chat: the chat id is never stored. */
export interface TelegramChatTable {
  chat_key: Buffer;
  lang: 'be' | 'ru' | 'en';
  /** The pseudonym of the phone number the account shared as its own; null before. */
  voter_hash: Buffer | null;
  station_code: string | null;
  candidate_key: string | null;
  /** What the chat's next photo is: its ballot, or the station's result protocol (/protocol). */
  photo_for: ColumnType<'ballot' | 'protocol', 'ballot' | 'protocol' | undefined, 'ballot' | 'protocol'>;
  updated_at: Generated<Timestamp>;
}
