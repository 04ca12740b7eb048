import { compileFormTemplate } from '../form-template.js';
import { checkRelations } from '../relation-check.js';
import { votesLine } from './synthetic-form.js';
import type {
  TFalsification,
  TStationGroundTruth,
  TSyntheticElection,
  TSyntheticStation,
  TSyntheticSummary,
} from './synthetic-types.js';

/**
 * What an engine run on a synthetic election should find, derived from the election alone
 * (no hidden state of the generator), so that a test can score the engine's findings
 * station by station: falsified stations it missed, honest ones it accused.
 */
export function groundTruth(election: TSyntheticElection): Map<string, TStationGroundTruth> {
  const { relations } = compileFormTemplate(election.definition);
  const candidates = election.definition.candidates.map((c) => c.key);
  const result = new Map<string, TStationGroundTruth>();
  for (const station of election.stations) {
    const latest = latestOfficial(station);
    const kinds = station.falsifications.map((f) => f.kind);
    const stolen: Record<string, number> = {};
    for (const c of candidates) {
      const lacking = (station.truth[votesLine(c)] ?? 0) - (latest[votesLine(c)] ?? 0);
      if (lacking > 0) stolen[c] = lacking;
    }
    result.set(station.code, {
      code: station.code,
      falsified: kinds.length > 0,
      kinds,
      postedFalsified: kinds.length > 0 && !kinds.includes('substituted_protocol'),
      protocolMismatch: !sameValues(station.posted, latest),
      arithmeticBroken: checkRelations(relations, latest).some((c) => c.status === 'broken'),
      revised: station.official.length > 1,
      stolen,
    });
  }
  return result;
}

/** Counts for printing (the bench, the demo seeder, a failing test's message). */
export function summarizeElection(election: TSyntheticElection): TSyntheticSummary {
  const byKind: Record<TFalsification['kind'], number> = {
    moved_votes: 0,
    stuffing: 0,
    substituted_protocol: 0,
    arithmetic_slip: 0,
  };
  const codes = new Set<string>();
  let falsified = 0;
  let postedFalsified = 0;
  let revised = 0;
  for (const s of election.stations) {
    codes.add(s.code);
    if (s.official.length > 1) revised += 1;
    if (s.falsifications.length === 0) continue;
    falsified += 1;
    const kinds = new Set(s.falsifications.map((f) => f.kind));
    for (const kind of kinds) byKind[kind] += 1;
    if (!kinds.has('substituted_protocol')) postedFalsified += 1;
  }
  let falseReports = 0;
  let duplicateReports = 0;
  let mistypedReports = 0;
  let reportsWithBallotPhoto = 0;
  for (const r of election.selfReports) {
    if (r.isFalse) falseReports += 1;
    if (r.isDuplicate) duplicateReports += 1;
    if (!codes.has(r.station)) mistypedReports += 1;
    if (r.ballotPhoto !== null) reportsWithBallotPhoto += 1;
  }
  return {
    stations: election.stations.length,
    falsified,
    byKind,
    postedFalsified,
    revised,
    selfReports: election.selfReports.length,
    falseReports,
    duplicateReports,
    mistypedReports,
    reportsWithBallotPhoto,
    protocolPhotos: election.photos.length,
    stationsWithPhotos: new Set(election.photos.map((p) => p.station)).size,
  };
}

/** The newest published version (official is oldest first and never empty). */
export function latestOfficial(station: TSyntheticStation): Record<string, number> {
  const latest = station.official[station.official.length - 1];
  if (latest === undefined) throw new Error(`station ${station.code} has no official result`);
  return latest;
}

function sameValues(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
