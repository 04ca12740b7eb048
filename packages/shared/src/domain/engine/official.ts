import type { TOfficialVersion } from './engine-types.js';
import { compareLineArrays, readLines, type TLineArray, type TPreparedForm } from './prepare-form.js';

/** A station's published versions in canonical order, each read onto the form's lines. */
export type TOfficialFacts = {
  /** Sorted by version; equal versions (a broken import) by their values, so order is total. */
  versions: TOfficialVersion[];
  lines: TLineArray[];
  latest: TOfficialVersion;
  latestLines: TLineArray;
};

type TEntry = { version: TOfficialVersion; lines: TLineArray };

/** Null when nothing is published for the station: then nothing can be compared with it. */
export function selectOfficial(form: TPreparedForm, published: readonly TOfficialVersion[]): TOfficialFacts | null {
  const only = published[0];
  if (only === undefined) return null;
  if (published.length === 1) {
    // The usual case: one version, nothing to sort.
    const lines = readLines(form, only.values);
    return { versions: [only], lines: [lines], latest: only, latestLines: lines };
  }
  const entries: TEntry[] = published.map((version) => ({ version, lines: readLines(form, version.values) }));
  entries.sort(compareEntries);
  const last = entries[entries.length - 1] as TEntry;
  return {
    versions: entries.map((e) => e.version),
    lines: entries.map((e) => e.lines),
    latest: last.version,
    latestLines: last.lines,
  };
}

function compareEntries(a: TEntry, b: TEntry): number {
  return a.version.version - b.version.version || compareLineArrays(a.lines, b.lines);
}
