import { sql, type Kysely } from 'kysely';

// A ballot photo resized, recompressed or cropped is the same picture under another sha256:
// its difference hashes (to find candidates) and, once compared pixel by pixel, the photo
// it copies and how surely. Null until the worker has seen the photo.
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('ballot_photo')
    .addColumn('hashes', sql`bigint[]`)
    .addColumn('copy_of', 'uuid', (c) => c.references('ballot_photo.id'))
    .addColumn('copy_score', 'real')
    .addColumn('printed_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('ballot_photo')
    .dropColumn('printed_at')
    .dropColumn('copy_score')
    .dropColumn('copy_of')
    .dropColumn('hashes')
    .execute();
}
