import type { Db, EvidenceStore, TPrintBallotJob } from '@crosstally/shared';
import { copyPrintOf, copyScore, type TCopyPrint } from '../adapters/ballot-copy.js';
import {
  loadBallotPhoto,
  recordHashesAndFindCandidates,
  saveCopyOutcome,
} from '../repositories/ballot-photo.repository.js';

export type TPrintBallotDeps = { db: Db; store: EvidenceStore; maxPhotoPixels: number };

export type TPrintBallotOutcome =
  | { kind: 'gone' }
  | { kind: 'already-done' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'printed'; compared: number; copyOf: string | null; score: number | null };

/**
 * At or above this, a photo is a copy of the other (resized, recompressed, brightened or
 * cropped). Measured on photos of one and the same print (ballot-copy.test.ts): different
 * voters' photos scored at most 0.55, copies at least 0.80.
 */
const copyThreshold = 0.7;
/** Hash distance within which another photo is compared pixel by pixel, and how many at most. */
const candidateBits = 12;
const candidateLimit = 8;

/**
 * Compares a new ballot photo with the election's other voters' photos: found near by hash,
 * then judged pixel by pixel (copyScore). A photo the worker cannot decode is recorded as
 * compared with nothing (the intake checked it; people checking ballots will see it), so no
 * sweep asks for it again.
 */
export async function handlePrintBallot(
  payload: TPrintBallotJob,
  deps: TPrintBallotDeps,
): Promise<TPrintBallotOutcome> {
  const photo = await loadBallotPhoto(deps.db, payload.ballotPhotoId);
  if (!photo) return { kind: 'gone' };
  if (photo.printed_at) return { kind: 'already-done' };
  const stored = await deps.store.read('ballot', photo.sha256, photo.mime);
  if (!stored.ok) throw new Error(`the ballot photo ${photo.sha256} is ${stored.reason} in the store`);
  let print: TCopyPrint;
  try {
    print = await copyPrintOf(stored.bytes, deps.maxPhotoPixels);
  } catch (error) {
    // Compared with nothing, for good: recorded, so no sweep asks for it again.
    await saveCopyOutcome(deps.db, photo, null);
    return { kind: 'unreadable', reason: (error as Error).message.slice(0, 500) };
  }
  let copy: { of: string; score: number } | null = null;
  let compared = 0;
  if (print.detailed) {
    for (const other of await recordHashesAndFindCandidates(
      deps.db,
      photo,
      print.hashes,
      candidateBits,
      candidateLimit,
    )) {
      const theirs = await deps.store.read('ballot', other.sha256, other.mime);
      if (!theirs.ok) continue;
      const their = await copyPrintOf(theirs.bytes, deps.maxPhotoPixels).catch(() => null);
      if (!their) continue;
      const score = copyScore(print, their);
      compared++;
      if (score >= copyThreshold && score > (copy?.score ?? -1)) copy = { of: other.id, score };
    }
  }
  await saveCopyOutcome(deps.db, photo, copy);
  return { kind: 'printed', compared, copyOf: copy?.of ?? null, score: copy?.score ?? null };
}
