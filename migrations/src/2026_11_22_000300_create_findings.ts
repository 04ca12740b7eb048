import { sql, type Kysely } from 'kysely';

// Comparison findings: partner tallies as crowd evidence of their own, the queue of stations
// whose evidence changed, and flags that a recompute updates but never erases.
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // The policy (what counts as verified, thresholds) is data, per election.
  await db.schema.alterTable('election').addColumn('policy', 'jsonb').execute();

  await db.schema
    .createTable('partner_import')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('election_id', 'integer', (c) => c.notNull().references('election.id').onDelete('cascade'))
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('rows_total', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('partner_tally')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('election_id', 'integer', (c) => c.notNull().references('election.id').onDelete('cascade'))
    .addColumn('station_id', 'integer', (c) => c.notNull().references('station.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    // A candidate is counted on its protocol line, so one column serves candidates and lines.
    .addColumn('line_key', 'text', (c) => c.notNull())
    .addColumn('verified', 'integer', (c) => c.notNull())
    .addColumn('unverified', 'integer', (c) => c.notNull())
    .addColumn('import_id', 'integer', (c) => c.notNull().references('partner_import.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('partner_tally_station_source_line_uq', ['station_id', 'source', 'line_key'])
    .addCheckConstraint('partner_tally_counts_ck', sql`verified >= 0 and unverified >= 0`)
    .execute();

  // A station whose evidence changed since its flags were computed. `version` grows with each
  // change, so a recompute that started before the latest change leaves the row for another.
  await db.schema
    .createTable('station_dirty')
    .addColumn('station_id', 'integer', (c) => c.primaryKey().references('station.id').onDelete('cascade'))
    .addColumn('election_id', 'integer', (c) => c.notNull().references('election.id').onDelete('cascade'))
    .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(1))
    .addColumn('enqueued_version', 'bigint')
    .addColumn('marked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('station_dirty_pending_idx')
    .on('station_dirty')
    .column('station_id')
    .where(sql.ref('enqueued_version'), 'is', null)
    .execute();
  await sql`
    create function station_dirty_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('station_dirty', '');
      return null;
    end $$`.execute(db);
  await sql`
    create trigger station_dirty_notify_trg after insert or update of version on station_dirty
    for each statement execute function station_dirty_notify()`.execute(db);

  await db.schema.alterTable('flag').dropConstraint('flag_strength_ck').execute();
  await db.schema
    .alterTable('flag')
    .addCheckConstraint('flag_strength_ck', sql`strength in ('proof', 'strong', 'signal', 'info')`)
    .execute();
  await db.schema
    .alterTable('flag')
    .addColumn('min_stolen_votes', 'integer')
    .addColumn('policy', 'text', (c) => c.notNull().defaultTo(''))
    // A finding the evidence no longer supports is cleared, not deleted: reviews refer to it.
    .addColumn('cleared_at', 'timestamptz')
    .execute();
  // A ballot photo verifies a report only if no other voter ever sent it, even one who later
  // changed their report: otherwise a copied photo becomes "unique" once its owner moves on.
  await db.schema
    .alterTable('ballot_photo')
    .addColumn('first_voter_hash', 'bytea')
    .addColumn('shared', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('self_report_ballot_photo_idx').on('self_report').column('ballot_photo_id').execute();
  await db.schema
    .createIndex('flag_election_kind_idx')
    .on('flag')
    .columns(['election_id', 'kind', 'strength'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('flag_election_kind_idx').execute();
  await db.schema.dropIndex('self_report_ballot_photo_idx').execute();
  await db.schema.alterTable('ballot_photo').dropColumn('shared').dropColumn('first_voter_hash').execute();
  await db.schema
    .alterTable('flag')
    .dropColumn('cleared_at')
    .dropColumn('policy')
    .dropColumn('min_stolen_votes')
    .execute();
  await db.schema.alterTable('flag').dropConstraint('flag_strength_ck').execute();
  await db.schema
    .alterTable('flag')
    .addCheckConstraint('flag_strength_ck', sql`strength in ('proof', 'strong', 'signal')`)
    .execute();
  await sql`drop trigger if exists station_dirty_notify_trg on station_dirty`.execute(db);
  await sql`drop function if exists station_dirty_notify()`.execute(db);
  await db.schema.dropTable('station_dirty').execute();
  await db.schema.dropTable('partner_tally').execute();
  await db.schema.dropTable('partner_import').execute();
  await db.schema.alterTable('election').dropColumn('policy').execute();
}
