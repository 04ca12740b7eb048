import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionCode } from '../../support/election-fixture.js';
import { setupElection } from '../../support/pipeline.js';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';

// Issue 14, item 11, tried again: a NUL or half of a surrogate pair in a JSON string or a
// query once reached PostgreSQL as a 500, or cut the report's stream short. Each is a 400
// naming the field, and nothing is written.
let api: TTestApi;
beforeAll(async () => {
  api = await createTestApi();
  await setupElection(api, 2);
});
afterAll(async () => api?.close());

const reports = async () => (await api.database.db.selectFrom('self_report').select('id').execute()).length;
const good = { station: '0001', candidate: 'adamovich', voterKind: 'phone', voterToken: '+375297001122' };

describe('characters that cannot be stored', () => {
  it.each([
    ['a NUL in the station', { ...good, station: '00\u000001' }, 'station'],
    ['a NUL in the token', { ...good, voterToken: '+37529\u00007001122' }, 'voterToken'],
    ['a lone high surrogate in the candidate', { ...good, candidate: 'adam\uD800ovich' }, 'candidate'],
    ['a lone low surrogate in the token', { ...good, voterToken: '\uDC00' }, 'voterToken'],
    ['a NUL in a key', { ...good, ['x\u0000']: 1 }, 'x'],
  ])('refuses %s in a self-report with 400 naming the field', async (_label, payload, field) => {
    const before = await reports();
    const res = await api.app.inject({
      method: 'POST',
      url: `/v1/elections/${electionCode}/self-reports`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().field).toContain(field);
    expect(await reports()).toBe(before);
  });

  it('refuses a NUL in the report’s region filter instead of a stream cut short', async () => {
    const res = await api.app.inject({
      method: 'GET',
      url: `/v1/elections/${electionCode}/report.csv?region=Minsk%00`,
      headers: adminHeaders,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'region' });
  });

  it('still takes a whole surrogate pair (an emoji) where text is free', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: `/v1/elections/${electionCode}/self-reports`,
      payload: { ...good, voterKind: 'code', voterToken: 'code-with-🙂' },
    });
    expect(res.statusCode).not.toBe(500);
    expect(res.statusCode).toBeLessThan(500);
  });
});
