// The comparison engine in memory on one core: a full recompute of 100,000 and 1,000,000
// stations, beside a baseline loop that only picks each station's latest official version
// from the same inputs (the ratio is the engine's own cost).
import { cpus } from 'node:os';
import { compareStation, defaultPolicy } from '@crosstally/shared';
import { cpuWindow } from './cpu.js';
import { benchElection, engineInputs, replicate } from './synthetic.js';

/** @typedef {import('@crosstally/shared').TStationEvidence} TStationEvidence */
/** @typedef {import('@crosstally/shared').TFormForEngine} TFormForEngine */

const GENERATED = 100_000;
const REPLICAS = 10; // 1,000,000 stations from the 100,000 generated
const AIM_SECONDS_PER_MILLION = 10;

/**
 * The baseline: what any pass over the stations costs (the loop, the memory it walks), and
 * nothing of the engine's. Reads one number so the work cannot be optimized away.
 * @param {TStationEvidence[]} evidence
 */
function latestOfficialLoop(evidence) {
  let sum = 0;
  for (const e of evidence) {
    let latest;
    for (const v of e.official) if (latest === undefined || v.version > latest.version) latest = v;
    sum += latest?.values.took_part ?? 0;
  }
  return sum;
}

/**
 * @param {TFormForEngine} form @param {TStationEvidence[]} evidence
 * @returns {Record<string, number>} findings by kind
 */
function engineLoop(form, evidence) {
  /** @type {Record<string, number>} */
  const kinds = {};
  for (const e of evidence) {
    for (const f of compareStation(form, e, defaultPolicy)) kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
  }
  return kinds;
}

/**
 * @template T @param {() => T} fn
 * @returns {{ seconds: number, value: T, machineBusyPct?: number }} machineBusyPct: all cores, everything on them
 */
function timed(fn) {
  const end = cpuWindow(undefined);
  const start = process.hrtime.bigint();
  const value = fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, value, ...end(1) };
}

/** @param {number} n @param {number} seconds */
const perSecond = (n, seconds) => Math.round(n / seconds).toLocaleString('en-US');

/** Runs and prints the engine figures. Synchronous on the main thread: one core. */
export function runEngineBench() {
  const setup = timed(() => {
    const election = benchElection(GENERATED);
    const { form, evidence } = engineInputs(election);
    return { election, form, evidence, million: replicate(evidence, REPLICAS) };
  });
  const { election, form, evidence, million } = setup.value;
  console.log(
    `\nengine (in memory, one core): generated ${GENERATED.toLocaleString('en-US')} stations ` +
      `(${election.selfReports.length.toLocaleString('en-US')} self-reports, ` +
      `${election.photos.length.toLocaleString('en-US')} protocol photos) and built the inputs ` +
      `in ${setup.seconds.toFixed(1)} s; 1,000,000 = those ×${REPLICAS} under distinct codes`,
  );
  // Warm-up: one whole pass of each loop, so both are optimized before anything is timed.
  latestOfficialLoop(evidence);
  engineLoop(form, evidence);

  console.log(
    `${'stations'.padStart(10)}${'engine s'.padStart(10)}${'stations/s'.padStart(13)}` +
      `${'baseline s'.padStart(12)}${'ratio'.padStart(8)}${'machine'.padStart(9)}  findings by kind`,
  );
  /** @type {{ stations: number, seconds: number }[]} */
  const results = [];
  for (const inputs of [evidence, million]) {
    const baseline = timed(() => latestOfficialLoop(inputs));
    const engine = timed(() => engineLoop(form, inputs));
    const kinds = Object.entries(engine.value)
      .map(([k, n]) => `${k}:${n}`)
      .join(' ');
    console.log(
      `${inputs.length.toLocaleString('en-US').padStart(10)}${engine.seconds.toFixed(2).padStart(10)}` +
        `${perSecond(inputs.length, engine.seconds).padStart(13)}${baseline.seconds.toFixed(3).padStart(12)}` +
        `${Math.round(engine.seconds / baseline.seconds)
          .toString()
          .padStart(7)}×${`${engine.machineBusyPct ?? '?'}%`.padStart(9)}  ${kinds}`,
    );
    results.push({ stations: inputs.length, seconds: engine.seconds });
  }
  const last = results[results.length - 1];
  if (last) {
    const met = last.seconds < AIM_SECONDS_PER_MILLION;
    console.log(
      `engine: 1,000,000 stations in ${last.seconds.toFixed(2)} s (aim < ${AIM_SECONDS_PER_MILLION} s)  ` +
        `${met ? 'MET' : 'NOT MET'}; baseline: a loop that only picks the latest official version; ` +
        `machine: all cores busy during the engine run (one of ${cpus().length} is this loop)`,
    );
  }
}
