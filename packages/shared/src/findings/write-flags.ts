import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { TFinding } from '../domain/engine/engine-types.js';

export type TStationFindings = { stationId: number; findings: TFinding[] };

/**
 * Makes the stored flags of these stations match their findings, idempotently: a finding
 * whose evidence is unchanged is not rewritten, a changed one is updated, and one the
 * evidence no longer supports is cleared (kept, with the time), never deleted: reviews
 * refer to it. Analysts' decisions live elsewhere, so nothing here can erase one.
 */
export async function writeFlags(
  db: Kysely<Database> | Transaction<Database>,
  electionId: number,
  stations: TStationFindings[],
): Promise<{ written: number; cleared: number }> {
  const rows = stations.flatMap(({ stationId, findings }) =>
    findings.map((f) => {
      const evidence = JSON.stringify(f.evidence);
      return {
        stationId,
        kind: f.kind,
        subject: f.subject,
        strength: f.strength,
        evidence,
        sha: createHash('sha256').update(`${f.strength}\n${f.policy}\n${evidence}`).digest('hex'),
        minStolen: f.minStolenVotes,
        policy: f.policy,
      };
    }),
  );
  let written = 0;
  if (rows.length > 0) {
    const result = await sql`
      insert into flag (election_id, station_id, kind, subject, strength, evidence, evidence_sha256, min_stolen_votes, policy)
      select ${electionId}, * from unnest(
        ${rows.map((r) => r.stationId)}::int[], ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.subject)}::text[],
        ${rows.map((r) => r.strength)}::text[], ${rows.map((r) => r.evidence)}::jsonb[], ${rows.map((r) => r.sha)}::text[],
        ${rows.map((r) => r.minStolen)}::int[], ${rows.map((r) => r.policy)}::text[])
      on conflict on constraint flag_station_kind_subject_uq do update set
        strength = excluded.strength, evidence = excluded.evidence, evidence_sha256 = excluded.evidence_sha256,
        min_stolen_votes = excluded.min_stolen_votes, policy = excluded.policy, cleared_at = null, updated_at = now()
      where flag.evidence_sha256 <> excluded.evidence_sha256 or flag.cleared_at is not null`.execute(db);
    written = Number(result.numAffectedRows ?? 0);
  }
  const cleared = await sql`
    update flag set cleared_at = now(), updated_at = now()
    where election_id = ${electionId}
      and station_id = any(${stations.map((s) => s.stationId)}::int[])
      and cleared_at is null
      and (station_id, kind, subject) not in (
        select * from unnest(${rows.map((r) => r.stationId)}::int[], ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.subject)}::text[]))`.execute(
    db,
  );
  return { written, cleared: Number(cleared.numAffectedRows ?? 0) };
}
