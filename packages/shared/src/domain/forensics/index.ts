// Election forensics: statistical signals from station-level results (never proof). The
// public surface is the summary, its parts' result types, the station result it reads and
// the generator the tests and the bench share; the statistics behind them stay inside (the
// PVT estimate, a sibling, takes its normal quantiles from special-functions directly).
export * from './station-result.js';
export {
  summarizeForensics,
  defaultForensicOptions,
  type TForensicOptions,
  type TForensicSummary,
} from './summarize-forensics.js';
export { fingerprintHistogram, turnoutHistogram, type THistogram, type THistogram2d } from './histograms.js';
// The report page draws the same histograms from the same columns.
export { toStationColumns, type TStationColumns } from './station-columns.js';
export type { TIntegerCount, TIntegerPercentages } from './integer-percentages.js';
export type { TFingerprint } from './fingerprint.js';
export type { TLastDigits } from './last-digits.js';
export type { TAnomalousRegion, TAnomalousVotes } from './anomalous-votes.js';
export type { TStationSign, TStationSignal, TStationSignals } from './station-signals.js';
export {
  generateStationResults,
  type TGenerateResultsOptions,
  type TGeneratedResults,
} from './generate-station-results.js';
export * from './result-lines.js';
