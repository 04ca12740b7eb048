import type { TRelation } from '../relation.js';
import type { TStationSign } from '../forensics/station-signals.js';

/**
 * The comparison engine's contract. Everything here is plain data: the engine is a pure
 * function of it, so the same evidence always gives the same findings, in any order.
 */

export type TLineValues = Record<string, number>;

import {
  confirmedIdentityKinds,
  type TIdentityKind,
  type TReadingMethod,
  type TReviewDecision,
  type TStrength,
} from '../vocabulary.js';

export type { TStrength } from '../vocabulary.js';

export type TFindingKind =
  | 'crowd_exceeds_official'
  | 'protocol_mismatch'
  | 'conflicting_protocols'
  | 'arithmetic'
  | 'official_revised'
  | 'wrong_station'
  | 'duplicate_photo'
  /** Reports that arrive as a fabricated crowd would: it holds the station's crowd proof for an analyst. */
  | 'sybil_signal'
  | 'insufficient_evidence'
  /** From the forensics over all stations, not from this station's evidence: never more than a signal. */
  | 'forensic_signal';

export type TFormForEngine = {
  /** Line keys in protocol order; `candidate` marks each candidate's line. */
  lines: { key: string; number: number; candidate?: string | undefined }[];
  relations: TRelation[];
};

/** The policy is data, recorded with every finding it produced. */
export type TPolicy = {
  /** A name that changes whenever any field below changes, e.g. "golos-2020/4". */
  id: string;
  /**
   * What makes a self-report verified (applied when counting; recorded for the reader): an
   * identity of one of these kinds, and a ballot photo when one is required, one no other
   * voter ever sent when it must be unique, and one that `ballotChecks` people agreed shows
   * a vote for the report's candidate (0: no check).
   */
  verification: {
    identities: TIdentityKind[];
    ballotPhotoRequired: boolean;
    ballotPhotoUnique: boolean;
    ballotChecks: number;
  };
  /**
   * When a station's reports arrive as a fabricated crowd would, its crowd proof waits for an
   * analyst (TSybilPolicy).
   */
  sybil: TSybilPolicy;
  /** Partner sources whose verified counts may prove (others can at most be strong). */
  trustedPartners: string[];
  /** Smallest gap (crowd − official) that makes a crowd finding; 1 = any excess. */
  minGap: number;
  /** Lowest OCR confidence a reading needs to count as agreed without people. */
  minOcrConfidence: number;
  /** Below this many reports, public output says "fewer than k" (the finding still stands). */
  publicationThreshold: number;
};

/**
 * Two patterns of a fabricated crowd at one station, each judged in any window of
 * `windowMinutes`: a burst of identities nobody had seen until minutes before they reported
 * (at least `burstReports` of them, first seen at most `freshMinutes` before, and at least
 * `burstShare` of the station's reports by the window's end), and a flood of identity kinds
 * the policy does not verify (at least `unverifiedReports`, and at least `unverifiedShare` of
 * the station's reports by then). A count of 0 turns its pattern off.
 */
export type TSybilPolicy = {
  windowMinutes: number;
  freshMinutes: number;
  burstReports: number;
  burstShare: number;
  unverifiedReports: number;
  unverifiedShare: number;
};

export const defaultPolicy: TPolicy = {
  id: 'golos-2020/4',
  verification: {
    identities: [...confirmedIdentityKinds],
    ballotPhotoRequired: true,
    ballotPhotoUnique: true,
    ballotChecks: 2,
  },
  // Ten minutes, five new voters making half of a station's crowd: enough to outvote a small
  // official count, and far from what a station's real voters do over an election day.
  sybil: {
    windowMinutes: 10,
    freshMinutes: 60,
    burstReports: 5,
    burstShare: 0.5,
    unverifiedReports: 10,
    unverifiedShare: 0.5,
  },
  trustedPartners: [],
  minGap: 1,
  minOcrConfidence: 0.9,
  publicationThreshold: 5,
};

export type TOfficialVersion = { version: number; values: TLineValues };

export type { TReadingMethod } from '../vocabulary.js';

/** The agreed reading of one photo (the strongest method already chosen per photo). */
export type TPhotoReading = {
  photoSha256: string;
  method: TReadingMethod;
  confidence: number;
  /** The station code read off the photo; null when the method does not read it. */
  stationCodeRead: string | null;
  values: TLineValues;
};

