import {
  assertNever,
  decodeProtocolPayload,
  needsOwnView,
  storedPolicy,
  ZQrFormat,
  type TProtocolPayload,
  type Db,
  type EvidenceStore,
  type TStoredRead,
  type TReadPhotoJob,
  type TStoredFormLine,
  type TStoredRelation,
  type TSheetRegistration,
} from '@crosstally/shared';
import { ImageRejected, makePhotoView, makeWorkingImage } from '../adapters/image.adapter.js';
import type { TGreyImage } from '../adapters/ocr/grey-image.js';
import type { ProtocolOcr } from '../adapters/ocr.adapter.js';
import { readQrTexts } from '../adapters/qr.adapter.js';
import {
  loadPhotoContext,
  markPhotoProcessing,
  savePhotoOutcome,
  type TReadingWrite,
} from '../repositories/photo.repository.js';

export type TReadPhotoDeps = { db: Db; store: EvidenceStore; ocr: ProtocolOcr; maxPhotoPixels: number };

export type TReadPhotoOutcome =
  | { kind: 'gone' }
  | { kind: 'already-done'; status: string }
  | { kind: 'read'; method: 'qr' | 'ocr' }
  | { kind: 'unread' }
  | { kind: 'rejected'; reason: string };

/**
 * Reads one protocol photo. Idempotent: a photo already finished is left as it is, and a
 * reading is written once per photo and method, so a retried or duplicated job changes
 * nothing. A bad image is a permanent outcome (kept with its reason), not a retry.
 */
export async function handleReadPhoto(payload: TReadPhotoJob, deps: TReadPhotoDeps): Promise<TReadPhotoOutcome> {
  const photo = await loadPhotoContext(deps.db, payload.photoId);
  if (!photo) return { kind: 'gone' };
  if (photo.status !== 'queued' && photo.status !== 'processing') return { kind: 'already-done', status: photo.status };
  await markPhotoProcessing(deps.db, photo.id);

  // A file missing or not matching its hash: an upload that crashed before it was
  // acknowledged (its sender will send it again), or a file altered on disk. Retried with
  // backoff; if it stays so, the photo fails with this reason, for people to look into.
  const stored = await readStoredPhoto(deps.store, photo);
  if (!stored.ok) {
    throw new Error(
      stored.reason === 'missing'
        ? `the photo file ${photo.sha256} is not in the store`
        : `the stored photo file does not match its sha256 ${photo.sha256}`,
    );
  }
  let working;
  try {
    working = await makeWorkingImage(stored.bytes, photo.orientation, deps.maxPhotoPixels);
  } catch (error) {
    if (!(error instanceof ImageRejected)) throw error;
    const reason = error.message.slice(0, 500);
    await savePhotoOutcome(deps.db, photo, { status: 'failed', failureReason: reason, failureCode: error.code });
    return { kind: 'rejected', reason };
  }
  await keepPhotoView(deps, photo, stored.bytes);
  // The working copy is not stored: nothing read it back, and encoding and writing it was a
  // tenth of the job's CPU (~28 ms of ~330) and 1–3 MB of disk a photo. It can be made again
  // from the photo and its orientation column, which are kept.
  const qr = await readFromQr(working.grey, photo);
  // Where the sheet lies is kept for people: they are shown each line cut out of the photo.
  const sheet = qr ? null : (deps.ocr.locate?.({ image: working.grey, lines: photo.lines }) ?? null);
  const reading = qr ?? (await readFromOcr(deps.ocr, working.grey, photo.lines, photo.relations, sheet));
  if (!reading) {
    await savePhotoOutcome(deps.db, photo, { status: 'unread', failureReason: null, phash: working.phash, sheet });
    return { kind: 'unread' };
  }
  // OCR keeps only the lines it is sure of; a photo with lines left over goes to people too
  // (status unread), its partial reading kept beside their entries, and so does one whose
  // confidence is below the election's bar, which the comparison would set aside (left
  // 'read', nobody would ever enter it). A QR carries what its format carries (Venezuela's:
  // the votes only) and is exact for that.
  const minConfidence = storedPolicy(photo.policy).minOcrConfidence;
  const complete =
    reading.method !== 'ocr' ||
    (photo.lines.every((l) => reading.lines[l.key] !== undefined) && reading.confidence >= minConfidence);
  await savePhotoOutcome(deps.db, photo, {
    status: complete ? 'read' : 'unread',
    failureReason: null,
    reading,
    phash: working.phash,
    sheet,
  });
  return complete ? { kind: 'read', method: reading.method } : { kind: 'unread' };
}

