import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, TFinding } from '@crosstally/shared';

export type TStationFindings = { stationId: number; findings: TFinding[] };

export const forensicKind = 'forensic_signal';

/**
 * Makes the stored flags of these stations match their findings, idempotently: a finding
 * whose evidence is unchanged is not touched (the stored hashes are read first, so an
 * unchanged recompute writes nothing at all), a changed one is updated, and one the evidence
 * no longer supports is cleared (kept, with the time), never deleted: reviews refer to it.
 * Analysts' decisions live elsewhere, so nothing here can erase one.
 */
export async function writeFlags(
  db: Kysely<Database> | Transaction<Database>,
  electionId: number,
  stations: TStationFindings[],
): Promise<{ written: number; cleared: number }> {
  if (stations.length === 0) return { written: 0, cleared: 0 };
  const stationIds = stations.map((s) => s.stationId);
  const stored = await db
    .selectFrom('flag')
    .select(['id', 'station_id', 'kind', 'subject', 'evidence_sha256', 'cleared_at'])
    .where('election_id', '=', electionId)
    .where('station_id', 'in', stationIds)
    // Forensic signals come from the whole election, not from one station's evidence: a
    // station's recompute neither makes nor clears them (writeForensicFlags does).
    .where('kind', '<>', forensicKind)
    .execute();
  const key = (stationId: number, kind: string, subject: string) => `${stationId}\n${kind}\n${subject}`;
  const storedByKey = new Map(stored.map((f) => [key(f.station_id, f.kind, f.subject), f]));
  const wanted = new Set<string>();
  const rows = stations.flatMap(({ stationId, findings }) =>
    findings.flatMap((f) => {
      const k = key(stationId, f.kind, f.subject);
      wanted.add(k);
      const evidence = JSON.stringify(f.evidence);
      const sha = createHash('sha256').update(`${f.strength}\n${f.policy}\n${evidence}`).digest('hex');
      const old = storedByKey.get(k);
      if (old && old.evidence_sha256 === sha && old.cleared_at === null) return [];
      const row = { stationId, kind: f.kind, subject: f.subject, strength: f.strength, evidence, sha };
      return [{ ...row, minStolen: f.minStolenVotes, policy: f.policy }];
    }),
  );
  if (rows.length > 0) {
    await sql`
      insert into flag (election_id, station_id, kind, subject, strength, evidence, evidence_sha256, min_stolen_votes, policy)
      select ${electionId}, * from unnest(
        ${rows.map((r) => r.stationId)}::int[], ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.subject)}::text[],
        ${rows.map((r) => r.strength)}::text[], ${rows.map((r) => r.evidence)}::jsonb[], ${rows.map((r) => r.sha)}::text[],
        ${rows.map((r) => r.minStolen)}::int[], ${rows.map((r) => r.policy)}::text[])
      on conflict on constraint flag_station_kind_subject_uq do update set
        strength = excluded.strength, evidence = excluded.evidence, evidence_sha256 = excluded.evidence_sha256,
        min_stolen_votes = excluded.min_stolen_votes, policy = excluded.policy, cleared_at = null, updated_at = now()`.execute(
      db,
    );
  }
  const gone = stored.filter((f) => f.cleared_at === null && !wanted.has(key(f.station_id, f.kind, f.subject)));
  if (gone.length > 0) {
    await db
      .updateTable('flag')
      .set({ cleared_at: sql`now()`, updated_at: sql`now()` })
      .where(
        'id',
        'in',
        gone.map((f) => f.id),
      )
      .execute();
  }
  return { written: rows.length, cleared: gone.length };
}
