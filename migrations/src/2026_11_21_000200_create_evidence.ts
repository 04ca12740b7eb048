import { sql, type Kysely } from 'kysely';

// Crowd evidence, its readings, findings and the outbox that makes "acknowledged" mean durable.
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('protocol_photo')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('election_id', 'integer', (c) => c.notNull().references('election.id').onDelete('cascade'))
    .addColumn('station_id', 'integer', (c) => c.notNull().references('station.id').onDelete('cascade'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    // EXIF orientation, kept before the metadata is stripped so the worker can turn the photo upright.
    .addColumn('orientation', 'smallint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('failure_reason', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // The same photo for two stations is two rows (a finding later); for one station it is one.
    .addUniqueConstraint('protocol_photo_station_sha_uq', ['station_id', 'sha256'])
    .addCheckConstraint('protocol_photo_status_ck', sql`status in ('queued', 'processing', 'read', 'unread', 'failed')`)
    .execute();
  await db.schema.createIndex('protocol_photo_sha_idx').on('protocol_photo').column('sha256').execute();
  await db.schema
    .createIndex('protocol_photo_status_idx')
    .on('protocol_photo')
    .columns(['status', 'updated_at'])
    .execute();

  await db.schema
    .createTable('ballot_photo')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('election_id', 'integer', (c) => c.notNull().references('election.id').onDelete('cascade'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('ballot_photo_election_sha_uq', ['election_id', 'sha256'])
    .execute();

  await db.schema
    .createTable('reading')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('photo_id', 'uuid', (c) => c.notNull().references('protocol_photo.id').onDelete('cascade'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('reader', 'text', (c) => c.notNull())
    .addColumn('station_code_read', 'text')
    .addColumn('line_values', 'jsonb', (c) => c.notNull())
    .addColumn('confidence', 'real', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // One reading per photo and method keeps the worker idempotent under retries.
    .addUniqueConstraint('reading_photo_method_uq', ['photo_id', 'method'])
    .addCheckConstraint('reading_method_ck', sql`method in ('qr', 'ocr', 'double_entry')`)
    .execute();

  await db.schema
    .createTable('self_report')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('election_id', 'integer', (c) => c.notNull().references('election.id').onDelete('cascade'))
    // HMAC-SHA256(secret, election + token kind + token): the raw token never reaches the database.
    .addColumn('voter_hash', 'bytea', (c) => c.notNull())
    .addColumn('station_id', 'integer', (c) => c.notNull().references('station.id').onDelete('cascade'))
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidate.id').onDelete('cascade'))
    .addColumn('ballot_photo_id', 'uuid', (c) => c.references('ballot_photo.id'))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('self_report_election_voter_uq', ['election_id', 'voter_hash'])
    .execute();
  await db.schema
    .createIndex('self_report_station_candidate_idx')
    .on('self_report')
    .columns(['station_id', 'candidate_id'])
    .execute();

  await db.schema
    .createTable('flag')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('election_id', 'integer', (c) => c.notNull().references('election.id').onDelete('cascade'))
    .addColumn('station_id', 'integer', (c) => c.notNull().references('station.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('strength', 'text', (c) => c.notNull())
    .addColumn('evidence', 'jsonb', (c) => c.notNull())
    .addColumn('evidence_sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('flag_station_kind_subject_uq', ['station_id', 'kind', 'subject'])
    .addCheckConstraint('flag_strength_ck', sql`strength in ('proof', 'strong', 'signal')`)
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('relayed_at', 'timestamptz')
    .addColumn('relay_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('outbox_pending_idx')
    .on('outbox')
    .column('id')
    .where(sql.ref('relayed_at'), 'is', null)
    .execute();
  // Wake the relay at once instead of waiting for its next poll.
  await sql`
    create function outbox_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('outbox', '');
      return null;
    end $$`.execute(db);
  await sql`
    create trigger outbox_notify_trg after insert on outbox
    for each statement execute function outbox_notify()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists outbox_notify_trg on outbox`.execute(db);
  await sql`drop function if exists outbox_notify()`.execute(db);
  for (const table of ['outbox', 'flag', 'self_report', 'reading', 'ballot_photo', 'protocol_photo']) {
    await db.schema.dropTable(table).execute();
  }
}
