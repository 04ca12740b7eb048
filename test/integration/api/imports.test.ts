import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';
import { election, electionCode, officialCsv, stationsCsv, stationsHeader } from '../../support/election-fixture.js';

let api: TTestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => api?.close());

const csv = { ...adminHeaders, 'content-type': 'text/csv' };
const post = (url: string, payload: string) => api.app.inject({ method: 'POST', url, headers: csv, payload });
const count = async (table: 'station' | 'official_result' | 'region' | 'official_import') =>
  Number(
    (
      await api.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('election import', () => {
  it('keeps the policy the JSON states, over the defaults, as the policy in force', async () => {
    const withPolicy = { ...election, code: 'with-policy', policy: { name: 'coalition', trustedPartners: ['Zubr'] } };
    const created = await api.app.inject({
      method: 'POST',
      url: '/v1/admin/elections',
      headers: adminHeaders,
      payload: withPolicy,
    });
    expect(created.statusCode).toBe(201);
    const policy = await api.app.inject({
      method: 'GET',
      url: '/v1/admin/elections/with-policy/policy',
      headers: adminHeaders,
    });
    expect(policy.json()).toMatchObject({
      id: expect.stringMatching(/^coalition\//),
      trustedPartners: ['Zubr'],
      minGap: 1,
    });
  });

  it('refuses without the admin token', async () => {
    const res = await api.app.inject({ method: 'POST', url: '/v1/admin/elections', payload: election });
    expect(res.statusCode).toBe(401);
  });

  it('creates the election once; the same JSON again changes nothing; another is a conflict', async () => {
    const first = await api.app.inject({
      method: 'POST',
      url: '/v1/admin/elections',
      headers: adminHeaders,
      payload: election,
    });
    expect(first.statusCode).toBe(201);
    const again = await api.app.inject({
      method: 'POST',
      url: '/v1/admin/elections',
      headers: adminHeaders,
      payload: election,
    });
    expect(again.json()).toEqual({ code: electionCode, status: 'unchanged' });
    const changed = { ...election, name: { ...election.name, en: 'Another name' } };
    const conflict = await api.app.inject({
      method: 'POST',
      url: '/v1/admin/elections',
      headers: adminHeaders,
      payload: changed,
    });
    expect(conflict.statusCode).toBe(409);
    const shown = await api.app.inject({ method: 'GET', url: `/v1/elections/${electionCode}` });
    expect(shown.json().candidates).toHaveLength(5);
    expect(shown.json().relations).toContain('took_part <= voters_on_list');
  });

  it('names the field of a bad definition', async () => {
    const bad = { ...election, code: 'Bad Code!' };
    const res = await api.app.inject({
      method: 'POST',
      url: '/v1/admin/elections',
      headers: adminHeaders,
      payload: bad,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('body.code');
  });

  it('answers malformed JSON with 400', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/v1/admin/elections',
      headers: { ...adminHeaders, 'content-type': 'application/json' },
      payload: '{"code": ',
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('stations import', () => {
  it('imports stations with their region tree, and a re-import changes nothing', async () => {
    const res = await post(`/v1/admin/elections/${electionCode}/stations`, stationsCsv(40));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 40, created: 40, updated: 0, unchanged: 0 });
    expect(await count('region')).toBe(2 + 4);
    const again = await post(`/v1/admin/elections/${electionCode}/stations`, stationsCsv(40));
    expect(again.json()).toMatchObject({ rows: 40, created: 0, updated: 0, unchanged: 40 });
    const more = await post(`/v1/admin/elections/${electionCode}/stations`, stationsCsv(41, 1600));
    expect(more.json()).toMatchObject({ rows: 41, created: 1, updated: 40 });
  });

  it('refuses the whole file for one bad row, naming its line and column', async () => {
    const before = await count('station');
    const text = stationsCsv(50).replace('\n0030,', '\n0030x!,');
    const res = await post(`/v1/admin/elections/${electionCode}/stations`, text);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/^line 31, column code:/);
    const badCount = stationsCsv(60).replace(/,1500\n$/, ',12.5\n');
    const res2 = await post(`/v1/admin/elections/${electionCode}/stations`, badCount);
    expect(res2.json().message).toMatch(/^line 61, column voters_on_list:/);
    expect(await count('station')).toBe(before);
  });

  it('takes an empty voters_on_list as unknown, never as 0, and keeps it unknown', async () => {
    const text = `${stationsHeader}\n0042,Minsk/District 2,a,b,c,d,\n`;
    const res = await post(`/v1/admin/elections/${electionCode}/stations`, text);
    expect(res.statusCode).toBe(200);
    const row = await api.database.db
      .selectFrom('station')
      .select('voters_on_list')
      .where('code', '=', '0042')
      .executeTakeFirstOrThrow();
    expect(row.voters_on_list).toBeNull();
    const station = await api.app.inject({ method: 'GET', url: `/v1/elections/${electionCode}/stations/0042` });
    expect(station.json()).toMatchObject({ code: '0042', votersOnList: null });
  });

  it('refuses a station in a region that has subregions', async () => {
    const text = `${stationsHeader}\n9001,Minsk,a,b,c,d,10\n`;
    const res = await post(`/v1/admin/elections/${electionCode}/stations`, text);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('column region_path');
  });

  it('refuses an unknown column', async () => {
    const res = await post(`/v1/admin/elections/${electionCode}/stations`, `${stationsHeader},extra\n`);
    expect(res.json().message).toBe('line 1, column extra: unknown column');
  });
});

describe('official results import', () => {
  const codes = Array.from({ length: 41 }, (_, i) => String(i + 1).padStart(4, '0'));
  const url = `/v1/admin/elections/${electionCode}/official?source=CEC%20wave%201`;

  it('imports a first version, ignores a re-import, adds versions only for changed stations', async () => {
    const first = await post(url, officialCsv(codes));
    expect(first.json()).toMatchObject({ rows: 41, changed: 41, unchanged: 0 });
    const again = await post(url, officialCsv(codes));
    expect(again.json()).toMatchObject({ rows: 41, changed: 0, unchanged: 41 });
    expect(await count('official_import')).toBe(1);
    const revised = officialCsv(codes, (code, v) => {
      if (code === '0007') v.votes_adamovich! += 100;
    });
    const third = await post(url, revised);
    expect(third.json()).toMatchObject({ changed: 1, unchanged: 40 });
    const versions = await api.database.db
      .selectFrom('official_result')
      .innerJoin('station', 'station.id', 'official_result.station_id')
      .select(['version', 'line_values'])
      .where('station.code', '=', '0007')
      .orderBy('version')
      .execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]!.line_values.votes_adamovich! - versions[0]!.line_values.votes_adamovich!).toBe(100);
  });

  it('refuses an unknown station or a bad number, changing nothing', async () => {
    const before = await count('official_result');
    const unknown = officialCsv([...codes, '9999']);
    const res = await post(url, unknown);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/^line 43, column station_code: no station 9999/);
    const negative = officialCsv(codes, (code, v) => {
      if (code === '0003') v.invalid = -1;
    });
    const res2 = await post(url, negative);
    expect(res2.json().message).toMatch(/^line 4, column invalid:/);
    expect(await count('official_result')).toBe(before);
  });

  it('refuses a column that is not a line of the form', async () => {
    const res = await post(url, 'station_code,votes_nobody\n0001,5\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('line 1, column votes_nobody: unknown column');
  });
});
