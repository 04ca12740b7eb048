import type { TElectionDefinition } from '../election-definition.js';

/** The generator's contract: a whole election with a known truth, from a seed. */

export type TSyntheticOptions = {
  /** An integer in [0, 2^32): the election code is `synthetic-<seed>`. */
  seed: number;
  stations: number;
  /** 2..12; the first candidate (`cand_a`) is the national favourite and the falsifiers' beneficiary. */
  candidates: number;
  /** Share of stations whose official result is falsified (0..1); exactly round(share · stations). */
  falsifiedShare: number;
  /** Share of a robbed candidate's votes moved to the favourite, drawn in this range (default 0.2–0.7). */
  movedShare?: readonly [number, number];
  /** Share of each candidate's voters who report their vote (index = candidate order). */
  participation: number[];
  /** Share of self-reports that carry a ballot photo. */
  ballotPhotoShare: number;
  /** Share of stations with at least one protocol photo. */
  photoShare: number;
  /**
   * Noise, each a share of reports: mistyped station codes; duplicate reports (a voter who
   * reported before reports again, the later one replacing the earlier); false reports (a
   * candidate the person did not vote for); honest ballot photos that reuse another report's.
   */
  noise: { mistypedStation: number; duplicateReport: number; falseReport: number; sharedBallotPhoto: number };
};

/** Candidates are keys (`cand_b`), not line keys (`votes_cand_b`). */
export type TFalsification =
  /** `votes` moved from `from` to `to` (the favourite): the official `from` is below the truth. */
  | { kind: 'moved_votes'; from: string; to: string; votes: number }
  /** Ballots for `to` added to took_part and issued_day, taken from unused: relations still hold. */
  | { kind: 'stuffing'; to: string; ballots: number }
  /** The station posted the truth; only the published result is forged. */
  | { kind: 'substituted_protocol' }
  /** One line of the forged protocol off by `delta`: a relation breaks. */
  | { kind: 'arithmetic_slip'; line: string; delta: number };

/**
 * Line values (`truth`, `posted`, `official[i]`, photo `values`) and `regionPath` are frozen
 * and may be shared: an honest station's truth, posted and official protocol are one object,
 * and the stations of a district share one path. Copy before changing.
 */
export type TSyntheticStation = {
  code: string;
  regionPath: string[];
  nameBe: string;
  nameRu: string;
  addressBe: string;
  addressRu: string;
  votersOnList: number;
  /** The true count, line by line (consistent with every relation of the form). */
  truth: Record<string, number>;
  /** What the commission posted at the station (the truth, or already falsified). */
  posted: Record<string, number>;
  /**
   * What the commission published: one or more versions, oldest first. The latest is
   * applyFalsifications(truth, falsifications); an earlier version (a revision) is either
   * the truth (a falsified station "corrected" later) or the truth with one typo.
   */
  official: Record<string, number>[];
  /** Empty for an honest station. */
  falsifications: TFalsification[];
};

export type TSyntheticSelfReport = {
  /** The code typed by the voter (may be a mistyped code of no station). */
  station: string;
  candidate: string;
  voterKind: 'phone' | 'bot' | 'code';
  voterToken: string;
  /** A ballot photo, as an id; two reports with the same id share one photo. */
  ballotPhoto: string | null;
  /** True when the voter did not vote as reported (a false report). */
  isFalse: boolean;
  /**
   * True when this voter token reported earlier in `selfReports` (the array is in
   * submission order): the platform keeps the later report. A duplicate for the same
   * candidate re-sends the earlier photo; one for another candidate is false, without photo.
   */
  isDuplicate: boolean;
};

export type TSyntheticPhoto = {
  /** The station the photo is uploaded for. */
  station: string;
  /** The numbers on the photographed protocol (the posted one). */
  values: Record<string, number>;
  /** Distinguishes photos of one station (each is a different picture). */
  shot: number;
};

export type TSyntheticElection = {
  definition: TElectionDefinition;
  /** The candidate key the falsifications favour (the national favourite, `cand_a`). */
  favourite: string;
  stations: TSyntheticStation[];
  /** Grouped by station, in submission order within the array (a duplicate follows its original). */
  selfReports: TSyntheticSelfReport[];
  photos: TSyntheticPhoto[];
};

/** What the engine should find at a station, derived from the generated data alone. */
export type TStationGroundTruth = {
  code: string;
  falsified: boolean;
  kinds: TFalsification['kind'][];
  /** The posted protocol is the forged one: photos agree with the official result. */
  postedFalsified: boolean;
  /** The posted protocol differs from the latest official one (a photo can show it). */
  protocolMismatch: boolean;
  /** The latest official version breaks a relation of the form. */
  arithmeticBroken: boolean;
  revised: boolean;
  /** Per robbed candidate: how many votes its official count lacks (the most a crowd can prove). */
  stolen: Record<string, number>;
};

export type TSyntheticSummary = {
  stations: number;
  falsified: number;
  byKind: Record<TFalsification['kind'], number>;
  postedFalsified: number;
  revised: number;
  selfReports: number;
  falseReports: number;
  duplicateReports: number;
  mistypedReports: number;
  reportsWithBallotPhoto: number;
  protocolPhotos: number;
  stationsWithPhotos: number;
};