/**
 * The view people are shown (upright, screen-sized), kept beside the photo when the photo is
 * not its own view; made once, whichever attempt gets here first. A view that cannot be made
 * does not stop the reading: the API then makes it itself if the photo is small enough.
 */
async function keepPhotoView(
  deps: TReadPhotoDeps,
  photo: { sha256: string; width: number; height: number; orientation: number },
  bytes: Buffer,
): Promise<void> {
  if (!needsOwnView(photo)) return;
  if ((await deps.store.read('view', photo.sha256, 'image/jpeg')).ok) return;
  const view = await makePhotoView(bytes, photo.orientation, deps.maxPhotoPixels).catch(() => null);
  if (view) await deps.store.put('view', photo.sha256, 'image/jpeg', view);
}

const freshForMs = 30_000;
const graceMs = 1500;

/**
 * The stored photo. An upload's row and job commit beside its file's fsync, not after it, so
 * a job woken at once may look before the file is in place: for a photo just uploaded the
 * store is asked again for a moment, instead of failing the attempt and waiting out a
 * retry's backoff (2 s and more on the first flag of a station).
 */
async function readStoredPhoto(
  store: EvidenceStore,
  photo: { sha256: string; mime: string; createdAt: Date },
): Promise<TStoredRead> {
  const fresh = Date.now() - photo.createdAt.getTime() < freshForMs;
  const deadline = Date.now() + graceMs;
  for (;;) {
    const stored = await store.read('protocol', photo.sha256, photo.mime);
    if (stored.ok || stored.reason !== 'missing' || !fresh || Date.now() > deadline) return stored;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function readFromQr(
  image: TGreyImage,
  photo: { qrFormat: string; electionCode: string; lines: TStoredFormLine[] },
): Promise<TReadingWrite | null> {
  const format = ZQrFormat.safeParse(photo.qrFormat);
  if (!format.success) return null;
  for (const text of await readQrTexts(image)) {
    const decoded = decodeProtocolPayload(format.data, text);
    if (decoded.ok) return readingFromPayload(decoded.value, photo);
  }
  return null;
}

/** Maps a decoded payload onto the form's line keys. */
function readingFromPayload(
  decoded: TProtocolPayload,
  photo: { electionCode: string; lines: TStoredFormLine[] },
): TReadingWrite | null {
  switch (decoded.format) {
    case 'crosstally-v1': {
      const { election, station, lines: byNumber } = decoded.payload;
      const keyByNumber = new Map(photo.lines.map((l) => [l.number, l.key]));
      const lines: Record<string, number> = {};
      for (const [number, value] of Object.entries(byNumber)) {
        const key = keyByNumber.get(Number(number));
        if (key) lines[key] = value;
      }
      // A payload for another election is kept as read, with the election it names.
      const reader = election === photo.electionCode ? 'qr:crosstally-v1' : `qr:crosstally-v1:election=${election}`;
      return { method: 'qr', reader, stationCodeRead: station, lines, confidence: 1 };
    }
    case 'venezuela-2024': {
      // The acta lists votes per party in ballot order: the form's candidate lines, in order.
      const candidateLines = photo.lines.filter((l) => l.candidate).sort((a, b) => a.number - b.number);
      if (candidateLines.length !== decoded.payload.votes.length) return null;
      const lines = Object.fromEntries(candidateLines.map((l, i) => [l.key, decoded.payload.votes[i]!]));
      return {
        method: 'qr',
        reader: 'qr:venezuela-2024',
        stationCodeRead: decoded.payload.actaId,
        lines,
        confidence: 1,
      };
    }
    default:
      return assertNever(decoded);
  }
}

async function readFromOcr(
  ocr: ProtocolOcr,
  image: TGreyImage,
  lines: TStoredFormLine[],
  relations: TStoredRelation[],
  sheet: TSheetRegistration | null,
): Promise<TReadingWrite | null> {
  // A reader that locates sheets is told what it found, so it does not look again.
  const read = await ocr.read({ image, lines, relations, ...(ocr.locate ? { sheet } : {}) });
  if (!read) return null;
  // Lines the relations chose among the OCR's alternatives are named with the reader: the
  // reading keeps how each number was read.
  const chosen = Object.entries(read.lineMethod ?? {}).flatMap(([key, m]) => (m === 'ocr+relations' ? [key] : []));
  return {
    method: 'ocr',
    reader: chosen.length > 0 ? `${read.reader}+relations:${chosen.sort().join(',')}` : read.reader,
    stationCodeRead: read.stationCode,
    lines: read.lines,
    confidence: read.confidence,
    lineConfidence: read.lineConfidence ?? null,
  };
}
