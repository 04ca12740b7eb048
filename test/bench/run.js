// npm run bench: the comparison engine in memory (against a bare loop over the same inputs),
// a full recompute from PostgreSQL (against its reads and engine alone), intake throughput of
// the real API as ratios to bare-Fastify baselines, and the time from a protocol photo's
// upload to its flag (against the worker's own QR read), and the forensic summary of 100,000
// stations (against one pass summing their columns), and the ballot-copy check of a ballot
// photo (against a bare decode of it). Baselines are measured in the same
// run (the machine is noisy; absolute times mean little). Loopback only.
// Env: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CPU_PROF=<dir> (API CPU profile),
// BENCH_ONLY=engine|recompute|ingest|upload|flag|reading|read-e2e|forensics|ballot-copy (one part).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEngineBench } from './engine.js';
import { runForensicsBench } from './forensics.js';
import { clearRedisPrefix, countRows, dropDatabase, ELECTION, importElection } from './fixtures.js';
import { FLAG_DATABASE_URL, runFlagBench } from './flag.js';
import { makeBaseJpegs } from './photos.js';
import { RECOMPUTE_DATABASE_URL, runRecomputeBench } from './recompute.js';
import { printHeader, printRatio, printTable } from './report.js';
import { forgetBenchElections } from './synthetic.js';
import { botConversations, helloWorld, measure, photoUploads, selfReports, stationPhotoPath } from './scenarios.js';
import { startBotApiStandIn } from './bot-api-stand-in.js';
import { freePort, repoRoot, spawnNode, stopChild, waitReady } from './servers.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const timing = { seconds, warmupSeconds };
const JSON_CONNECTIONS = 50;
const UPLOAD_CONNECTIONS = 10;
const STATIONS = 1000;
const BASE_JPEGS = 16;
const databaseUrl = 'postgres://postgres@127.0.0.1:5432/crosstally_bench';
const redisUrl = 'redis://127.0.0.1:6379';
const queuePrefix = `bench-${randomBytes(5).toString('hex')}`;
const flagQueuePrefix = `bench-${randomBytes(5).toString('hex')}`;
// The end-to-end reading part's own: it runs in a child process, and these are cleaned here.
const readingQueuePrefix = `bench-${randomBytes(5).toString('hex')}`;
const readingDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/crosstally_bench_reading';
const cpuProfDir = process.env.BENCH_CPU_PROF; // optional: write the API's CPU profile here
const PARTS = ['engine', 'recompute', 'ingest', 'upload', 'flag', 'reading', 'read-e2e', 'forensics', 'ballot-copy'];
const only = process.env.BENCH_ONLY; // optional: one of PARTS
if (only !== undefined && !PARTS.includes(only)) {
  console.error(`BENCH_ONLY must be one of ${PARTS.join(', ')}`);
  process.exit(64);
}
const wants = (/** @type {string} */ part) => only === undefined || only === part;

/** @type {{ api?: ReturnType<typeof spawnNode>, baseline?: ReturnType<typeof spawnNode>, tmp?: string,
 *   botApi?: { url: string, close: () => Promise<void> },
 *   children: import('node:child_process').ChildProcess[], groups: import('node:child_process').ChildProcess[] }} */
