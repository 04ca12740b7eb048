import { checkRelations } from './relation-check.js';
import type { TRelation } from './relation.js';

export type TDigitizationEntry = { id: string; stationCode: string | null; values: Record<string, number> };

export type TDoubleEntryVerdict =
  | { status: 'agreed'; values: Record<string, number>; stationCode: string | null; entryIds: string[] }
  | { status: 'needs_entry'; entries: number; reason: 'first' | 'second' | 'disagree' | 'arithmetic' };

/**
 * When typed numbers become a reading. Two independent entries that agree on every line and
 * on the station code, and whose numbers satisfy the form's control relations, are accepted.
 * Entries that disagree call for another person; a third that agrees with one of them settles
 * it. Agreeing entries that break the form's arithmetic need a third agreeing one: the
 * protocol itself may be wrong (a finding), but two slips alike must not pass for it.
 */
export function judgeDoubleEntry(
  entries: readonly TDigitizationEntry[],
  relations: readonly TRelation[],
): TDoubleEntryVerdict {
  if (entries.length < 2)
    return { status: 'needs_entry', entries: entries.length, reason: entries.length === 0 ? 'first' : 'second' };
  const groups = new Map<string, TDigitizationEntry[]>();
  for (const entry of entries) {
    const key = signature(entry);
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const best = [...groups.values()].sort((a, b) => b.length - a.length || (a[0]!.id < b[0]!.id ? -1 : 1))[0]!;
  if (best.length < 2) return { status: 'needs_entry', entries: entries.length, reason: 'disagree' };
  const sample = best[0]!;
  const broken = checkRelations([...relations], sample.values).some((c) => c.status === 'broken');
  if (broken && best.length < 3) return { status: 'needs_entry', entries: entries.length, reason: 'arithmetic' };
  return {
    status: 'agreed',
    values: sample.values,
    stationCode: sample.stationCode,
    entryIds: best.map((e) => e.id).sort(),
  };
}

function signature(entry: TDigitizationEntry): string {
  const lines = Object.keys(entry.values)
    .sort()
    .map((k) => `${k}=${entry.values[k]}`);
  return `${entry.stationCode ?? ''}|${lines.join(',')}`;
}
