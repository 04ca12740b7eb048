import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionCode } from '../../support/election-fixture.js';
import { jpegWithGps } from '../../support/images.js';
import { multipart } from '../../support/multipart.js';
import { setupElection } from '../../support/pipeline.js';
import { createTestApi, type TTestApi } from '../../support/test-api.js';

let api: TTestApi;
beforeAll(async () => {
  api = await createTestApi({
    LIMIT_LOOPBACK: '1',
    INTAKE_PER_ADDRESS_PER_MINUTE: '40',
    REPORTS_PER_VOTER_PER_MINUTE: '2',
    PHOTOS_PER_VOTER: '2',
    UNREVIEWED_PHOTOS_PER_STATION: '3',
  });
  await setupElection(api, 5);
});
afterAll(async () => api?.close());

const report = (voterToken: string, remoteAddress: string) =>
  api.app.inject({
    method: 'POST',
    url: `/v1/elections/${electionCode}/self-reports`,
    remoteAddress,
    payload: { station: '0001', candidate: 'adamovich', voterKind: 'code', voterToken },
  });

async function photo(station: string, seed: number, fields: Record<string, string> = {}, remoteAddress = '10.0.0.9') {
  const data = await jpegWithGps(seed, { width: 32, height: 24 });
  return api.app.inject({
    method: 'POST',
    url: `/v1/elections/${electionCode}/stations/${station}/photos`,
    remoteAddress,
    ...multipart(fields, [{ field: 'photo', filename: 'p.jpg', contentType: 'image/jpeg', data }]),
  });
}

describe('limits on anonymous intake', () => {
  it('limits one voter’s reports per minute', async () => {
    expect((await report('LIMIT-VOTER-1', '10.0.0.1')).statusCode).toBe(201);
    expect((await report('LIMIT-VOTER-1', '10.0.0.2')).statusCode).toBe(201);
    const third = await report('LIMIT-VOTER-1', '10.0.0.3');
    expect(third.statusCode).toBe(429);
    expect(third.json().messageKey).toBe('selfReport.tooOften');
  });

  it('limits requests per network address, and keeps no address anywhere', async () => {
    const statuses = [];
    for (let i = 0; i < 45; i += 1) statuses.push((await report(`ADDR-VOTER-${i}`, '192.0.2.7')).statusCode);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect((await report('ADDR-VOTER-OTHER', '192.0.2.8')).statusCode).toBe(201);
    const dump = JSON.stringify(await api.database.db.selectFrom('self_report').selectAll().execute());
    expect(dump).not.toContain('192.0.2');
  });

  it('takes at most the quota of photos from one voter, and only so many unread photos per station', async () => {
    const voter = { voterKind: 'phone', voterToken: '+375291112233' };
    expect((await photo('0002', 1, voter)).statusCode).toBe(202);
    expect((await photo('0003', 2, voter)).statusCode).toBe(202);
    const third = await photo('0004', 3, voter);
    expect(third.statusCode).toBe(429);
    expect(third.json().messageKey).toBe('photo.voterQuota');
    expect((await photo('0002', 4, {}, '10.0.1.1')).statusCode).toBe(202);
    expect((await photo('0002', 5, {}, '10.0.1.2')).statusCode).toBe(202);
    const full = await photo('0002', 6, {}, '10.0.1.3');
    expect(full.statusCode).toBe(429);
    expect(full.json().messageKey).toBe('photo.stationFull');
  });
});
