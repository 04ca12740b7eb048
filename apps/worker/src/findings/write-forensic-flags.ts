import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, TStationSign } from '@crosstally/shared';
import { forensicKind } from './write-flags.js';

export type TForensicFlag = { stationId: number; score: number; signs: TStationSign[] };

export const forensicPolicy = 'forensics-v1';

/**
 * Makes an election's forensic-signal flags match the latest station signals: one flag of
 * strength "signal" per station, unchanged ones untouched, stations no longer singled out
 * cleared (kept, never deleted: reviews may refer to them). Other kinds are not touched.
 */
export async function writeForensicFlags(
  db: Kysely<Database> | Transaction<Database>,
  electionId: number,
  signals: TForensicFlag[],
): Promise<{ written: number; cleared: number }> {
  const stored = await db
    .selectFrom('flag')
    .select(['id', 'station_id', 'evidence_sha256', 'cleared_at'])
    .where('election_id', '=', electionId)
    .where('kind', '=', forensicKind)
    .execute();
  const storedByStation = new Map(stored.map((f) => [f.station_id, f]));
  const rows = signals.flatMap((s) => {
    const evidence = JSON.stringify({ kind: forensicKind, score: s.score, signs: s.signs });
    const sha = createHash('sha256').update(`signal\n${forensicPolicy}\n${evidence}`).digest('hex');
    const old = storedByStation.get(s.stationId);
    return old && old.evidence_sha256 === sha && old.cleared_at === null
      ? []
      : [{ stationId: s.stationId, evidence, sha }];
  });
  if (rows.length > 0) {
    await sql`
      insert into flag (election_id, station_id, kind, subject, strength, evidence, evidence_sha256, min_stolen_votes, policy)
      select ${electionId}, station_id, ${forensicKind}, '', 'signal', evidence, sha, null, ${forensicPolicy}
      from unnest(${rows.map((r) => r.stationId)}::int[], ${rows.map((r) => r.evidence)}::jsonb[],
        ${rows.map((r) => r.sha)}::text[]) as x(station_id, evidence, sha)
      on conflict on constraint flag_station_kind_subject_uq do update set
        strength = excluded.strength, evidence = excluded.evidence, evidence_sha256 = excluded.evidence_sha256,
        policy = excluded.policy, cleared_at = null, updated_at = now()`.execute(db);
  }
  const wanted = new Set(signals.map((s) => s.stationId));
  const gone = stored.filter((f) => f.cleared_at === null && !wanted.has(f.station_id)).map((f) => f.id);
  if (gone.length > 0) {
    await db
      .updateTable('flag')
      .set({ cleared_at: sql`now()`, updated_at: sql`now()` })
      .where('id', 'in', gone)
      .execute();
  }
  return { written: rows.length, cleared: gone.length };
}
