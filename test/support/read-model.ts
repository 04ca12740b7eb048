import { sql } from 'kysely';
import { setupElection } from './pipeline.js';
import { createTestApi, type TTestApi } from './test-api.js';

export type TReadModelFixture = {
  api: TTestApi;
  electionId: number;
  /** Station ids in code order. */
  stations: number[];
};

/** An API on its own database with one election of `stations` stations, for the read-model tests. */
export async function createReadModelFixture(stations = 3): Promise<TReadModelFixture> {
  const api = await createTestApi();
  await setupElection(api, stations);
  const rows = await api.database.db.selectFrom('station').select(['id', 'election_id']).orderBy('code').execute();
  return { api, electionId: rows[0]!.election_id, stations: rows.map((r) => r.id) };
}

/** Empties the evidence tables between property runs (the registry stays). */
export async function clearEvidence(fixture: TReadModelFixture): Promise<void> {
  await sql`truncate reading, protocol_photo, flag_review, flag, official_result, official_import cascade`.execute(
    fixture.api.database.db,
  );
}
