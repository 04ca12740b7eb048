import { sql, type Kysely } from 'kysely';

// Two-person double entry: volunteers type the numbers off photos no machine could read with
// confidence. An entry is never edited, only superseded (the history stays).
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // A perceptual hash of each photo's working copy: the same picture uploaded for two
  // stations (re-encoded or resized) has the same one.
  await db.schema.alterTable('protocol_photo').addColumn('phash', 'text').execute();
  // How sure OCR was of each line it kept (lines it was not sure of are not in the reading).
  await db.schema.alterTable('reading').addColumn('line_confidence', 'jsonb').execute();
  await db.schema
    .createIndex('protocol_photo_phash_idx')
    .on('protocol_photo')
    .columns(['election_id', 'phash'])
    .execute();
  await db.schema
    .createTable('digitization_entry')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('photo_id', 'uuid', (c) => c.notNull().references('protocol_photo.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('station_code_read', 'text')
    .addColumn('line_values', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('superseded_at', 'timestamptz')
    .addColumn('superseded_by', 'bigint', (c) => c.references('digitization_entry.id'))
    .execute();
  // One standing entry per person and photo: a second look by the same person is not a
  // second, independent look.
  await db.schema
    .createIndex('digitization_entry_photo_user_uq')
    .on('digitization_entry')
    .columns(['photo_id', 'user_id'])
    .unique()
    .where(sql.ref('superseded_at'), 'is', null)
    .execute();
  // What was typed is never changed: only the supersession columns may be set, once.
  await sql`
    create function digitization_entry_frozen() returns trigger language plpgsql as $$
    begin
      if new.line_values is distinct from old.line_values or new.user_id <> old.user_id
        or new.photo_id <> old.photo_id or new.station_code_read is distinct from old.station_code_read
        or new.created_at <> old.created_at or old.superseded_by is not null
        or (old.superseded_at is not null and new.superseded_at is distinct from old.superseded_at) then
        raise exception 'a digitization entry is never edited, only superseded';
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger digitization_entry_frozen_trg before update on digitization_entry
    for each row execute function digitization_entry_frozen()`.execute(db);
  await sql`
    create function digitization_entry_kept() returns trigger language plpgsql as $$
    begin
      raise exception 'a digitization entry is never deleted, only superseded';
    end $$`.execute(db);
  // Deleting its photo's row (a cascade, depth > 0) may take entries along; nothing else may.
  await sql`
    create trigger digitization_entry_kept_trg before delete on digitization_entry
    for each row when (pg_trigger_depth() = 0) execute function digitization_entry_kept()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('digitization_entry').execute();
  await db.schema.dropIndex('protocol_photo_phash_idx').execute();
  await db.schema.alterTable('protocol_photo').dropColumn('phash').execute();
  await db.schema.alterTable('reading').dropColumn('line_confidence').execute();
  await sql`drop function if exists digitization_entry_frozen()`.execute(db);
  await sql`drop function if exists digitization_entry_kept()`.execute(db);
}
