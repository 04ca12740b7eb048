import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { election, electionCode, officialCsv, stationsCsv } from '../../support/election-fixture.js';
import { recomputeElection, waitForJob } from '../../support/election-jobs.js';
import { setupElection } from '../../support/pipeline.js';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';

let api: TTestApi;
const codes = ['0001', '0002', '0003'];
const headers = { ...adminHeaders, 'content-type': 'text/csv' };
const url = `/v1/admin/elections/${electionCode}/partners`;
const post = (payload: string) => api.app.inject({ method: 'POST', url, headers, payload });
const header = 'station_code,subject,verified,unverified,source\n';

beforeAll(async () => {
  api = await createTestApi({}, { pipeline: true });
  await setupElection(api, 3);
  await api.app.inject({
    method: 'POST',
    url: `/v1/admin/elections/${electionCode}/official`,
    headers,
    payload: officialCsv(codes, (code, v) => {
      if (code === '0002') {
        v.votes_dubovik! += v.votes_barysevich! - 10;
        v.votes_barysevich = 10;
      }
    }),
  });
});
afterAll(async () => api?.close());

const flagsOf = (station: string) =>
  api.database.db
    .selectFrom('flag')
    .innerJoin('station', 'station.id', 'flag.station_id')
    .select(['flag.kind', 'flag.strength', 'flag.subject', 'flag.evidence'])
    .where('station.code', '=', station)
    .where('flag.cleared_at', 'is', null)
    .where('flag.strength', '<>', 'info')
    .execute();

