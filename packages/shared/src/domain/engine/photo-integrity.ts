import { readingMethodRank } from '../vocabulary.js';
import type { TFinding, TPhotoReading, TPolicy, TStationEvidence } from './engine-types.js';

function beats(a: TPhotoReading, b: TPhotoReading): boolean {
  const ranks = [readingMethodRank(a.method), readingMethodRank(b.method)] as const;
  if (ranks[0] !== ranks[1]) return ranks[0] < ranks[1];
  if (a.confidence !== b.confidence) return a.confidence > b.confidence;
  return (a.stationCodeRead ?? '') < (b.stationCodeRead ?? '');
}

/**
 * A photo whose own station code names another station is not a reading of this station:
 * it is kept aside as a finding (a mistaken upload or a misattributed protocol), never
 * compared with this station's numbers. A signal: nothing is said about the commission.
 */
export function findWrongStation(evidence: TStationEvidence, policy: TPolicy): TFinding | null {
  const code = evidence.station.code;
  // One entry per photo, its strongest reading, whatever order the readings came in.
  const best = new Map<string, TPhotoReading>();
  for (const r of evidence.readings) {
    if (r.stationCodeRead === null || r.stationCodeRead === code) continue;
    const held = best.get(r.photoSha256);
    if (!held || beats(r, held)) best.set(r.photoSha256, r);
  }
  const wrong = [...best.values()]
    .map((r) => ({ sha256: r.photoSha256, stationCodeRead: r.stationCodeRead!, method: r.method }))
    .sort((a, b) => (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0));
  if (wrong.length === 0) return null;
  return {
    kind: 'wrong_station',
    strength: 'signal',
    subject: '',
    minStolenVotes: null,
    evidence: { kind: 'wrong_station', photos: wrong },
    policy: policy.id,
  };
}

/**
 * The same photo, or a near copy, uploaded for several stations: at most one of them is what
 * it claims to be. A signal about the photos, for people to look at.
 */
export function findDuplicatePhoto(evidence: TStationEvidence, policy: TPolicy): TFinding | null {
  const duplicates = (evidence.duplicates ?? [])
    .filter((d) => d.otherStations.length > 0)
    .map((d) => ({ sha256: d.photoSha256, otherStations: [...new Set(d.otherStations)].sort() }))
    .sort((a, b) => (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0));
  if (duplicates.length === 0) return null;
  return {
    kind: 'duplicate_photo',
    strength: 'signal',
    subject: '',
    minStolenVotes: null,
    evidence: { kind: 'duplicate_photo', photos: duplicates },
    policy: policy.id,
  };
}
