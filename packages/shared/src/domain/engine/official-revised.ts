import type { TFinding, TLineValues, TOfficialVersion, TPolicy } from './engine-types.js';
import type { TOfficialFacts } from './official.js';
import { putValue, type TLineArray, type TPreparedForm } from './prepare-form.js';

/**
 * A result the commission published and then changed. Revisions can be honest corrections,
 * so this is a signal; it matters because every other finding is judged against the latest
 * version, and the reader must see what the earlier ones said. Versions that differ only on
 * keys outside the form are not a revision of the protocol, hence the comparison on lines.
 */
export function findOfficialRevised(form: TPreparedForm, official: TOfficialFacts, policy: TPolicy): TFinding | null {
  if (official.versions.length < 2) return null;
  const changed: { line: string; values: (number | null)[] }[] = [];
  for (let i = 0; i < form.lineKeys.length; i++) {
    if (!changes(official.lines, i)) continue;
    changed.push({ line: form.lineKeys[i] as string, values: official.lines.map((l) => l[i] ?? null) });
  }
  if (changed.length === 0) return null;
  return {
    kind: 'official_revised',
    strength: 'signal',
    subject: '',
    minStolenVotes: null,
    evidence: {
      kind: 'official_revised',
      // Copies on the form's lines: a finding must not share mutable objects with its input.
      versions: official.versions.map((v, k) => versionOnLines(form, v, official.lines[k] as TLineArray)),
      lines: changed,
    },
    policy: policy.id,
  };
}

/** True when line i is not the same (number or absence) in every version. */
function changes(versions: readonly TLineArray[], i: number): boolean {
  const first = versions[0]?.[i];
  for (let k = 1; k < versions.length; k++) if (versions[k]?.[i] !== first) return true;
  return false;
}

function versionOnLines(form: TPreparedForm, version: TOfficialVersion, lines: TLineArray): TOfficialVersion {
  const values: TLineValues = {};
  for (let i = 0; i < lines.length; i++) {
    const v = lines[i];
    if (v !== undefined) putValue(values, form.lineKeys[i] as string, v);
  }
  return { version: version.version, values };
}
