import { judgeDoubleEntry, markStationsDirty, type Db, type TDoubleEntryVerdict } from '@crosstally/shared';
import { sql } from 'kysely';
import { appendAudit } from '../audit/audit-log.js';
import { actorOf, type TPrincipal } from '../auth/principal.js';
import { standingEntries } from '../repositories/digitization.repository.js';

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
  const form = await db
    .selectFrom('form_template')
    .select(['lines', 'relations'])
    .where('election_id', '=', photo.election_id)
    .executeTakeFirstOrThrow();
  const known = new Set(form.lines.map((l) => l.key));
  const unknown = Object.keys(entry.lines).filter((k) => !known.has(k));
  if (unknown.length > 0) return { kind: 'unknown_lines', keys: unknown };
  return db.transaction().execute(async (trx): Promise<TEntryOutcome> => {
    // One entry at a time per photo: two people finishing together see each other.
    await sql`select id from protocol_photo where id = ${photo.id} for update`.execute(trx);
    const before = await standingEntries(trx, photo.id);
    const mine = before.find((e) => e.userId === person.id);
    if (mine && !entry.supersede) return { kind: 'already_entered' };
    // The old entry steps aside first (one standing entry per person), then points to its successor.
    if (mine)
      await trx
        .updateTable('digitization_entry')
        .set({ superseded_at: sql`now()` })
        .where('id', '=', mine.id)
        .execute();
    const created = await trx
      .insertInto('digitization_entry')
      .values({
        photo_id: photo.id,
        user_id: person.id,
        station_code_read: entry.stationCode,
        line_values: JSON.stringify(entry.lines),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (mine)
      await trx
        .updateTable('digitization_entry')
        .set({ superseded_by: created.id })
        .where('id', '=', mine.id)
        .execute();
    const entries = await standingEntries(trx, photo.id);
    const verdict = judgeDoubleEntry(entries, form.relations);
    if (verdict.status === 'agreed' && photo.status !== 'read') {
      await trx
        .insertInto('reading')
        .values({
          photo_id: photo.id,
          method: 'double_entry',
          reader: `double_entry:${verdict.entryIds.join('+')}`,
          station_code_read: verdict.stationCode,
          line_values: JSON.stringify(verdict.values),
          confidence: 1,
        })
        .onConflict((oc) => oc.constraint('reading_photo_method_uq').doNothing())
        .execute();
      await trx
        .updateTable('protocol_photo')
        .set({ status: 'read', updated_at: sql`now()` })
        .where('id', '=', photo.id)
        .execute();
      await markStationsDirty(trx, photo.election_id, [photo.station_id]);
    }
    await appendAudit(trx, {
      actor: actorOf(person),
      action: 'entry.create',
      subject: {
        photo: photo.id,
        entry: created.id,
        supersedes: mine?.id ?? null,
        lines: entry.lines,
        stationCode: entry.stationCode,
      },
    });
    return { kind: 'recorded', verdict, entries: entries.length };
  });
}
