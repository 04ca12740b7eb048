import { checkRelations } from '../relation-check.js';
import type { TFinding, TLineValues, TPolicy, TStrength } from './engine-types.js';
import type { TOfficialFacts } from './official.js';
import { compareText, type TLineArray, type TPreparedForm, type TQuickRelation } from './prepare-form.js';
import type { TUsableReading } from './readings.js';

/** Subject suffix and relation text of the turnout check, which is not a relation of the form. */
export const TURNOUT_SUBJECT = 'turnout';
export const TURNOUT_RELATION = 'turnout <= 100%';

type TTarget = {
  on: 'official' | 'photo';
  officialVersion: number | null;
  photoSha256: string | null;
  strength: TStrength;
};

/**
 * A protocol that breaks its own control relations, or counts more voters than the station
 * has, is wrong whatever the truth: the latest official version is judged `strong`; a photo
 * too when its reading is documented (QR, two people), else a misread digit could explain it.
 * Pushes the findings in subject order; returns how many.
 */
export function findArithmetic(
  form: TPreparedForm,
  votersOnList: number | null,
  official: TOfficialFacts | null,
  readings: readonly TUsableReading[],
  policy: TPolicy,
  out: TFinding[],
): number {
  const start = out.length;
  if (official !== null) {
    const target: TTarget = {
      on: 'official',
      officialVersion: official.latest.version,
      photoSha256: null,
      strength: 'strong',
    };
    checkProtocol(form, official.latest.values, official.latestLines, votersOnList, target, policy, out);
  }
  for (const r of readings) {
    const sha = r.reading.photoSha256;
    const strength = r.documented ? 'strong' : 'signal';
    const target: TTarget = { on: 'photo', officialVersion: null, photoSha256: sha, strength };
    checkProtocol(form, r.reading.values, r.lines, votersOnList, target, policy, out);
  }
  const found = out.length - start;
  // Rare (an honest station has none), so sorting here costs nothing in the common case.
  if (found > 1) out.splice(start, found, ...out.slice(start).sort(bySubject));
  return found;
}

function bySubject(a: TFinding, b: TFinding): number {
  return compareText(a.subject, b.subject);
}

function checkProtocol(
  form: TPreparedForm,
  values: TLineValues,
  lines: TLineArray,
  votersOnList: number | null,
  target: TTarget,
  policy: TPolicy,
  out: TFinding[],
): void {
  for (const q of form.quickRelations) {
    if (!q.fullCheckOnly && holdsOrIncomplete(q, lines)) continue;
    // checkRelations stays the one definition of a broken relation and of its two sides; the
    // quick pass above only spares it the relations that hold, i.e. nearly all of them.
    const check = checkRelations([q.relation], values)[0];
    if (check?.status !== 'broken' || check.lhs === null || check.rhs === null) continue;
    out.push(finding(target, q.relation.text, q.relation.text, check.lhs, check.rhs, policy));
  }
  if (votersOnList === null || !Number.isFinite(votersOnList)) return;
  const tookPart = form.tookPartIndex >= 0 ? lines[form.tookPartIndex] : undefined;
  if (tookPart !== undefined && tookPart > votersOnList) {
    out.push(finding(target, TURNOUT_SUBJECT, TURNOUT_RELATION, tookPart, votersOnList, policy));
    return;
  }
  const votes = sumOfCandidateLines(form, lines);
  if (votes !== null && votes > votersOnList) {
    out.push(finding(target, TURNOUT_SUBJECT, TURNOUT_RELATION, votes, votersOnList, policy));
  }
}

/** Same arithmetic as checkRelations (lhs − rhs = Σ coef·value + constant), without allocating. */
function holdsOrIncomplete(q: TQuickRelation, lines: TLineArray): boolean {
  let sum = q.constant;
  for (let i = 0; i < q.lineIndexes.length; i++) {
    const v = lines[q.lineIndexes[i] as number];
    if (v === undefined) return true;
    sum += (q.coefs[i] as number) * v;
  }
  return q.op === 'eq' ? sum === 0 : q.op === 'le' ? sum <= 0 : sum >= 0;
}

/** Null when a candidate line is unread: a partial sum is not the protocol's total. */
function sumOfCandidateLines(form: TPreparedForm, lines: TLineArray): number | null {
  if (form.candidateLineIndexes.length === 0) return null;
  let sum = 0;
  for (const i of form.candidateLineIndexes) {
    const v = lines[i];
    if (v === undefined) return null;
    sum += v;
  }
  return sum;
}

function finding(
  target: TTarget,
  subject: string,
  relation: string,
  lhs: number,
  rhs: number,
  policy: TPolicy,
): TFinding {
  return {
    kind: 'arithmetic',
    strength: target.strength,
    subject: target.on === 'official' ? `official:${subject}` : `photo:${target.photoSha256}:${subject}`,
    minStolenVotes: null,
    evidence: {
      kind: 'arithmetic',
      on: target.on,
      officialVersion: target.officialVersion,
      photoSha256: target.photoSha256,
      relation,
      lhs,
      rhs,
    },
    policy: policy.id,
  };
}
