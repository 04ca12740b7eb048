import { sql, type Kysely } from 'kysely';

// The near-copy hash grows from 64 to 256 bits: at 9 × 8 the layout of a printed form was all
// it saw, and most photos of one form shared a hash (11,999 photos of 1,000 stations: 30
// hashes), so every station had a false duplicate. The old hashes cannot be compared with
// the new ones and are dropped (a hash is made again when a photo is read; same-file
// duplicates, found by sha256, are untouched). Candidates are found by the hash's 16 parts
// (phash_bands, a GIN index) and each pair found is kept in photo_twin, so a recompute reads
// the pairs instead of comparing every photo with every other.
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('protocol_photo_phash_idx').execute();
  await db.updateTable('protocol_photo').set({ phash: null }).where('phash', 'is not', null).execute();
  await db.schema
    .alterTable('protocol_photo')
    .addColumn('phash_bands', sql`int[]`)
    .execute();
  await db.schema
    .alterTable('protocol_photo')
    .addCheckConstraint('protocol_photo_phash_ck', sql`phash is null or phash ~ '^[0-9a-f]{64}$'`)
    .execute();
  await sql`create index protocol_photo_phash_bands_idx on protocol_photo using gin (phash_bands)`.execute(db);
  await db.schema
    .createTable('photo_twin')
    .addColumn('photo_id', 'uuid', (c) => c.notNull().references('protocol_photo.id').onDelete('cascade'))
    .addColumn('twin_id', 'uuid', (c) => c.notNull().references('protocol_photo.id').onDelete('cascade'))
    .addColumn('distance', 'smallint', (c) => c.notNull())
    .addPrimaryKeyConstraint('photo_twin_pk', ['photo_id', 'twin_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('photo_twin').execute();
  await db.schema.alterTable('protocol_photo').dropConstraint('protocol_photo_phash_ck').execute();
  await db.schema.alterTable('protocol_photo').dropColumn('phash_bands').execute();
  await db.updateTable('protocol_photo').set({ phash: null }).where('phash', 'is not', null).execute();
  await db.schema
    .createIndex('protocol_photo_phash_idx')
    .on('protocol_photo')
    .columns(['election_id', 'phash'])
    .execute();
}
