import { sql, type RawBuilder } from 'kysely';
import { readingMethods } from '../../domain/vocabulary.js';

/**
 * The readings of the photos that `photos` admits (a condition on `p`, the protocol_photo
 * row), one per photo: its strongest, as the engine picks it (selectReadings in
 * domain/engine/readings.ts) — QR, then double entry, then OCR, then the highest confidence.
 * A table with the photo's id, station, election and sha256 and the reading's method,
 * confidence, station code read and line values.
 */
export function strongestReadingPerPhoto(photos: RawBuilder<boolean>): RawBuilder<unknown> {
  return sql`(
    select distinct on (p.id) p.id as photo_id, p.station_id, p.election_id, p.sha256,
      r.method, r.confidence, r.station_code_read, r.line_values
    from reading r join protocol_photo p on p.id = r.photo_id
    where ${photos}
    order by p.id, array_position(${[...readingMethods]}::text[], r.method::text), r.confidence desc)`;
}

/**
 * The line values most of a station's photos show (each photo by its strongest reading):
 * the protocol the photographs agree on, null without a reading. `station` is the id column.
 */
export function agreedLineValues(station: string): RawBuilder<Record<string, number> | null> {
  return sql<Record<string, number> | null>`(
    select rd.line_values from ${strongestReadingPerPhoto(sql<boolean>`p.station_id = ${sql.ref(station)}`)} rd
    group by rd.line_values order by count(*) desc limit 1)`;
}
