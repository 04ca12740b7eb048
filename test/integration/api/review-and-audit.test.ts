import { defaultPolicy } from '@crosstally/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../support/accounts.js';
import { electionCode, officialCsv } from '../../support/election-fixture.js';
import { recomputeElection } from '../../support/election-jobs.js';
import { setupElection } from '../../support/pipeline.js';
import { runCli } from '../../support/cli.js';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';

let api: TTestApi;
let analyst: string;
const codes = ['0001', '0002', '0003', '0004'];
const csvHeaders = { ...adminHeaders, 'content-type': 'text/csv' };

// Station 0001 is in Minsk, 0002 in Brest (see stationsCsv); 0001's official numbers break
// a control relation, so it has an arithmetic flag to review.
async function publish(invalidDelta: number) {
  const res = await api.app.inject({
    method: 'POST',
    url: `/v1/admin/elections/${electionCode}/official`,
    headers: csvHeaders,
    payload: officialCsv(codes, (code, v) => {
      if (code === '0001' || code === '0002') v.invalid! += invalidDelta;
    }),
  });
  expect(res.statusCode).toBe(200);
  expect(await recomputeElection(api.app, electionCode)).toMatchObject({ kind: 'recomputed' });
}

beforeAll(async () => {
  api = await createTestApi({}, { pipeline: true });
  await setupElection(api, 4);
  await publish(5);
  ({ cookie: analyst } = await createUser(api, 'minsk-analyst', 'analyst', [
    { election: electionCode, region: 'Minsk' },
  ]));
});
afterAll(async () => api?.close());

const queue = () =>
  api.app.inject({ method: 'GET', url: `/v1/review/elections/${electionCode}/flags`, headers: { cookie: analyst } });