const held = { children: [], groups: [] };
let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    for (const group of held.groups) {
      try {
        if (group.pid) process.kill(-group.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await Promise.all([stopChild(held.api), stopChild(held.baseline), ...held.children.map((c) => stopChild(c))]);
    await held.botApi?.close();
    const steps = [
      () => dropDatabase(databaseUrl),
      () => dropDatabase(RECOMPUTE_DATABASE_URL),
      () => dropDatabase(FLAG_DATABASE_URL),
      () => clearRedisPrefix(redisUrl, queuePrefix),
      () => clearRedisPrefix(redisUrl, flagQueuePrefix),
      () => dropDatabase(readingDatabaseUrl),
      () => clearRedisPrefix(redisUrl, readingQueuePrefix),
      () => (held.tmp ? rm(held.tmp, { recursive: true, force: true }) : undefined),
    ];
    for (const step of steps) await Promise.resolve(step()).catch((e) => console.error(`cleanup: ${e.message}`));
  })();
  return cleaning;
}
const abort = (/** @type {string} */ why, code = 1) => {
  console.error(why);
  void cleanup().finally(() => process.exit(code));
};
process.on('SIGINT', () => abort('interrupted', 130));
process.on('SIGTERM', () => abort('terminated', 143));
// Bounded: the parts chosen plus their setup can never take this long (the engine about 20 s,
// the recompute about 90 s, the intake pairs four runs plus 180 s, upload to flag about 40 s).
const watchdogSeconds =
  (wants('engine') ? 120 : 0) +
  (wants('recompute') ? 240 : 0) +
  (wants('ingest') || wants('upload') ? 4 * (seconds + warmupSeconds) + 180 : 0) +
  (wants('flag') ? 180 : 0) +
  // Reading: its own test allows 30 minutes (a busy machine; about 4 alone at 16 photos).
  (wants('reading') ? 1900 : 0) +
  // Reading end to end: its own test allows 15 minutes (about 1.5 alone).
  (wants('read-e2e') ? 960 : 0) +
  (wants('forensics') ? 60 : 0) +
  (wants('ballot-copy') ? 300 : 0);
setTimeout(() => abort('bench: watchdog expired'), watchdogSeconds * 1000).unref();

async function main() {
  held.tmp = await mkdtemp(join(tmpdir(), 'crosstally-bench-'));
  printHeader({
    parts: only ?? PARTS.join(', '),
    ...(wants('ingest') || wants('upload')
      ? {
          'json connections': JSON_CONNECTIONS,
          'upload connections': UPLOAD_CONNECTIONS,
          duration: `${seconds} s after ${warmupSeconds} s warm-up`,
          stations: STATIONS,
          servers: 'child processes on 127.0.0.1, API with LOG_LEVEL=warn and default DB_POOL_SIZE',
        }
      : {}),
  });
  if (wants('engine')) runEngineBench();
  if (wants('recompute')) await runRecomputeBench();
  forgetBenchElections();
  if (wants('ingest') || wants('upload')) await intake();
  if (wants('flag')) {
    await runFlagBench({ tmp: held.tmp, redisUrl, queuePrefix: flagQueuePrefix, children: held.children });
  }
  if (wants('reading')) await runVitestPart('test/bench/reading.bench-run.ts');
  if (wants('read-e2e')) await runVitestPart('test/bench/reading-end-to-end.bench-run.ts');
  if (wants('forensics')) runForensicsBench();
  if (wants('ballot-copy')) await runVitestPart('test/bench/ballot-copy.bench-run.ts');
}

/**
 * A part written in TypeScript (it uses the photo-set generator of the tests), run through
 * vitest in a process group of its own: the cleanup stops the group, so the servers such a
 * part starts stop with it even when it is interrupted half-way.
 * @param {string} file
 */
function runVitestPart(file) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/bench/vitest.config.ts', file],
      {
        cwd: repoRoot,
        stdio: 'inherit',
        detached: true,
        env: {
          ...process.env,
          BENCH_DATABASE_URL: readingDatabaseUrl,
          BENCH_REDIS_URL: redisUrl,
          BENCH_QUEUE_PREFIX: readingQueuePrefix,
        },
      },
    );
    held.groups.push(child);
    child.on('exit', (code) => {
      held.groups = held.groups.filter((c) => c !== child);
      if (code === 0) resolve(undefined);
      else reject(new Error(`${file} exited ${code}`));
    });
  });
}

