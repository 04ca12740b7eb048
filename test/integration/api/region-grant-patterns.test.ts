import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../support/accounts.js';
import { election, electionCode, officialCsv, stationsHeader } from '../../support/election-fixture.js';
import { recomputeElection } from '../../support/election-jobs.js';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';

// Issue 14, item 5, tried again: a region grant was matched with LIKE, unescaped, so a grant on
// `Alpha_1` showed `AlphaX1`'s stations and a grant on `%` the whole election. Region names
// here are the patterns themselves; each analyst must see their own subtree and nothing else.
const regions: Record<string, string> = {
  '0001': 'Alpha_1/One',
  '0002': 'Alpha_1/Two',
  '0003': 'AlphaX1',
  '0004': 'Alpha_10',
  '0005': '%',
  '0006': 'Beta',
};
let api: TTestApi;

beforeAll(async () => {
  api = await createTestApi({}, { pipeline: true });
  const csv = { ...adminHeaders, 'content-type': 'text/csv' };
  await api.app.inject({ method: 'POST', url: '/v1/admin/elections', headers: adminHeaders, payload: election });
  const rows = Object.entries(regions).map(([code, region]) => [code, region, 'n', 'n', 'a', 'a', 1500].join(','));
  const stations = await api.app.inject({
    method: 'POST',
    url: `/v1/admin/elections/${electionCode}/stations`,
    headers: csv,
    payload: [stationsHeader, ...rows].join('\n') + '\n',
  });
  expect(stations.statusCode, stations.body).toBe(200);
  // Every station breaks a control relation, so every one is in the report.
  const official = await api.app.inject({
    method: 'POST',
    url: `/v1/admin/elections/${electionCode}/official`,
    headers: csv,
    payload: officialCsv(Object.keys(regions), (_code, v) => {
      v.invalid! += 7;
    }),
  });
  expect(official.statusCode, official.body).toBe(200);
  await recomputeElection(api.app, electionCode);
});
afterAll(async () => api?.close());

async function stationsSeenBy(cookie: string): Promise<string[]> {
  const res = await api.app.inject({
    method: 'GET',
    url: `/v1/elections/${electionCode}/report.json`,
    headers: { cookie },
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().stations as { station: string }[]).map((s) => s.station).sort();
}

describe('a region grant whose name looks like a pattern', () => {
  it('gives the region and its subtree only, never a region that the pattern would match', async () => {
    const admin = await api.app.inject({
      method: 'GET',
      url: `/v1/elections/${electionCode}/report.json`,
      headers: adminHeaders,
    });
    expect(admin.json().stations).toHaveLength(6);
    const underscore = await createUser(api, 'grant-underscore', 'analyst', [
      { election: electionCode, region: 'Alpha_1' },
    ]);
    expect(await stationsSeenBy(underscore.cookie)).toEqual(['0001', '0002']);
    const percent = await createUser(api, 'grant-percent', 'analyst', [{ election: electionCode, region: '%' }]);
    expect(await stationsSeenBy(percent.cookie)).toEqual(['0005']);
  });

  it('scopes the summary the same way', async () => {
    const journalist = await createUser(api, 'grant-journalist', 'journalist', [
      { election: electionCode, region: 'Alpha_1' },
    ]);
    const res = await api.app.inject({
      method: 'GET',
      url: `/v1/elections/${electionCode}/summary`,
      headers: { cookie: journalist.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(JSON.stringify(res.json().regions)).not.toMatch(/AlphaX1|Alpha_10|Beta|"%"/);
  });
});