describe('partner tallies', () => {
  it('imports per-station counts by candidate or line; the same file again changes nothing', async () => {
    const csv = `${header}0002,barysevich,25,4,Observers United\n0002,votes_barysevich,30,0,Zubr\n0001,took_part,700,0,Zubr\n`;
    const first = await post(csv);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ rows: 3, changed: 3, unchanged: 0 });
    expect((await post(csv)).json()).toMatchObject({ rows: 3, changed: 0, unchanged: 3 });
    const rows = await api.database.db
      .selectFrom('partner_tally')
      .select(['source', 'line_key', 'verified'])
      .orderBy('source')
      .orderBy('line_key')
      .execute();
    expect(rows).toEqual([
      { source: 'Observers United', line_key: 'votes_barysevich', verified: 25 },
      { source: 'Zubr', line_key: 'took_part', verified: 700 },
      { source: 'Zubr', line_key: 'votes_barysevich', verified: 30 },
    ]);
  });

  it('never adds two sources together: the strongest single one makes the finding, strong when untrusted', async () => {
    expect(await recomputeElection(api.app, electionCode)).toMatchObject({ kind: 'recomputed' });
    const [flag] = (await flagsOf('0002')).filter((f) => f.kind === 'crowd_exceeds_official');
    // 30 from Zubr (not 25 + 30): official 10, so at least 20 votes — and strong, not proof,
    // since the default policy trusts no partner.
    expect(flag).toMatchObject({ strength: 'strong', subject: 'barysevich' });
    expect(flag!.evidence).toMatchObject({ source: 'Zubr', verified: 30, official: 10, gap: 20 });
  });

  it('refuses a bad file whole, naming the line and column', async () => {
    const before = await api.database.db.selectFrom('partner_tally').select('id').execute();
    const cases: [string, RegExp][] = [
      [`${header}0001,nobody,1,0,Zubr\n`, /^line 2, column subject:/],
      [`${header}0001,adamovich,-1,0,Zubr\n`, /^line 2, column verified:/],
      [`${header}0001,adamovich,1,0,self_reports\n`, /^line 2, column source:/],
      [`${header}0001,adamovich,1,0,Zubr\n9999,adamovich,1,0,Zubr\n`, /^line 3, column station_code: no station 9999/],
      [`${header}0001,adamovich,1,0,Zubr\n0001,adamovich,2,0,Zubr\n`, /^line 3, column subject:/],
    ];
    for (const [csv, message] of cases) {
      const res = await post(csv);
      expect(res.statusCode, csv).toBe(400);
      expect(res.json().message).toMatch(message);
    }
    expect(await api.database.db.selectFrom('partner_tally').select('id').execute()).toHaveLength(before.length);
  });

  it('trusts a partner through the policy set by the admin API: its count becomes proof, audited', async () => {
    const policyUrl = `/v1/admin/elections/${electionCode}/policy`;
    const set = (payload: Record<string, unknown>) =>
      api.app.inject({ method: 'PUT', url: policyUrl, headers: adminHeaders, payload });
    // A misspelt key is refused by name, and changes nothing.
    const bad = await set({ trustedPartner: ['Zubr'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('trustedPartner');
    const shown = await api.app.inject({ method: 'GET', url: policyUrl, headers: adminHeaders });
    expect(shown.json()).toMatchObject({ id: 'golos-2020/4', trustedPartners: [] });

    const changed = await set({ name: 'coalition', trustedPartners: ['Zubr'] });
    expect(changed.statusCode).toBe(200);
    const { policy, jobId } = changed.json();
    expect(policy).toMatchObject({ id: expect.stringMatching(/^coalition\//), trustedPartners: ['Zubr'], minGap: 1 });
    expect(await waitForJob(api.app, jobId)).toMatchObject({ kind: 'recomputed', stations: 3 });
    const [flag] = (await flagsOf('0002')).filter((f) => f.kind === 'crowd_exceeds_official');
    expect(flag).toMatchObject({ strength: 'proof', subject: 'barysevich' });
    const audit = await api.database.db
      .selectFrom('audit_log')
      .select(['action', 'subject'])
      .where('action', '=', 'policy.change')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.subject).toMatchObject({ election: electionCode, jobId, policy: { id: policy.id } });
    // The same policy again changes nothing and asks for no recompute.
    expect((await set({ name: 'coalition', trustedPartners: ['Zubr'] })).json()).toMatchObject({ jobId: null });
  });

  it('reads a partial policy written into the database by hand as its defaults', async () => {
    await api.database.db
      .updateTable('election')
      .set({ policy: JSON.stringify({ trustedPartners: ['Zubr'] }) })
      .where('code', '=', electionCode)
      .execute();
    // Before, this recompute crashed (no verification) or cleared every crowd finding (no minGap).
    expect(await recomputeElection(api.app, electionCode)).toMatchObject({ kind: 'recomputed', stations: 3 });
    const [flag] = (await flagsOf('0002')).filter((f) => f.kind === 'crowd_exceeds_official');
    expect(flag).toMatchObject({ strength: 'proof' });
  });
});

// Issue 13, items 4 and 5: a coalition partner trusted in the election JSON itself (no SQL, no
// later command), and its counts on lines that are no candidate's compared like any other.
describe('a partner trusted through the election JSON, on every counted line', () => {
  const code = 'coalition-2020';
  const csvTo = (path: string, payload: string) =>
    api.app.inject({ method: 'POST', url: `/v1/admin/elections/${code}/${path}`, headers, payload });

  beforeAll(async () => {
    const definition = { ...election, code, policy: { name: 'coalition', trustedPartners: ['Golos'] } };
    const created = await api.app.inject({
      method: 'POST',
      url: '/v1/admin/elections',
      headers: adminHeaders,
      payload: definition,
    });
    expect(created.statusCode).toBe(201);
    expect((await csvTo('stations', stationsCsv(2))).statusCode).toBe(200);
    // Official: against all 20, invalid 10 at both stations (honestProtocol).
    expect((await csvTo('official', officialCsv(['0001', '0002']))).statusCode).toBe(200);
  });

  it('proves against all and invalid from the trusted partner; an untrusted one stays strong', async () => {
    const tallies =
      `${header}0001,against_all,35,2,Golos\n0001,invalid,18,0,Golos\n0001,against_all,50,0,Zubr\n` +
      `0002,invalid,25,0,Zubr\n`;
    expect((await csvTo('partners', tallies)).statusCode).toBe(200);
    expect(await recomputeElection(api.app, code)).toMatchObject({ kind: 'recomputed', stations: 2 });
    const crowd = async (station: string) =>
      (
        await api.database.db
          .selectFrom('flag')
          .innerJoin('station', 'station.id', 'flag.station_id')
          .innerJoin('election', 'election.id', 'flag.election_id')
          .select(['flag.subject', 'flag.strength', 'flag.min_stolen_votes', 'flag.evidence', 'flag.policy'])
          .where('election.code', '=', code)
          .where('station.code', '=', station)
          .where('flag.kind', '=', 'crowd_exceeds_official')
          .where('flag.cleared_at', 'is', null)
          .orderBy('flag.subject')
          .execute()
      ).map((f) => ({ ...f, evidence: f.evidence as { source: string; official: number; gap: number } }));
    // The trusted partner proves; Zubr's larger count is untrusted and cannot outrank a proof.
    expect(await crowd('0001')).toMatchObject([
      { subject: 'against_all', strength: 'proof', min_stolen_votes: 15, evidence: { source: 'Golos', official: 20 } },
      { subject: 'invalid', strength: 'proof', min_stolen_votes: 8, evidence: { source: 'Golos', official: 10 } },
    ]);
    expect((await crowd('0001'))[0]!.policy).toMatch(/^coalition\//);
    expect(await crowd('0002')).toMatchObject([
      { subject: 'invalid', strength: 'strong', min_stolen_votes: 15, evidence: { source: 'Zubr', gap: 15 } },
    ]);
  });
});