/** Per candidate: distinct voters who said they voted for them at this station. */
export type TCrowdCount = { candidate: string; verified: number; unverified: number };

/**
 * A coalition partner's per-station counts: never added to another source's. `candidate` is
 * the subject counted: a candidate's key, or the key of a counted line that is no candidate's
 * (against_all, invalid).
 */
export type TPartnerCount = { source: string; candidate: string; verified: number; unverified: number };

/**
 * One self-report as it arrived at the station: when (ms since the epoch), when its voter's
 * identity was first seen in the election, and the identity's kind.
 */
export type TArrival = { at: number; firstSeen: number; kind: TIdentityKind };

/** A run of arrivals that met a sybil pattern: its first and last arrival (ISO times). */
export type TSybilRun = { from: string; to: string; reports: number; stationReports: number };

export type TStationEvidence = {
  /** votersOnList: null when the registry does not know it (the turnout check is then not made). */
  station: { code: string; votersOnList: number | null };
  /** All published versions, any order. The latest is the highest `version`. */
  official: TOfficialVersion[];
  readings: TPhotoReading[];
  selfReports: TCrowdCount[];
  partners: TPartnerCount[];
  /** This station's photos that also appear (the same or a near copy) for other stations. */
  duplicates?: { photoSha256: string; otherStations: string[] }[];
  /** Every self-report at the station as it arrived; none when the loader gave none. */
  arrivals?: TArrival[];
  /**
   * An analyst's latest decision on the station's sybil signal, with the runs it was made on:
   * a dismissal releases the crowd proof while the runs stay exactly those.
   */
  sybilReview?: { decision: TReviewDecision; bursts: TSybilRun[]; floods: TSybilRun[] } | null;
};

export type TLineDifference = { line: string; official: number | null; photographed: number | null };

export type TFindingEvidence =
  | {
      kind: 'crowd_exceeds_official';
      candidate: string;
      officialVersion: number;
      official: number;
      /** The single source the finding rests on: "self_reports" or a partner's name. */
      source: string;
      verified: number;
      unverified: number;
      /** What the finding compares: verified for proof, verified + unverified for a signal. */
      crowd: number;
      gap: number;
      /** Set when the finding would be proof but waits for an analyst to look at a sybil signal. */
      heldForReview?: true;
    }
  | {
      kind: 'protocol_mismatch';
      officialVersion: number;
      photos: { sha256: string; method: TReadingMethod }[];
      lines: TLineDifference[];
    }
  | {
      kind: 'conflicting_protocols';
      /** Each group: photos that agree with each other, and their values on the disputed lines. */
      groups: { photos: string[]; values: TLineValues }[];
      lines: string[];
    }
  | {
      kind: 'arithmetic';
      on: 'official' | 'photo';
      /** The official version or the photo whose numbers break the relation. */
      officialVersion: number | null;
      photoSha256: string | null;
      relation: string;
      lhs: number;
      rhs: number;
    }
  | {
      kind: 'official_revised';
      versions: TOfficialVersion[];
      /** Each changed line (form order) with its value in each version, in version order;
       *  null where a version does not publish that line (dropping a line is a change too). */
      lines: { line: string; values: (number | null)[] }[];
    }
  | { kind: 'wrong_station'; photos: { sha256: string; stationCodeRead: string; method: TReadingMethod }[] }
  | { kind: 'duplicate_photo'; photos: { sha256: string; otherStations: string[] }[] }
  | { kind: 'sybil_signal'; bursts: TSybilRun[]; floods: TSybilRun[] }
  | { kind: 'insufficient_evidence'; missing: ('official' | 'readings' | 'crowd' | 'electorate')[] }
  | { kind: 'forensic_signal'; score: number; signs: TStationSign[] };

export type TFinding = {
  kind: TFindingKind;
  strength: TStrength;
  /** Tells findings of one kind at one station apart: a candidate, a relation, or "". */
  subject: string;
  /** For proof of crowd > official: the least number of votes taken from the candidate. */
  minStolenVotes: number | null;
  evidence: TFindingEvidence;
  policy: string;
};
