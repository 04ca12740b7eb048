import { createUser } from './accounts.js';
import { electionCode } from './election-fixture.js';
import { waitUntil } from './processes.js';
import type { TTestApi } from './test-api.js';

let analysts = 0;

/**
 * An analyst looks at the sybil signals of these stations (reports sent by a test arrive in
 * one burst, as a fabricated crowd would) and dismisses them through the review API, as they
 * would after calling the stations' observers. Waits for each to be there first; returns the
 * stations whose signal was dismissed.
 */
export async function dismissSybilSignals(
  api: TTestApi,
  stations: string[],
  election = electionCode,
): Promise<string[]> {
  const analyst = await createUser(api, `analyst-${++analysts}`, 'admin');
  const headers = { cookie: analyst.cookie };
  let flags: { id: string; station: string; status: string }[] = [];
  await waitUntil(
    async () => {
      const res = await api.app.inject({
        method: 'GET',
        url: `/v1/review/elections/${election}/flags?kind=sybil_signal`,
        headers,
      });
      const all = res.json().flags as typeof flags;
      flags = all.filter((f) => f.status !== 'dismissed' && stations.includes(f.station));
      return flags.length === stations.length;
    },
    30_000,
    100,
  );
  for (const flag of flags) {
    const res = await api.app.inject({
      method: 'POST',
      url: `/v1/review/flags/${flag.id}/decisions`,
      headers,
      payload: { decision: 'dismiss', reason: 'Called the observers: a real queue of voters, not a made-up crowd.' },
    });
    if (res.statusCode !== 201) throw new Error(`dismiss ${flag.id}: ${res.statusCode} ${res.body}`);
  }
  return flags.map((f) => f.station).sort();
}
