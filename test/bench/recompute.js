// The database-backed full recompute: a generated election of 100,000 stations in a database
// of its own, `recomputeStations(db, form, 'all')` timed twice (the second run finds nothing
// changed and should write no flag), beside a baseline of the same chunks loaded and compared
// without writing. The election, its stations and its official results go through the API's
// import functions; the crowd and the photos' readings are bulk-inserted with SQL.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createDb, ensureDatabase, loadElectionForm, compareStation } from '@crosstally/shared';
import { loadStationEvidence } from '../../apps/worker/dist/findings/load-station-evidence.js';
import { recomputeStations } from '../../apps/worker/dist/findings/recompute-stations.js';
import { migrateToLatest } from '@crosstally/migrations';
import pg from 'pg';
import { importElection } from '../../apps/api/dist/imports/election-import.js';
import { importOfficialResults } from '../../apps/api/dist/imports/official-import.js';
import { importStations } from '../../apps/api/dist/imports/stations-import.js';
import { findElectionByCode, loadElectionRegistry } from '../../apps/api/dist/repositories/election.repository.js';
import { cpuWindow } from './cpu.js';
import { dropDatabase } from './fixtures.js';
import { benchElection, engineInputs, fakePhotoSha } from './synthetic.js';

/** @typedef {import('@crosstally/shared').TSyntheticElection} TSyntheticElection */
/** @typedef {import('@crosstally/shared').Db} Db */

export const RECOMPUTE_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/crosstally_bench_recompute';
const STATIONS = 100_000;
const INSERT_CHUNK = 20_000;
const CHUNK = 5000; // recomputeStations' own chunk size, for the baseline

/** @param {bigint} start */
const secondsSince = (start) => Number(process.hrtime.bigint() - start) / 1e9;

/**
 * Runs `sql` once per chunk of `rows`, with one array parameter per column.
 * @param {pg.Client} client @param {string} sql @param {unknown[][]} columns equal-length arrays
 */
async function insertColumns(client, sql, columns) {
  const total = columns[0]?.length ?? 0;
  for (let start = 0; start < total; start += INSERT_CHUNK) {
    await client.query(
      sql,
      columns.map((c) => c.slice(start, start + INSERT_CHUNK)),
    );
  }
}

/**
 * The crowd as the API would have stored it: one row per voter (a later report replaces an
 * earlier one), reports for no known station refused, and a ballot photo shared when two
 * voters ever sent it (the rules countSelfReports states, so the engine sees the same counts).
 * @param {pg.Client} client @param {TSyntheticElection} election @param {number} electionId
 * @param {Map<string, number>} stationIds @param {Map<string, number>} candidateIds
 */
async function insertCrowd(client, election, electionId, stationIds, candidateIds) {
  /** @type {Map<string, import('@crosstally/shared').TSyntheticSelfReport>} */
  const latest = new Map();
  /** @type {Map<string, string | null>} photo → its one voter token, or null when shared */
  const owner = new Map();
  for (const r of election.selfReports) {
    latest.set(r.voterToken, r);
    if (r.ballotPhoto === null) continue;
    const o = owner.get(r.ballotPhoto);
    if (o === undefined) owner.set(r.ballotPhoto, r.voterToken);
    else if (o !== r.voterToken) owner.set(r.ballotPhoto, null);
  }
  const kept = [...latest.values()].filter((r) => stationIds.has(r.station));
  const hashes = randomBytes(32 * kept.length).toString('hex');
  /** @type {Map<string, string>} */
  const voterHash = new Map(kept.map((r, i) => [r.voterToken, hashes.slice(i * 64, i * 64 + 64)]));
  /** @type {Map<string, string>} ballot photo id (generator's) → uuid */
  const photoUuid = new Map();
  const photos = { id: [], sha: [], first: [], shared: [] };
  for (const r of kept) {
    if (r.ballotPhoto === null || photoUuid.has(r.ballotPhoto)) continue;
    const id = randomUUID();
    photoUuid.set(r.ballotPhoto, id);
    photos.id.push(id);
    photos.sha.push(createHash('sha256').update(`ballot:${r.ballotPhoto}`).digest('hex'));
    photos.first.push(voterHash.get(owner.get(r.ballotPhoto) ?? r.voterToken) ?? voterHash.get(r.voterToken));
    photos.shared.push(owner.get(r.ballotPhoto) === null);
  }
  await insertColumns(
    client,
    `insert into ballot_photo (id, election_id, sha256, mime, bytes, first_voter_hash, shared)
     select id, ${electionId}, sha, 'image/jpeg', 48000, decode(first, 'hex'), shared
     from unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[]) as t(id, sha, first, shared)`,
    [photos.id, photos.sha, photos.first, photos.shared],
  );
  await insertColumns(
    client,
    `insert into self_report (election_id, voter_hash, station_id, candidate_id, ballot_photo_id, identity_kind, channel)
     select ${electionId}, decode(h, 'hex'), s, c, b, k, 'api'
     from unnest($1::text[], $2::int[], $3::int[], $4::uuid[], $5::text[]) as t(h, s, c, b, k)`,
    [
      kept.map((r) => voterHash.get(r.voterToken)),
      kept.map((r) => stationIds.get(r.station)),
      kept.map((r) => candidateIds.get(r.candidate)),
      kept.map((r) => (r.ballotPhoto === null ? null : photoUuid.get(r.ballotPhoto))),
      // As the public API records a synthetic voter's token: a claim of its kind.
      kept.map((r) => claimedKind[r.voterKind]),
    ],
  );
  return { reports: kept.length, ballotPhotos: photos.id.length };
}

