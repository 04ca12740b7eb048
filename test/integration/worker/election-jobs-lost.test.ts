import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionCode, officialCsv } from '../../support/election-fixture.js';
import { waitForJob } from '../../support/election-jobs.js';
import { obliterateQueues, startInProcessWorker } from '../../support/in-process-worker.js';
import { setupElection, startRelay } from '../../support/pipeline.js';
import { waitUntil } from '../../support/processes.js';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';

// Whole-election jobs live in Redis once relayed. A Redis that restarts empty must not lose
// an asked-for recompute or an import's forensic refresh: the outbox records which finished,
// and the workers' sweeper puts back the others (the same fault as the photo sweeper's test).
let api: TTestApi;
beforeAll(async () => {
  api = await createTestApi();
  await setupElection(api, 4);
});
afterAll(async () => api?.close());

const unfinished = () =>
  api.database.db
    .selectFrom('outbox')
    .select(['topic', 'job_id', 'relayed_at', 'done_at'])
    .where('topic', 'in', ['recompute-election', 'refresh-forensics'])
    .execute();

describe('whole-election jobs lost with Redis', () => {
  it('are put back by the sweeper and finish, recorded as done', async () => {
    const imported = await api.app.inject({
      method: 'POST',
      url: `/v1/admin/elections/${electionCode}/official`,
      headers: { ...adminHeaders, 'content-type': 'text/csv' },
      payload: officialCsv(['0001', '0002', '0003', '0004']),
    });
    expect(imported.statusCode).toBe(200);
    const asked = await api.app.inject({
      method: 'POST',
      url: `/v1/admin/elections/${electionCode}/recompute`,
      headers: adminHeaders,
    });
    expect(asked.statusCode).toBe(202);
    const { jobId } = asked.json();

    // Relayed into Redis while no worker runs them, then Redis loses everything.
    const relay = await startRelay(api);
    await waitUntil(async () => (await unfinished()).every((r) => r.relayed_at !== null), 10_000);
    await relay.stop();
    expect((await unfinished()).map((r) => r.topic).sort()).toEqual(['recompute-election', 'refresh-forensics']);
    await obliterateQueues(api.config);
    const lost = await api.app.inject({ method: 'GET', url: `/v1/admin/jobs/${jobId}`, headers: adminHeaders });
    expect(lost.json()).toMatchObject({ state: 'unknown' });

    // A worker comes up: its sweeper finds both (relayed over 1.5 s ago, never finished).
    await new Promise((r) => setTimeout(r, 1600));
    const worker = await startInProcessWorker(api.config, api.database.db);
    try {
      expect(await waitForJob(api.app, jobId, 30_000)).toMatchObject({ kind: 'recomputed', stations: 4 });
      await waitUntil(async () => (await unfinished()).every((r) => r.done_at !== null), 30_000);
    } finally {
      await worker.stop();
    }
  });
});
