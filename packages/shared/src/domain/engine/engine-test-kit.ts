import { compileFormTemplate } from '../form-template.js';
import { presidentialDefinition, presidentialSampleValues } from '../fixtures/presidential-form.js';
import {
  defaultPolicy,
  type TFinding,
  type TFindingKind,
  type TLineValues,
  type TPhotoReading,
  type TPolicy,
  type TReadingMethod,
  type TStationEvidence,
} from './engine-types.js';

/**
 * Builders shared by the engine's tests (plain data, no test framework, so it type-checks
 * with the package). The sample protocol: adamovich 171, barysevich 512, hrynevich 38,
 * dubovik 403, karpovich 27; took_part 1298 of 1650 voters on the list.
 */
export const form = compileFormTemplate(presidentialDefinition);
export const sample = presidentialSampleValues;
export const candidateKeys = presidentialDefinition.candidates.map((c) => c.key);
export const STATION = 'S1';

/** "golos" is trusted, every other partner is not. */
export const policy: TPolicy = { ...defaultPolicy, trustedPartners: ['golos'] };

export const kindOrder: readonly TFindingKind[] = [
  'crowd_exceeds_official',
  'protocol_mismatch',
  'conflicting_protocols',
  'arithmetic',
  'official_revised',
  'wrong_station',
  'duplicate_photo',
  'sybil_signal',
  'insufficient_evidence',
];

/** The sample protocol with some lines changed; `undefined` removes a line. */
export function protocol(changes: Record<string, number | undefined> = {}): TLineValues {
  const values: TLineValues = { ...sample };
  for (const [key, v] of Object.entries(changes)) {
    if (v === undefined) delete values[key];
    else values[key] = v;
  }
  return values;
}

/** Votes moved between two candidates: every relation still holds, only a comparison shows it. */
export function moved(from: string, to: string, votes: number): TLineValues {
  const a = `votes_${from}`;
  const b = `votes_${to}`;
  return protocol({ [a]: (sample[a] ?? 0) - votes, [b]: (sample[b] ?? 0) + votes });
}

export function reading(
  sha: string,
  method: TReadingMethod = 'qr',
  values: TLineValues = sample,
  more: Partial<TPhotoReading> = {},
): TPhotoReading {
  return { photoSha256: sha, method, confidence: 1, stationCodeRead: null, values: { ...values }, ...more };
}

/** An honest station with one official version and nothing else, unless overridden. */
export function station(overrides: Partial<TStationEvidence> = {}): TStationEvidence {
  return {
    station: { code: STATION, votersOnList: 1650 },
    official: [{ version: 1, values: { ...sample } }],
    readings: [],
    selfReports: [],
    partners: [],
    ...overrides,
  };
}

/** A compact view for tables: "kind strength subject". */
export function summary(findings: readonly TFinding[]): string[] {
  return findings.map((f) => `${f.kind} ${f.strength} ${f.subject}`.trimEnd());
}

export function isCanonical(findings: readonly TFinding[]): boolean {
  for (let i = 1; i < findings.length; i++) {
    const a = findings[i - 1] as TFinding;
    const b = findings[i] as TFinding;
    const byKind = kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind);
    if (byKind > 0 || (byKind === 0 && a.subject > b.subject)) return false;
  }
  return true;
}