/** @type {Record<string, string>} */
const claimedKind = { phone: 'typed_phone', bot: 'claimed_bot', code: 'claimed_code' };

/**
 * Protocol photos already read: one row each and its QR reading.
 * @param {pg.Client} client @param {TSyntheticElection} election @param {number} electionId
 * @param {Map<string, number>} stationIds
 */
async function insertReadings(client, election, electionId, stationIds) {
  const ids = election.photos.map(() => randomUUID());
  await insertColumns(
    client,
    `insert into protocol_photo (id, election_id, station_id, sha256, mime, bytes, width, height, orientation, status)
     select id, ${electionId}, s, sha, 'image/jpeg', 300000, 1240, 1754, 1, 'read'
     from unnest($1::uuid[], $2::int[], $3::text[]) as t(id, s, sha)`,
    [
      ids,
      election.photos.map((p) => stationIds.get(p.station)),
      election.photos.map((p) => fakePhotoSha(p.station, p.shot)),
    ],
  );
  await insertColumns(
    client,
    `insert into reading (photo_id, method, reader, station_code_read, line_values, confidence)
     select id, 'qr', 'qr:crosstally-v1', code, v::jsonb, 1 from unnest($1::uuid[], $2::text[], $3::text[]) as t(id, code, v)`,
    [ids, election.photos.map((p) => p.station), election.photos.map((p) => JSON.stringify(p.values))],
  );
  return election.photos.length;
}

/**
 * A fresh database holding the generated election with all its evidence.
 * @param {Db} db @param {TSyntheticElection} election @param {(name: string) => void} step
 */
async function importBenchElection(db, election, step) {
  const { definition, stations } = election;
  await importElection(db, definition);
  const electionRow = await findElectionByCode(db, definition.code);
  const stationRows = stations.map((s, i) => ({
    line: i + 2,
    code: s.code,
    regionPath: s.regionPath,
    nameBe: s.nameBe,
    nameRu: s.nameRu,
    addressBe: s.addressBe,
    addressRu: s.addressRu,
    votersOnList: s.votersOnList,
  }));
  await importStations(db, electionRow, stationRows);
  step('stations');
  const registry = await loadElectionRegistry(db, definition.code);
  // Two publications, as a commission does: the first wave, then the revised stations' latest.
  for (const [wave, pick] of /** @type {const} */ ([
    [1, 0],
    [2, -1],
  ])) {
    const rows = stations.map((s, i) => ({ line: i + 2, stationCode: s.code, values: s.official.at(pick) ?? {} }));
    await importOfficialResults(db, registry, { rows, sha256: `bench-wave-${wave}`, sourceName: `bench wave ${wave}` });
  }
  step('official');
  return electionRow.id;
}

/**
 * What a recompute costs without its writes: the same chunks loaded and compared.
 * @param {Db} db @param {import('@crosstally/shared').TElectionForm} form @param {number[]} ids
 */
async function loadAndCompare(db, form, ids) {
  let findings = 0;
  for (let start = 0; start < ids.length; start += CHUNK) {
    const evidence = await loadStationEvidence(db, form, form.policy, ids.slice(start, start + CHUNK));
    for (const { evidence: e } of evidence.values()) findings += compareStation(form.form, e, form.policy).length;
  }
  return findings;
}

/**
 * Drops and recreates the bench database and fills it with the generated election.
 * @returns {Promise<{ db: Db, electionId: number, stationIds: Map<string, number>,
 *   crowd: { reports: number, ballotPhotos: number }, photos: number, steps: Record<string, number> }>}
 */
