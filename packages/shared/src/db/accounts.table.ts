import type { ColumnType, Generated } from 'kysely';
import type { TReviewDecision } from '../domain/vocabulary.js';
import type { Timestamp } from './registry.table.js';

export const roles = ['admin', 'analyst', 'digitizer', 'journalist'] as const;
export type TRole = (typeof roles)[number];

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  role: TRole;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  disabled_at: Date | null;
  created_at: Timestamp;
}

export interface UserSessionTable {
  id: Generated<string>;
  user_id: number;
  token_hash: Buffer;
  created_at: Timestamp;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: Buffer;
  created_at: Timestamp;
  /** Past this the token opens nothing: every token has an end (1 to 365 days, 90 by default). */
  expires_at: Date;
  revoked_at: Date | null;
}

export interface RegionGrantTable {
  id: Generated<number>;
  user_id: number;
  election_id: number;
  region_id: number;
}

export interface FlagReviewTable {
  id: Generated<string>;
  flag_id: string;
  user_id: number;
  decision: TReviewDecision;
  reason: string | null;
  evidence_sha256: string;
  created_at: Timestamp;
}

export interface FlagNoteTable {
  id: Generated<string>;
  flag_id: string;
  user_id: number;
  text: string;
  created_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: ColumnType<Date, Date, never>;
  actor: string;
  action: string;
  subject: ColumnType<unknown, string, never>;
  prev_hash: string;
  hash: string;
}

export interface DigitizationEntryTable {
  id: Generated<string>;
  photo_id: string;
  user_id: number;
  station_code_read: string | null;
  line_values: ColumnType<Record<string, number>, string, never>;
  created_at: Timestamp;
  superseded_at: Date | null;
  superseded_by: string | null;
}
