import { createUser } from './accounts.js';
import { electionCode } from './election-fixture.js';
import { waitUntil } from './processes.js';
import type { TTestApi } from './test-api.js';

let checkers = 0;

/**
 * Two people check every ballot photo waiting in the queue, through the JSON API, and see on
 * each what its voter said they voted for (as honest checkers of honest ballots would): the
 * reports that stand on them become verified under the default policy. Returns the photos checked.
 */
export async function checkAllBallots(api: TTestApi, election = electionCode): Promise<number> {
  const people = [];
  for (let i = 0; i < 2; i++) people.push(await createUser(api, `checker-${++checkers}`, 'admin'));
  const checked = new Set<string>();
  for (const person of people) {
    for (;;) {
      const next = await api.app.inject({
        method: 'GET',
        url: `/v1/checks/elections/${election}/next`,
        headers: { cookie: person.cookie },
      });
      const photo = next.json().photo as { id: string } | null;
      if (!photo) break;
      const report = await api.database.db
        .selectFrom('self_report')
        .innerJoin('candidate', 'candidate.id', 'self_report.candidate_id')
        .select('candidate.key')
        .where('self_report.ballot_photo_id', '=', photo.id)
        .executeTakeFirstOrThrow();
      const res = await api.app.inject({
        method: 'POST',
        url: `/v1/checks/ballots/${photo.id}`,
        headers: { cookie: person.cookie },
        payload: { isBallot: true, candidate: report.key, problems: [] },
      });
      if (res.statusCode !== 201) throw new Error(`check ${photo.id}: ${res.statusCode} ${res.body}`);
      checked.add(photo.id);
    }
  }
  await waitForBallotPrints(api);
  return checked.size;
}

/**
 * Waits until the worker has compared every ballot photo with the others (print-ballot): a
 * photo counts toward proof only then. Needs a worker serving the ballots queue (the
 * in-process one of `pipeline: true`, or a worker process).
 */
export async function waitForBallotPrints(api: TTestApi, timeoutMs = 30_000): Promise<void> {
  await waitUntil(
    async () =>
      (await api.database.db.selectFrom('ballot_photo').select('id').where('printed_at', 'is', null).limit(1).execute())
        .length === 0,
    timeoutMs,
    50,
  );
}
