import { markStationsDirty } from '@crosstally/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleDirtyMarks } from '../../../apps/worker/src/repositories/station.repository.js';
import { setupElection } from '../../support/pipeline.js';
import { createTestApi, type TTestApi } from '../../support/test-api.js';

// Issue 14 item 19: a photo's outcome marked its station and its "twins" dirty in hash order
// (PostgreSQL plans `select distinct unnest(…)` of a large array as a HashAggregate) while
// intake and the relay lock the same rows in station order; in a 10-minute soak 316 jobs
// deadlocked and whole intake batches failed. Every writer of station_dirty must lock in
// station order, whatever the size of its list.
let api: TTestApi;
let stations: number[];
let electionId: number;
beforeAll(async () => {
  api = await createTestApi({ DB_POOL_SIZE: '8' });
  await setupElection(api, 240);
  const rows = await api.database.db.selectFrom('station').select(['id', 'election_id']).orderBy('id').execute();
  stations = rows.map((r) => r.id);
  electionId = rows[0]!.election_id;
  expect(stations).toHaveLength(240);
});
afterAll(async () => api?.close());

const shuffled = <T>(list: readonly T[], take: number) =>
  [...list]
    .map((v) => [Math.random(), v] as const)
    .sort((a, b) => a[0] - b[0])
    .slice(0, take)
    .map(([, v]) => v);

describe('station_dirty lock order', () => {
  it('writers of different list sizes, in any order, never deadlock', async () => {
    const db = api.app.deps.db;
    let deadlocks = 0;
    let commits = 0;
    const until = Date.now() + 3000;
    const lane = async (work: () => Promise<void>) => {
      while (Date.now() < until) {
        try {
          await work();
          commits += 1;
        } catch (error) {
          if ((error as { code?: string }).code === '40P01') deadlocks += 1;
          else throw error;
        }
      }
    };
    // A deadlock is found after deadlock_timeout (1 s by default): 20 ms lets a few seconds show many.
    const quickly = sql`set local deadlock_timeout = '20ms'`;
    const outcome = () =>
      db.transaction().execute(async (trx) => {
        await quickly.execute(trx);
        // As the worker's outcome: a station and a large, unordered list of twins.
        await markStationsDirty(trx, electionId, shuffled(stations, 60 + Math.floor(Math.random() * 180)));
        await sql`select pg_sleep(0.002)`.execute(trx);
      });
    const settle = () =>
      db.transaction().execute(async (trx) => {
        await quickly.execute(trx);
        const marks = await trx.selectFrom('station_dirty').select(['station_id', 'version']).execute();
        await settleDirtyMarks(trx, shuffled(marks, marks.length));
      });
    await Promise.all([lane(outcome), lane(outcome), lane(outcome), lane(settle)]);
    expect(commits).toBeGreaterThan(20);
    expect(deadlocks).toBe(0);
  }, 30_000);
});
