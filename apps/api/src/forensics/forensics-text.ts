import type { TForensicSummary, TIntegerCount } from '@crosstally/shared';
import type { TStationResultsFile } from './station-results-csv.js';

/**
 * The forensic summary as plain text for a terminal: every figure beside its label ("signal",
 * "lower bound"), the station counts it rests on and its p-value. The histograms are arrays
 * for drawing, so they stay in the JSON output only.
 */
export function formatForensics(
  name: string,
  file: TStationResultsFile,
  s: TForensicSummary,
  topStations = 10,
): string {
  const ip = s.integerPercentages;
  const fp = s.fingerprint;
  const av = s.anomalousVotes;
  const ld = s.lastDigits;
  const leader = s.candidates.find((c) => c.candidate === s.leader);
  const nameWidth = Math.min(48, Math.max(9, ...s.candidates.map((c) => c.candidate.length)));
  const lines = [
    `Forensic signals: ${name} (layout ${file.layout})`,
    'Statistical signals, never proof of anything at any station.',
    '',
    `stations  ${n(s.stations.total)} with results (${n(file.withoutResults)} rows without results, ` +
      `${n(file.incomplete.length)} incomplete rows left out); ${n(s.stations.used)} with a turnout and a leader share`,
    `voters    ${n(s.totals.registered)} on the lists, turnout ${pct(s.totals.turnoutPct)}`,
    `leader    ${s.leader} ${leader ? pct(leader.sharePct) : ''} of ${n(s.totals.ballotsCounted)} ballots counted`,
    '',
    `${'candidate'.padEnd(nameWidth)} ${'votes'.padStart(12)} ${'share'.padStart(9)}`,
    ...[...s.candidates]
      .sort((a, b) => b.votes - a.votes)
      .map(
        (c) =>
          `${c.candidate.slice(0, nameWidth).padEnd(nameWidth)} ${n(c.votes).padStart(12)} ${pct(c.sharePct).padStart(9)}`,
      ),
    '',
    'Integer percentages (Kobak, Shpilkin & Pshenichnikov 2016)  [signal]',
    `  ${n(ip.included)} stations tested; left out: ${n(ip.excluded.fewerThan100Voters)} with < 100 voters, ` +
      `${n(ip.excluded.turnoutAbove99)} turnout > 99 %, ${n(ip.excluded.leaderShareAbove99)} leader share > 99 %`,
    `  within ±${ip.halfWidthPp} pp of a whole percentage; expected under binomial counting (exact), ` +
      `p-value from ${n(ip.monteCarlo.reps)} Monte Carlo repetitions (seed ${ip.monteCarlo.seed})`,
    `  ${''.padEnd(18)} ${'observed'.padStart(9)} ${'expected'.padStart(10)} ${'sd'.padStart(7)} ${'excess'.padStart(9)} ${'p-value'.padStart(8)}`,
    integerRow('turnout or leader', ip.either),
    integerRow('turnout', ip.turnout),
    integerRow('leader share', ip.leaderShare),
    '',
    'Turnout × leader share fingerprint (Klimek et al. 2012)  [signal]',
    `  core: turnout mode ${pct(fp.core.turnoutModePp)} (sd below it ${fp.core.turnoutSdPp.toFixed(1)} pp), ` +
      `leader share ${pct(fp.core.leaderSharePp)} (robust sd ${fp.core.leaderShareSdPp.toFixed(1)} pp), ${n(fp.core.stations)} stations`,
    `  turnout and leader share both > ${fp.corner.abovePp} %: ${n(fp.corner.stations)} stations ` +
      `(${pct(100 * fp.corner.stationShare, 3)} of stations, ${pct(100 * fp.corner.leaderVoteShare)} of the leader's votes); ` +
      `the core predicts ${pct(100 * fp.corner.expectedStationShare, 4)}` +
      (fp.corner.ratio === null
        ? ''
        : ` (× ${fp.corner.ratio >= 10 ? n(Math.round(fp.corner.ratio)) : fp.corner.ratio.toFixed(2)})`),
    '',
    `Last digits of candidate counts ≥ ${ld.minCount} (Beber & Scacco 2012)  [signal]`,
    `  ${n(ld.counts)} counts; digits 0–9: ${ld.digits.map(n).join(' ')}`,
    `  chi² ${ld.chiSquare.toFixed(1)} (${ld.degreesOfFreedom} df), p ${p(ld.pValue)}`,
    '',
    'Anomalous votes for the leader (after Shpilkin: extra turnout above the low-turnout core went to the leader)  [signal]',
    `  ${n(av.anomalousVotes)} votes (${pct((100 * av.anomalousVotes) / Math.max(1, av.leaderVotes))} of the leader's ${n(av.leaderVotes)}), ` +
      `summed over the regions with an excess; each region against its own core (${av.minRegionStations}+ stations)`,
    `  with one national core instead: ${n(av.national.anomalousVotes)} (turnout mode ${pct(av.national.turnoutModePp)}, ` +
      `core leader share ${pct(av.national.coreLeaderSharePp)})`,
    ...[...av.regions]
      .sort((a, b) => b.anomalousVotes - a.anomalousVotes)
      .slice(0, 5)
      .map(
        (r) =>
          `  ${n(r.anomalousVotes).padStart(12)}  ${r.region} (${n(r.stations)} stations, mode ${pct(r.turnoutModePp)})`,
      ),
    '',
    `Station signals: ${n(s.stationSignals.stations.length)} stations with a score ≥ ${s.stationSignals.minScore} ` +
      '(−log10 of the chance an honest station shows all its signs)  [signal, for review, never an accusation]',
    ...s.stationSignals.stations
      .slice(0, topStations)
      .flatMap((st) => [
        `  ${st.score.toFixed(1).padStart(6)}  ${st.station}`,
        ...st.reasons.map((r) => `          ${r}`),
      ]),
  ];
  return lines.join('\n');
}

function integerRow(label: string, c: TIntegerCount): string {
  return (
    `  ${label.padEnd(18)} ${n(c.observed).padStart(9)} ${n1(c.expected).padStart(10)} ` +
    `${n1(c.sd).padStart(7)} ${n1(c.excess).padStart(9)} ${p(c.pValue).padStart(8)}`
  );
}

function n(x: number): string {
  return x.toLocaleString('en-US');
}

function n1(x: number): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

function pct(x: number, digits = 2): string {
  return `${x.toFixed(digits)} %`;
}

/** A Monte Carlo p-value is at least 1/(reps + 1): 0.000999 prints as 0.0010, not 1.0e-3. */
function p(x: number | null): string {
  if (x === null) return 'none';
  if (x >= 0.01) return x.toFixed(3);
  if (x >= 0.0001) return x.toFixed(4);
  return x > 0 ? x.toExponential(1) : '< 1e-300';
}
