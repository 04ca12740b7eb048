import type { TRelation } from '../relation.js';
import type { TStationSign } from '../forensics/station-signals.js';

/**
 * The comparison engine's contract. Everything here is plain data: the engine is a pure
 * function of it, so the same evidence always gives the same findings, in any order.
 */

export type TLineValues = Record<string, number>;

import { confirmedIdentityKinds, type TIdentityKind, type TReadingMethod, type TStrength } from '../vocabulary.js';

export type { TStrength } from '../vocabulary.js';

export type TFindingKind =
  | 'crowd_exceeds_official'
  | 'protocol_mismatch'
  | 'conflicting_protocols'
  | 'arithmetic'
  | 'official_revised'
  | 'wrong_station'
  | 'duplicate_photo'
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
  /** A name that changes whenever any field below changes, e.g. "golos-2020/3". */
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
  /** Partner sources whose verified counts may prove (others can at most be strong). */
  trustedPartners: string[];
  /** Smallest gap (crowd − official) that makes a crowd finding; 1 = any excess. */
  minGap: number;
  /** Lowest OCR confidence a reading needs to count as agreed without people. */
  minOcrConfidence: number;
  /** Below this many reports, public output says "fewer than k" (the finding still stands). */
  publicationThreshold: number;
};

export const defaultPolicy: TPolicy = {
  id: 'golos-2020/3',
  verification: {
    identities: [...confirmedIdentityKinds],
    ballotPhotoRequired: true,
    ballotPhotoUnique: true,
    ballotChecks: 2,
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
