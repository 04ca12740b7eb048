import { presidentialDefinition, presidentialSampleValues } from '@crosstally/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officialCsv, stationsCsv } from '../support/election-fixture.js';
import { stopProcess, waitUntil } from '../support/processes.js';
import { renderProtocolPhoto } from '../support/protocol-image.js';
import { startRealPlatform, type TRealPlatform } from '../support/real-processes.js';

const code = presidentialDefinition.code;
let platform: TRealPlatform;
let base: string;
let adminToken: string;

beforeAll(async () => {
  platform = await startRealPlatform();
  ({ base, adminToken } = platform);
});
afterAll(async () => platform?.stop());

const admin = () => ({ authorization: `Bearer ${adminToken}` });
const csvPost = (path: string, body: string) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { ...admin(), 'content-type': 'text/csv' }, body });

describe('from import to a reading, over HTTP with the real processes', () => {
  it('imports an election, takes a self-report and a protocol photo, and the worker reads its QR', async () => {
    const election = await fetch(`${base}/v1/admin/elections`, {
      method: 'POST',
      headers: { ...admin(), 'content-type': 'application/json' },
      body: JSON.stringify(presidentialDefinition),
    });
    expect(election.status).toBe(201);
    expect((await csvPost(`/v1/admin/elections/${code}/stations`, stationsCsv(20))).status).toBe(200);
    const codes = Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(4, '0'));
    expect((await csvPost(`/v1/admin/elections/${code}/official`, officialCsv(codes))).status).toBe(200);

    const report = await fetch(`${base}/v1/elections/${code}/self-reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        station: '0007',
        candidate: 'barysevich',
        voterKind: 'phone',
        voterToken: '+375 44 765 43 21',
      }),
    });
    expect(report.status).toBe(201);

    const byNumber = Object.fromEntries(
      presidentialDefinition.form.lines.map((l) => [l.number, presidentialSampleValues[l.key]!]),
    );
    const photo = await renderProtocolPhoto({ election: code, station: '0007', lines: byNumber, qr: true, rotate: 4 });
    const form = new FormData();
    form.append('photo', new Blob([photo], { type: 'image/jpeg' }), 'protocol.jpg');
    const upload = await fetch(`${base}/v1/elections/${code}/stations/0007/photos`, { method: 'POST', body: form });
    expect(upload.status).toBe(202);
    const accepted = (await upload.json()) as { id: string; statusUrl: string };

    let status: {
      status: string;
      readings: { method: string; stationCodeRead: string; lines: Record<string, number> }[];
    };
    const started = Date.now();
    await waitUntil(
      async () => {
        status = (await (await fetch(`${base}${accepted.statusUrl}`)).json()) as typeof status;
        return status.status !== 'queued' && status.status !== 'processing';
      },
      60_000,
      100,
    );
    console.log(`upload to reading: ${Date.now() - started} ms`);
    expect(status!.status).toBe('read');
    expect(status!.readings).toHaveLength(1);
    expect(status!.readings[0]).toMatchObject({
      method: 'qr',
      stationCodeRead: '0007',
      lines: presidentialSampleValues,
    });

    const again = new FormData();
    again.append('photo', new Blob([photo], { type: 'image/jpeg' }), 'same.jpg');
    const repeat = await fetch(`${base}/v1/elections/${code}/stations/0007/photos`, { method: 'POST', body: again });
    expect(repeat.status).toBe(200);
    expect(((await repeat.json()) as { known: boolean; id: string }).id).toBe(accepted.id);
  });

  it('stops both processes gracefully on SIGTERM', async () => {
    await stopProcess(platform.worker);
    await stopProcess(platform.api);
    expect(platform.worker.exitCode).toBe(0);
    expect(platform.api.exitCode).toBe(0);
  });
});
