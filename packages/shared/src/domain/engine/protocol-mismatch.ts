import type { TFinding, TLineDifference, TPolicy, TReadingMethod } from './engine-types.js';
import type { TOfficialFacts } from './official.js';
import { compareText, type TLineArray, type TPreparedForm } from './prepare-form.js';
import type { TPhotoGroup } from './readings.js';

/**
 * The protocol posted at the station (as photographed) differs from what the commission
 * published: evidence of a protocol substituted on its way to publication. Compared with the
 * latest official version only, because that is the one that stands; lines a photo did not
 * read, or the commission did not publish, are not compared (an unread digit proves nothing).
 * One finding per station, listing every disagreeing photo.
 */
export function findProtocolMismatch(
  form: TPreparedForm,
  groups: readonly TPhotoGroup[],
  official: TOfficialFacts,
  policy: TPolicy,
): TFinding | null {
  let photos: { sha256: string; method: TReadingMethod }[] | null = null;
  let lines: TLineDifference[] = [];
  let linesFrom: TPhotoGroup | null = null;
  let documented = false;
  let mismatchingGroups = 0;
  for (const group of groups) {
    if (!differs(group.lines, official.latestLines)) continue;
    mismatchingGroups += 1;
    photos ??= [];
    for (const m of group.members) photos.push({ sha256: m.reading.photoSha256, method: m.reading.method });
    documented ||= group.documented;
    // The lines shown are those of the best attested version of the station's protocol: the
    // group with most photos; on a tie the earlier group, i.e. the one with the first photo.
    if (linesFrom === null || group.members.length > linesFrom.members.length) {
      linesFrom = group;
      lines = differences(form, group.lines, official.latestLines);
    }
  }
  if (photos === null) return null;
  // Each group's photos are already in order; only several groups need merging.
  if (mismatchingGroups > 1) photos.sort(bySha);
  return {
    kind: 'protocol_mismatch',
    strength: documented ? 'strong' : 'signal',
    subject: '',
    minStolenVotes: null,
    evidence: { kind: 'protocol_mismatch', officialVersion: official.latest.version, photos, lines },
    policy: policy.id,
  };
}

function bySha(a: { sha256: string }, b: { sha256: string }): number {
  return compareText(a.sha256, b.sha256);
}

function differs(photographed: TLineArray, official: TLineArray): boolean {
  for (let i = 0; i < photographed.length; i++) {
    const p = photographed[i];
    const o = official[i];
    if (p !== undefined && o !== undefined && p !== o) return true;
  }
  return false;
}

function differences(form: TPreparedForm, photographed: TLineArray, official: TLineArray): TLineDifference[] {
  const out: TLineDifference[] = [];
  for (let i = 0; i < photographed.length; i++) {
    const p = photographed[i];
    const o = official[i];
    if (p !== undefined && o !== undefined && p !== o) {
      out.push({ line: form.lineKeys[i] as string, official: o, photographed: p });
    }
  }
  return out;
}