describe('the review workflow', () => {
  it('shows an analyst only the flags of their regions; another region reads as missing', async () => {
    const flags = queue().then((r) => r.json().flags as { station: string; kind: string; id: string }[]);
    expect((await flags).map((f) => f.station)).toEqual(['0001']);
    const outside = await api.app.inject({
      method: 'GET',
      url: `/v1/review/elections/${electionCode}/stations/0002`,
      headers: { cookie: analyst },
    });
    const missing = await api.app.inject({
      method: 'GET',
      url: `/v1/review/elections/${electionCode}/stations/9999`,
      headers: { cookie: analyst },
    });
    expect(outside.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(outside.json().messageKey).toBe(missing.json().messageKey);
    const inside = await api.app.inject({
      method: 'GET',
      url: `/v1/review/elections/${electionCode}/stations/0001`,
      headers: { cookie: analyst },
    });
    expect(inside.json().official).toHaveLength(1);
  });

  it("counts a station's self-reports as verified under the election's own policy, as the engine does", async () => {
    for (const phone of ['+375291110001', '+375291110002']) {
      const sent = await api.app.inject({
        method: 'POST',
        url: `/v1/elections/${electionCode}/self-reports`,
        payload: { station: '0001', candidate: 'barysevich', voterKind: 'phone', voterToken: phone },
      });
      expect(sent.statusCode).toBe(201);
    }
    const view = async () =>
      (
        await api.app.inject({
          method: 'GET',
          url: `/v1/review/elections/${electionCode}/stations/0001`,
          headers: { cookie: analyst },
        })
      ).json().selfReports as { verified: number; total: number }[];
    // The default policy verifies neither a typed phone number (anyone can type one) nor a
    // report without a ballot photo: both reports are counted, neither is verified.
    expect(await view()).toMatchObject([{ verified: 0, total: 2 }]);
    const identities = [...defaultPolicy.verification.identities, 'typed_phone'];
    const policy = { verification: { identities, ballotPhotoRequired: false } };
    await api.database.db
      .updateTable('election')
      .set({ policy: JSON.stringify(policy) })
      .where('code', '=', electionCode)
      .execute();
    expect(await view()).toMatchObject([{ verified: 2, total: 2 }]);
    await api.database.db.updateTable('election').set({ policy: null }).where('code', '=', electionCode).execute();
  });

  it('keeps a decision through an unchanged recompute and reopens the flag when the evidence changes', async () => {
    // The station's arithmetic flag (the workers may also have written a forensic signal there).
    const arithmeticFlag = async () =>
      (await queue()).json().flags.find((f: { kind: string }) => f.kind === 'arithmetic') as {
        id: string;
        status: string;
      };
    const flag = await arithmeticFlag();
    const decide = await api.app.inject({
      method: 'POST',
      url: `/v1/review/flags/${flag.id}/decisions`,
      headers: { cookie: analyst },
      payload: { decision: 'dismiss' },
    });
    expect(decide.statusCode).toBe(400); // a dismissal needs a reason
    const ok = await api.app.inject({
      method: 'POST',
      url: `/v1/review/flags/${flag.id}/decisions`,
      headers: { cookie: analyst },
      payload: { decision: 'confirm', reason: 'the sum is off on the published protocol' },
    });
    expect(ok.statusCode).toBe(201);
    expect((await arithmeticFlag()).status).toBe('confirmed');
    await recomputeElection(api.app, electionCode);
    expect((await arithmeticFlag()).status).toBe('confirmed');
    await publish(9); // a revision: the same finding on other numbers
    expect((await queue()).json().flags.find((f: { kind: string }) => f.kind === 'arithmetic').status).toBe('reopened');
    const view = await api.app.inject({
      method: 'GET',
      url: `/v1/review/elections/${electionCode}/stations/0001`,
      headers: { cookie: analyst },
    });
    const arithmetic = view.json().findings.find((f: { kind: string }) => f.kind === 'arithmetic');
    expect(arithmetic.reviews).toMatchObject([{ by: 'minsk-analyst', decision: 'confirm' }]);
  });

  it('will not let an analyst decide on a flag outside their regions', async () => {
    const other = await api.database.db
      .selectFrom('flag')
      .innerJoin('station', 'station.id', 'flag.station_id')
      .select('flag.id')
      .where('station.code', '=', '0002')
      .executeTakeFirstOrThrow();
    const res = await api.app.inject({
      method: 'POST',
      url: `/v1/review/flags/${other.id}/decisions`,
      headers: { cookie: analyst },
      payload: { decision: 'confirm' },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('the audit chain', () => {
  it('records every write by a person and finds the first edited entry', async () => {
    const entries = await api.database.db.selectFrom('audit_log').select(['id', 'action']).orderBy('id').execute();
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'import.election',
        'import.stations',
        'import.official',
        'user.create',
        'grant.create',
        'flag.decide',
      ]),
    );
    const cli = (...args: string[]) => runCli({ databaseUrl: api.database.url, storageDir: api.storageDir }, ...args);
    const good = await cli('audit', 'verify');
    expect(good.code, good.output).toBe(0);
    expect(good.output).toContain(`${entries.length} entries`);
    // Someone with database access rewrites history: the decision becomes a dismissal.
    const decided = entries.find((e) => e.action === 'flag.decide')!;
    await sql`update audit_log set subject = jsonb_set(subject, '{decision}', '"dismiss"') where id = ${decided.id}`.execute(
      api.database.db,
    );
    const broken = await cli('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.output).toContain(`broken at entry ${decided.id}`);
  });

  it('puts the chain head in the report', async () => {
    const json = await api.app.inject({
      method: 'GET',
      url: `/v1/elections/${electionCode}/report.json`,
      headers: adminHeaders,
    });
    expect(json.json().auditHead.hash).toMatch(/^[0-9a-f]{64}$/);
    const csv = await api.app.inject({
      method: 'GET',
      url: `/v1/elections/${electionCode}/report.csv`,
      headers: adminHeaders,
    });
    expect(csv.headers['x-audit-head']).toMatch(/^\d+:[0-9a-f]{64}$/);
  });
});
