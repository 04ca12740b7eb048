import type { TSyntheticElection, TSyntheticSelfReport } from '@crosstally/shared';
import { csvLine } from '../reports/report-csv.js';
import { renderBallotPhoto } from './ballot-photo.js';
import { renderProtocolPhoto } from './render-protocol-photo.js';
import { runPool } from './run-pool.js';

export type TFeedOptions = {
  base: string;
  adminToken: string;
  /** Requests in flight for self-reports; photos are rendered two at a time. */
  concurrency?: number;
  log?: (message: string) => void;
};

export type TFeedOutcome = {
  officialWaves: number;
  selfReports: { sent: number; byStatus: Record<string, number> };
  photos: { sent: number; byStatus: Record<string, number> };
};

/**
 * Drives a generated election through the public HTTP API, as an admin and a crowd would:
 * the definition, the stations, each wave of official results, the self-reports (with
 * ballot photos where the voter has one), then the protocol photos, each carrying its QR.
 */
export async function feedElection(election: TSyntheticElection, options: TFeedOptions): Promise<TFeedOutcome> {
  const { base } = options;
  const log = options.log ?? (() => undefined);
  const admin = { authorization: `Bearer ${options.adminToken}` };
  const code = election.definition.code;
  await expectOk(
    fetch(`${base}/v1/admin/elections`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify(election.definition),
    }),
    'election definition',
  );
  await postCsv(`${base}/v1/admin/elections/${code}/stations`, admin, stationsCsv(election), 'stations');
  const waves = Math.max(...election.stations.map((s) => s.official.length));
  for (let wave = 0; wave < waves; wave += 1) {
    await postCsv(
      `${base}/v1/admin/elections/${code}/official?source=demo%20wave%20${wave + 1}`,
      admin,
      officialCsv(election, wave),
      'official results',
    );
  }
  log(`imported ${election.stations.length} stations and ${waves} wave(s) of official results`);

  const selfReports = { sent: 0, byStatus: {} as Record<string, number> };
  // A voter's second report must follow the first: duplicates go in a second pass.
  for (const pass of [false, true]) {
    const reports = election.selfReports.filter((r) => r.isDuplicate === pass);
    await runPool(reports, options.concurrency ?? 16, async (report) => {
      const status = await sendSelfReport(base, code, report);
      selfReports.sent += 1;
      selfReports.byStatus[status] = (selfReports.byStatus[status] ?? 0) + 1;
    });
  }
  log(`sent ${selfReports.sent} self-reports`);

  const numberOf = new Map(election.definition.form.lines.map((l) => [l.key, l.number]));
  const photos = { sent: 0, byStatus: {} as Record<string, number> };
  await runPool(election.photos, 2, async (photo) => {
    const lines = Object.fromEntries(Object.entries(photo.values).map(([key, v]) => [numberOf.get(key)!, v]));
    const jpeg = await renderProtocolPhoto({
      election: code,
      station: photo.station,
      lines,
      qr: true,
      width: 1000,
      height: 1414,
      rotate: ((photo.shot * 7) % 9) - 4,
    });
    const form = new FormData();
    form.append('photo', new Blob([jpeg], { type: 'image/jpeg' }), 'protocol.jpg');
    const res = await fetch(`${base}/v1/elections/${code}/stations/${encodeURIComponent(photo.station)}/photos`, {
      method: 'POST',
      body: form,
    });
    await res.arrayBuffer();
    photos.sent += 1;
    photos.byStatus[res.status] = (photos.byStatus[res.status] ?? 0) + 1;
  });
  log(`uploaded ${photos.sent} protocol photos`);
  return { officialWaves: waves, selfReports, photos };
}

async function sendSelfReport(base: string, code: string, report: TSyntheticSelfReport): Promise<number> {
  const fields = {
    station: report.station,
    candidate: report.candidate,
    voterKind: report.voterKind,
    voterToken: report.voterToken,
  };
  let res: Response;
  if (report.ballotPhoto) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append(
      'ballot',
      new Blob([await renderBallotPhoto(report.ballotPhoto)], { type: 'image/jpeg' }),
      'ballot.jpg',
    );
    res = await fetch(`${base}/v1/elections/${code}/self-reports/form`, { method: 'POST', body: form });
  } else {
    res = await fetch(`${base}/v1/elections/${code}/self-reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fields),
    });
  }
  await res.arrayBuffer();
  return res.status;
}

function stationsCsv(election: TSyntheticElection): string {
  const rows = [csvLine(['code', 'region_path', 'name_be', 'name_ru', 'address_be', 'address_ru', 'voters_on_list'])];
  for (const s of election.stations) {
    rows.push(
      csvLine([s.code, s.regionPath.join('/'), s.nameBe, s.nameRu, s.addressBe, s.addressRu, String(s.votersOnList)]),
    );
  }
  return rows.join('');
}

/** Wave n: each station's n-th published version, or its last one if it has fewer. */
function officialCsv(election: TSyntheticElection, wave: number): string {
  const keys = election.definition.form.lines.map((l) => l.key);
  const rows = [csvLine(['station_code', ...keys])];
  for (const s of election.stations) {
    const values = s.official[Math.min(wave, s.official.length - 1)]!;
    rows.push(csvLine([s.code, ...keys.map((k) => (values[k] === undefined ? '' : String(values[k])))]));
  }
  return rows.join('');
}

async function postCsv(url: string, headers: Record<string, string>, body: string, what: string): Promise<void> {
  await expectOk(fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'text/csv' }, body }), what);
}

async function expectOk(request: Promise<Response>, what: string): Promise<void> {
  const res = await request;
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 300)}`);
}