/** The intake pairs: each measured figure right after its bare-Fastify baseline. */
async function intake() {
  if (!held.tmp) throw new Error('no temp dir');
  const storageDir = join(held.tmp, 'storage');
  const uploadDir = join(held.tmp, 'bare-uploads');
  await Promise.all([mkdir(storageDir), mkdir(uploadDir)]);
  await dropDatabase(databaseUrl);

  const [apiPort, basePort] = [await freePort(), await freePort()];
  const adminToken = randomBytes(18).toString('hex');
  const profile = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  // The bot's answers go to a stand-in for Telegram's Bot API on loopback.
  held.botApi = await startBotApiStandIn();
  const botTokenFile = join(held.tmp, 'telegram-token');
  await writeFile(botTokenFile, '123456:bench-token\n', { mode: 0o600 });
  held.baseline = spawnNode(['test/bench/baseline-server.js', String(basePort), uploadDir], {});
  held.api = spawnNode([...profile, 'apps/api/dist/server.js'], {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    STORAGE_DIR: storageDir,
    ADMIN_TOKEN: adminToken,
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    LOG_LEVEL: 'warn',
    TELEGRAM_TOKEN_FILE: botTokenFile,
    TELEGRAM_ELECTION: ELECTION,
    TELEGRAM_API_ROOT: held.botApi.url,
  });
  const api = `http://127.0.0.1:${apiPort}`;
  const bare = `http://127.0.0.1:${basePort}`;
  const [jpegs] = await Promise.all([
    makeBaseJpegs(BASE_JPEGS),
    waitReady(`${bare}/`, held.baseline),
    waitReady(`${api}/ready`, held.api),
  ]);
  await importElection(api, adminToken, STATIONS);
  // What Telegram is given to send in X-Telegram-Bot-Api-Secret-Token (see the API's runtime).
  const webhookSecret = Buffer.from(
    (await readFile(join(storageDir, 'secrets', 'telegram-webhook-secret'), 'utf8')).trim(),
    'base64',
  ).toString('base64url');

  const ingest = selfReports(api, JSON_CONNECTIONS, STATIONS);
  const bot = botConversations(api, JSON_CONNECTIONS, STATIONS, webhookSecret);
  const bareUp = photoUploads(bare, UPLOAD_CONNECTIONS, jpegs, 'photo', () => '/upload');
  const upload = photoUploads(api, UPLOAD_CONNECTIONS, jpegs, 'photo', stationPhotoPath(STATIONS));
  // Each measured figure runs right after its baseline, so drifting noise hits both alike.
  const pairs = {
    ingest: [
      () => measure('hello-world (bare Fastify)', helloWorld(bare, JSON_CONNECTIONS), timing, held.baseline?.pid),
      () => measure('self-report ingest (API)', ingest, timing, held.api?.pid),
      () => measure('bot webhook updates (API)', bot, timing, held.api?.pid),
    ],
    upload: [
      () => measure('multipart to disk (bare)', bareUp, timing, held.baseline?.pid),
      () => measure('photo upload (API)', upload, timing, held.api?.pid),
    ],
  };
  const rows = {};
  for (const [pair, [baseline, ...measured]] of Object.entries(pairs)) {
    if (only && only !== pair) continue;
    const figures = [await baseline()];
    for (const m of measured) figures.push(await m());
    rows[pair] = figures;
  }
  const stored = await countRows(databaseUrl);
  printTable(Object.values(rows).flat());
  console.log(
    `\nphotos: ~${Math.round(upload.bodies.bytes / 1024)} KB JPEG, every request a distinct file ` +
      `(${upload.bodies.sent} sent incl. warm-up); distinct photos stored: ${stored.photos}, ` +
      `jobs relayed to Redis so far: ${stored.relayed}`,
  );
  console.log(`self-reports: ${ingest.sent} distinct voters sent incl. warm-up; rows stored: ${stored.selfReports}\n`);
  if (rows.ingest) printRatio('ratio ingest / hello-world', rows.ingest[1], rows.ingest[0], 0.25);
  if (rows.ingest?.[2]) {
    // Three updates make one statement (contact, station, candidate); each answers the voter.
    const statements = { ...rows.ingest[2], rps: rows.ingest[2].rps / 3 };
    console.log(`bot: ${bot.sent} voters began a conversation; rows stored include theirs`);
    printRatio('ratio bot statements / hello-world', statements, rows.ingest[0]);
    printRatio('ratio bot statements / JSON ingest', statements, rows.ingest[1]);
  }
  if (rows.upload) printRatio('ratio upload / bare multipart', rows.upload[1], rows.upload[0], 0.8);
  // The servers stop here, so the parts after this one have the machine to themselves.
  await Promise.all([stopChild(held.api), stopChild(held.baseline)]);
  await held.botApi.close();
  held.botApi = undefined;
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
