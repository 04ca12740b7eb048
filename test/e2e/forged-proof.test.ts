import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionCode, officialCsv } from '../support/election-fixture.js';
import { waitForPipeline } from '../support/election-jobs.js';
import { checkAllBallots } from '../support/ballot-checks.js';
import { issueCodes } from '../support/invitation-codes.js';
import { dismissSybilSignals } from '../support/sybil-reviews.js';
import { multipart } from '../support/multipart.js';
import { setupElection } from '../support/pipeline.js';
import { adminHeaders, createTestApi, type TTestApi } from '../support/test-api.js';

// The red-team test of issue 13: the attack that once made a "proof" with curl. Sixty
// statements sent at once through the public API, each under a fresh token of every kind a
// client may claim and with its own synthetic "ballot" (a unique 32×32 coloured PNG), for a
// candidate the official count gives 3. They must make no proof and no minimum proven theft.
// The same statements from voters a channel identified (issued invitation codes) do, once
// people have checked the ballots and an analyst has looked at how the crowd arrived.
let api: TTestApi;
const official = 3;

beforeAll(async () => {
  api = await createTestApi({}, { pipeline: true });
  await setupElection(api, 3);
  const res = await api.app.inject({
    method: 'POST',
    url: `/v1/admin/elections/${electionCode}/official`,
    headers: { ...adminHeaders, 'content-type': 'text/csv' },
    payload: officialCsv(['0001', '0002', '0003'], (code, v) => {
      if (code !== '0001') return;
      v.votes_dubovik! += v.votes_adamovich! - official;
      v.votes_adamovich = official;
    }),
  });
  expect(res.statusCode).toBe(200);
});
afterAll(async () => api?.close());

/** A "ballot photo" nobody else ever sent: a flat colour of its own. */
function syntheticBallot(i: number): Promise<Buffer> {
  const background = { r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 173) % 256, alpha: 1 };
  return sharp({ create: { width: 32, height: 32, channels: 4, background } })
    .png()
    .toBuffer();
}

async function send(station: string, voterKind: string, voterToken: string, i: number) {
  const body = multipart({ station, candidate: 'adamovich', voterKind, voterToken }, [
    { field: 'ballot', filename: 'ballot.png', contentType: 'image/png', data: await syntheticBallot(i) },
  ]);
  return api.app.inject({ method: 'POST', url: `/v1/elections/${electionCode}/self-reports/form`, ...body });
}

async function crowdFinding(station: string) {
  await waitForPipeline(api);
  const res = await api.app.inject({
    method: 'GET',
    url: `/v1/elections/${electionCode}/report.json`,
    headers: adminHeaders,
  });
  const stations = res.json().stations as {
    station: string;
    findings: {
      kind: string;
      strength: string;
      minStolenVotes: number | null;
      evidence: { verified: number; unverified: number };
    }[];
  }[];
  const finding = stations
    .find((s) => s.station === station)
    ?.findings.find((f) => f.kind === 'crowd_exceeds_official');
  const summary = await api.app.inject({
    method: 'GET',
    url: `/v1/elections/${electionCode}/summary`,
    headers: adminHeaders,
  });
  const proven = (summary.json().regions as { minStolenVotes: number | null }[]).reduce(
    (sum, r) => sum + (r.minStolenVotes ?? 0),
    0,
  );
  return { finding, proven };
}

/** The evidence of the station's open sybil signal, as analysts see it (it is never published). */
async function sybilSignal(station: string) {
  await waitForPipeline(api);
  const flag = await api.database.db
    .selectFrom('flag')
    .innerJoin('station', 'station.id', 'flag.station_id')
    .select('flag.evidence')
    .where('station.code', '=', station)
    .where('flag.kind', '=', 'sybil_signal')
    .where('flag.cleared_at', 'is', null)
    .executeTakeFirst();
  return flag?.evidence;
}

