import type { TFinding, TLineValues, TPolicy } from './engine-types.js';
import { putValue, type TPreparedForm } from './prepare-form.js';
import type { TPhotoGroup } from './readings.js';

/**
 * Two photos of one station's protocol that disagree: either two protocols were posted (one
 * of them substituted) or a reading is wrong. Only documented readings (QR, two people) on
 * both sides rule out the second explanation, hence `strong` only then. Needs no official
 * result, so it runs for every station.
 */
export function findConflictingProtocols(
  form: TPreparedForm,
  groups: readonly TPhotoGroup[],
  policy: TPolicy,
): TFinding | null {
  // groupReadings makes every two groups disagree somewhere, so two groups are a conflict.
  if (groups.length < 2) return null;
  const disputed = disputedLines(form, groups);
  let documentedGroups = 0;
  for (const g of groups) if (g.documented) documentedGroups += 1;
  return {
    kind: 'conflicting_protocols',
    strength: documentedGroups >= 2 ? 'strong' : 'signal',
    subject: '',
    minStolenVotes: null,
    evidence: {
      kind: 'conflicting_protocols',
      // Groups come in the order of their first photo, members in photo order: canonical.
      groups: groups.map((g) => ({
        photos: g.members.map((m) => m.reading.photoSha256),
        values: valuesOn(form, g, disputed),
      })),
      lines: disputed.map((i) => form.lineKeys[i] as string),
    },
    policy: policy.id,
  };
}

/** Indexes (form order) of the lines on which at least two groups read different numbers. */
function disputedLines(form: TPreparedForm, groups: readonly TPhotoGroup[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < form.lineKeys.length; i++) {
    let seen: number | undefined;
    for (const g of groups) {
      const v = g.lines[i];
      if (v === undefined) continue;
      if (seen === undefined) seen = v;
      else if (v !== seen) {
        out.push(i);
        break;
      }
    }
  }
  return out;
}

/** A group's numbers on the disputed lines, keys in form order; lines it did not read are left out. */
function valuesOn(form: TPreparedForm, group: TPhotoGroup, disputed: readonly number[]): TLineValues {
  const values: TLineValues = {};
  for (const i of disputed) {
    const v = group.lines[i];
    if (v !== undefined) putValue(values, form.lineKeys[i] as string, v);
  }
  return values;
}
