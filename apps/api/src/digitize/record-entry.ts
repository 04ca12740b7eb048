import { judgeDoubleEntry, markStationsDirty, type Db, type TDoubleEntryVerdict } from '@crosstally/shared';
import { appendAudit } from '../audit/audit-log.js';
import { actorOf, type TPrincipal } from '../auth/principal.js';
import {
  insertEntry,
  lockPhotoForEntry,
  recordDoubleEntryReading,
  standingEntries,
} from '../repositories/digitization.repository.js';
import { loadFormOf } from '../repositories/election.repository.js';

export type TEntryPhoto = { id: string; election_id: number; station_id: number; status: string };
export type TTypedEntry = { stationCode: string | null; lines: Record<string, number>; supersede: boolean };
export type TPerson = Extract<TPrincipal, { kind: 'user' }>;

export type TEntryOutcome =
  | { kind: 'unknown_lines'; keys: string[] }
  | { kind: 'already_entered' }
  | { kind: 'recorded'; verdict: TDoubleEntryVerdict; entries: number };

/**
 * One person's entry of a photo's numbers, shared by the JSON API and the web desk. The
 * entry is kept whatever it says; when it makes two standing entries agree (and add up),
 * their numbers become the photo's double-entry reading and the station is recomputed.
 * The photo must already be known to be in the person's scope.
 */
export async function recordEntry(
  db: Db,
  person: TPerson,
  photo: TEntryPhoto,
  entry: TTypedEntry,
): Promise<TEntryOutcome> {
  const form = await loadFormOf(db, photo.election_id);
  const known = new Set(form.lines.map((l) => l.key));
  const unknown = Object.keys(entry.lines).filter((k) => !known.has(k));
  if (unknown.length > 0) return { kind: 'unknown_lines', keys: unknown };
  return db.transaction().execute(async (trx): Promise<TEntryOutcome> => {
    // One entry at a time per photo: two people finishing together see each other.
    await lockPhotoForEntry(trx, photo.id);
    const before = await standingEntries(trx, photo.id);
    const mine = before.find((e) => e.userId === person.id);
    if (mine && !entry.supersede) return { kind: 'already_entered' };
    const created = await insertEntry(trx, photo.id, person.id, entry, mine?.id ?? null);
    const entries = await standingEntries(trx, photo.id);
    const verdict = judgeDoubleEntry(entries, form.relations);
    if (verdict.status === 'agreed' && photo.status !== 'read') {
      await recordDoubleEntryReading(trx, photo.id, verdict);
      await markStationsDirty(trx, photo.election_id, [photo.station_id]);
    }
    await appendAudit(trx, {
      actor: actorOf(person),
      action: 'entry.create',
      subject: {
        photo: photo.id,
        entry: created,
        supersedes: mine?.id ?? null,
        lines: entry.lines,
        stationCode: entry.stationCode,
      },
    });
    return { kind: 'recorded', verdict, entries: entries.length };
  });
}