describe('the forged-proof attack', () => {
  it('makes no proof from sixty fresh claimed identities with unique synthetic ballots', async () => {
    const kinds = ['phone', 'bot', 'code'] as const;
    const token = (kind: (typeof kinds)[number], i: number) =>
      kind === 'phone'
        ? `+37529${String(5_000_000 + i)}`
        : kind === 'bot'
          ? `tg:${9_000_000 + i}`
          : `FORGED${1000 + i}`;
    const sent = await Promise.all(
      Array.from({ length: 60 }, (_, i) => send('0001', kinds[i % 3]!, token(kinds[i % 3]!, i), i)),
    );
    expect(sent.map((r) => r.statusCode)).toEqual(Array(60).fill(201));
    expect(new Set(sent.map((r) => r.json().identity))).toEqual(
      new Set(['typed_phone', 'claimed_bot', 'claimed_code']),
    );

    const { finding, proven } = await crowdFinding('0001');
    // Sixty people may well have said so, and that is worth a look: a signal, never an accusation.
    expect(finding?.strength).toBe('signal');
    expect(finding?.evidence).toMatchObject({ verified: 0, unverified: 60 });
    expect(finding?.minStolenVotes).toBeNull();
    expect(proven).toBe(0);
    const proofs = await api.database.db.selectFrom('flag').select('id').where('strength', '=', 'proof').execute();
    expect(proofs).toEqual([]);
    // Sixty claims nothing verifies, in one second, at one station: a sybil signal for analysts.
    expect(await sybilSignal('0001')).toMatchObject({
      bursts: [{ reports: 60, stationReports: 60 }],
      floods: [{ reports: 60, stationReports: 60 }],
    });
  });

  it('proves the same statements made by voters with issued invitation codes, once two people checked each ballot', async () => {
    // 0002's official count for adamovich is its honest one; move it to 3 as at 0001.
    const res = await api.app.inject({
      method: 'POST',
      url: `/v1/admin/elections/${electionCode}/official`,
      headers: { ...adminHeaders, 'content-type': 'text/csv' },
      payload: officialCsv(['0001', '0002', '0003'], (code, v) => {
        if (code === '0003') return;
        v.votes_dubovik! += v.votes_adamovich! - official;
        v.votes_adamovich = official;
      }),
    });
    expect(res.statusCode).toBe(200);
    const codes = await issueCodes(api, 60);
    const sent = await Promise.all(codes.map((code, i) => send('0002', 'code', code, 100 + i)));
    expect(sent.map((r) => r.json().identity)).toEqual(Array(60).fill('invitation_code'));
    // Nothing is proven before people have looked at the ballots.
    const unchecked = await crowdFinding('0002');
    expect(unchecked.finding).toMatchObject({ strength: 'signal', evidence: { verified: 0, unverified: 60 } });
    expect(unchecked.proven).toBe(0);
    // The claimed identities' photos never reach the checkers: only these sixty do.
    expect(await checkAllBallots(api)).toBe(60);
    // Sixty new voters in one second is a burst no real station sees: the proof is held, and
    // states no theft, until an analyst has looked (a bought batch of SIM cards looks like this).
    const held = await crowdFinding('0002');
    expect(held.finding).toMatchObject({ strength: 'strong', minStolenVotes: null, evidence: { heldForReview: true } });
    expect(held.proven).toBe(0);
    expect(await sybilSignal('0002')).toMatchObject({ bursts: [{ reports: 60 }], floods: [] });
    expect(await dismissSybilSignals(api, ['0002'])).toEqual(['0002']);
    const { finding, proven } = await crowdFinding('0002');
    expect(finding?.strength).toBe('proof');
    expect(finding?.evidence).toMatchObject({ verified: 60, unverified: 0 });
    expect(finding?.evidence).not.toHaveProperty('heldForReview');
    expect(finding?.minStolenVotes).toBe(57);
    expect(proven).toBe(57);
  });

  it('says in the report, in words and numbers, what "verified" meant', async () => {
    const res = await api.app.inject({
      method: 'GET',
      url: `/v1/elections/${electionCode}/report.json`,
      headers: adminHeaders,
    });
    const { method } = res.json();
    expect(method.policy.verification).toMatchObject({
      identities: ['telegram_contact', 'invitation_code'],
      ballotChecks: 2,
    });
    expect(method.selfReportsByIdentity).toEqual([
      { kind: 'invitation_code', reports: 60, verified: 60 },
      { kind: 'typed_phone', reports: 20, verified: 0 },
      { kind: 'claimed_bot', reports: 20, verified: 0 },
      { kind: 'claimed_code', reports: 20, verified: 0 },
    ]);
    const published = await api.app.inject({
      method: 'POST',
      url: `/v1/admin/elections/${electionCode}/publish`,
      headers: adminHeaders,
      payload: { published: true },
    });
    expect(published.statusCode).toBe(200);
    const page = await api.app.inject({ method: 'GET', url: `/en/e/${electionCode}/report` });
    expect(page.statusCode).toBe(200);
    const text = page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain(
      'identified as: a phone number its Telegram account&#39;s owner shared with the bot, an invitation code the organisers issued;',
    );
    expect(text).toContain('a code nobody issued 20 0');
    expect(text).toContain('an invitation code the organisers issued 60 60');
  });
});