export async function setupRecomputeDatabase(/** @type {TSyntheticElection} */ election) {
  /** @type {Record<string, number>} */
  const steps = {};
  let t = process.hrtime.bigint();
  const step = (/** @type {string} */ name) => {
    steps[name] = secondsSince(t);
    t = process.hrtime.bigint();
  };
  await dropDatabase(RECOMPUTE_DATABASE_URL);
  await ensureDatabase(RECOMPUTE_DATABASE_URL);
  const db = createDb(RECOMPUTE_DATABASE_URL, { max: 4 });
  const client = new pg.Client({ connectionString: RECOMPUTE_DATABASE_URL });
  // Interrupted, the cleanup drops the database under it: that must not crash the cleanup.
  client.on('error', () => undefined);
  try {
    const migrated = await migrateToLatest(db);
    if (migrated.error) throw migrated.error;
    await client.connect();
    // Bulk loading only: the rows are consistent by construction, so the foreign-key triggers
    // are skipped (about half the insert time) and commits do not wait for the disk.
    await client.query('set session_replication_role = replica');
    await client.query('set synchronous_commit = off');
    step('migrate');
    const electionId = await importBenchElection(db, election, step);
    const stationRows = await client.query('select id, code from station where election_id = $1', [electionId]);
    const stationIds = new Map(stationRows.rows.map((r) => [r.code, r.id]));
    const candidateRows = await client.query('select id, key from candidate where election_id = $1', [electionId]);
    const candidateIds = new Map(candidateRows.rows.map((r) => [r.key, r.id]));
    const crowd = await insertCrowd(client, election, electionId, stationIds, candidateIds);
    step('crowd');
    const photos = await insertReadings(client, election, electionId, stationIds);
    step('readings');
    // As autovacuum would have by election night: the planner knows the tables' sizes.
    await client.query('vacuum analyze');
    step('analyze');
    return { db, electionId, stationIds, crowd, photos, steps };
  } catch (error) {
    await db.destroy();
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Runs and prints the recompute figures. Drops its database when done; the caller's cleanup
 * drops it too (`RECOMPUTE_DATABASE_URL`), should this stop half-way.
 */
export async function runRecomputeBench() {
  const setupStart = process.hrtime.bigint();
  const election = benchElection(STATIONS);
  const generatedSeconds = secondsSince(setupStart);
  const generation =
    generatedSeconds < 0.05 ? 'generation shared with the engine part' : `generation ${generatedSeconds.toFixed(1)}`;
  const { db, electionId, stationIds, crowd, photos, steps } = await setupRecomputeDatabase(election);
  try {
    const setupSeconds = secondsSince(setupStart);
    const form = await loadElectionForm(db, electionId);
    if (!form) throw new Error('the election form did not load');
    const ids = [...stationIds.values()].sort((a, b) => a - b);
    const inMemory = engineInputs(election).evidence.reduce(
      (n, e) => n + compareStation(form.form, e, form.policy).length,
      0,
    );

    /** @template T @param {() => Promise<T>} fn */
    const timed = async (fn) => {
      const end = cpuWindow(undefined);
      const start = process.hrtime.bigint();
      const value = await fn();
      return { value, seconds: secondsSince(start), busy: end(1).machineBusyPct };
    };
    const baseline = await timed(() => loadAndCompare(db, form, ids));
    const first = await timed(() => recomputeStations(db, form, 'all'));
    const second = await timed(() => recomputeStations(db, form, 'all'));

    const stepText = Object.entries(steps)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ');
    console.log(
      `\nrecompute (PostgreSQL): ${STATIONS.toLocaleString('en-US')} stations, ${crowd.reports.toLocaleString('en-US')} ` +
        `self-reports (${crowd.ballotPhotos.toLocaleString('en-US')} ballot photos), ${photos.toLocaleString('en-US')} ` +
        `read protocol photos; setup ${setupSeconds.toFixed(1)} s (${generation}, ${stepText})`,
    );
    console.log(
      `${'run'.padEnd(44)}${'seconds'.padStart(9)}${'stations/s'.padStart(12)}${'machine'.padStart(9)}  outcome`,
    );
    /** @param {string} label @param {{ seconds: number, busy?: number }} r @param {string} outcome */
    const row = (label, r, outcome) =>
      console.log(
        `${label.padEnd(44)}${r.seconds.toFixed(2).padStart(9)}${Math.round(STATIONS / r.seconds)
          .toLocaleString('en-US')
          .padStart(12)}${`${r.busy ?? '?'}%`.padStart(9)}  ${outcome}`,
      );
    row('baseline: load + compare, no writes', baseline, `${baseline.value} findings`);
    row(
      'recomputeStations(all), first run',
      first,
      `${first.value.written} flags written, ${first.value.cleared} cleared`,
    );
    row(
      'recomputeStations(all), nothing changed',
      second,
      `${second.value.written} flags written, ${second.value.cleared} cleared`,
    );
    console.log(
      `recompute: the engine in memory on the same election finds ${inMemory} (the first run's flags should be as ` +
        `many); writing costs ${(first.seconds - baseline.seconds).toFixed(2)} s on the first run, ` +
        `${(second.seconds - baseline.seconds).toFixed(2)} s when nothing changed; machine: all cores busy, ` +
        'PostgreSQL included',
    );
  } finally {
    await db.destroy();
    await dropDatabase(RECOMPUTE_DATABASE_URL);
  }
}
