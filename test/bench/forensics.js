// The forensic summary of an election in memory, on one core: 100,000 generated stations
// (2 % stuffed, 1 % rewritten to whole percentages, so that every test has something to
// find), with the default options (200 Monte Carlo repetitions), beside a baseline that makes
// one pass over the same stations summing their columns: what reading the results costs at
// all, so the ratio is the forensics' own cost.
import { cpus } from 'node:os';
import { defaultForensicOptions, generateStationResults, summarizeForensics } from '@crosstally/shared';
import { cpuWindow } from './cpu.js';

/** @typedef {import('@crosstally/shared').TStationResult} TStationResult */

const STATIONS = 100_000;
const AIM_SECONDS = 2;

/**
 * The baseline: every number of every station added up once. Returns the sum so that the
 * work cannot be optimized away.
 * @param {TStationResult[]} stations
 */
function sumColumns(stations) {
  let sum = 0;
  for (const s of stations) {
    sum += s.registered + s.ballotsIssued + (s.valid ?? 0) + (s.invalid ?? 0);
    for (const key in s.votes) sum += s.votes[key] ?? 0;
  }
  return sum;
}

/**
 * Wall time, and the CPU time of this process: on a machine shared with other work the wall
 * time stretches while the CPU time (what the code costs on one core) mostly does not.
 * @template T @param {() => T} fn
 * @returns {{ seconds: number, cpuSeconds: number, value: T, machineBusyPct?: number }}
 */
function timed(fn) {
  const end = cpuWindow(undefined);
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, value, ...end(1) };
}

/** Runs and prints the forensics figures. Synchronous on the main thread: one core. */
export function runForensicsBench() {
  const setup = timed(() =>
    generateStationResults({
      seed: 2020,
      stations: STATIONS,
      regions: 85,
      candidates: 6,
      stuffedShare: 0.02,
      roundedShare: 0.01,
    }),
  );
  const { stations, truth } = setup.value;
  console.log(
    `\nforensics (in memory, one core): generated ${STATIONS.toLocaleString('en-US')} stations in 85 regions ` +
      `(${truth.stuffed.length} stuffed, ${truth.rounded.length} rewritten to whole percentages) in ${setup.seconds.toFixed(1)} s; ` +
      `${defaultForensicOptions.reps} Monte Carlo repetitions`,
  );
  const baseline = timed(() => sumColumns(stations));
  // The first summary is what the CLI meets (nothing compiled yet); the second, warm, is the code's own speed.
  const cold = timed(() => summarizeForensics(stations));
  const warmBaseline = timed(() => sumColumns(stations));
  const warm = timed(() => summarizeForensics(stations));
  console.log(
    `${'run'.padEnd(6)}${'summary s'.padStart(11)}${'cpu s'.padStart(8)}${'baseline s'.padStart(12)}` +
      `${'ratio'.padStart(8)}${'machine'.padStart(9)}`,
  );
  for (const [label, s, b] of /** @type {const} */ ([
    ['cold', cold, baseline],
    ['warm', warm, warmBaseline],
  ])) {
    console.log(
      `${label.padEnd(6)}${s.seconds.toFixed(2).padStart(11)}${s.cpuSeconds.toFixed(2).padStart(8)}` +
        `${b.seconds.toFixed(3).padStart(12)}${Math.round(s.seconds / b.seconds)
          .toString()
          .padStart(7)}×${`${s.machineBusyPct ?? '?'}%`.padStart(9)}`,
    );
  }
  const ip = warm.value.integerPercentages;
  console.log(
    `found: integer-percentage excess ${ip.either.excess.toFixed(0)} (p ${ip.either.pValue?.toFixed(3)}), ` +
      `anomalous votes ${warm.value.anomalousVotes.anomalousVotes.toLocaleString('en-US')} ` +
      `(${truth.stuffedBallots.toLocaleString('en-US')} stuffed), ${warm.value.stationSignals.stations.length} station signals`,
  );
  const met = cold.cpuSeconds < AIM_SECONDS;
  console.log(
    `forensics: ${STATIONS.toLocaleString('en-US')} stations in ${cold.cpuSeconds.toFixed(2)} s of CPU cold ` +
      `(${cold.seconds.toFixed(2)} s wall), ${warm.cpuSeconds.toFixed(2)} s warm (aim < ${AIM_SECONDS} s cold)  ` +
      `${met ? 'MET' : 'NOT MET'}; baseline: one pass summing every column; machine: all cores busy during the ` +
      `summary (one of ${cpus().length} is this run; wall time stretches when the others are busy)`,
  );
}
