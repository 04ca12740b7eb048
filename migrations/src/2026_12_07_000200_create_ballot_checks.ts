import { sql, type Kysely } from 'kysely';

// People look at each ballot photo before it can verify a report: is it a ballot of this
// election, which candidate is marked, is anything wrong with it. A check is never edited or
// deleted (the same rule as double entry); the photo keeps the answer most checkers gave,
// recounted after every check, so the verification rule reads one row.
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ballot_check')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('ballot_photo_id', 'uuid', (c) => c.notNull().references('ballot_photo.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('is_ballot', 'boolean', (c) => c.notNull())
    .addColumn('candidate_id', 'integer', (c) => c.references('candidate.id'))
    .addColumn('problems', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Nobody checks the same photo twice: a second look by one person is not independent.
    .addUniqueConstraint('ballot_check_photo_user_uq', ['ballot_photo_id', 'user_id'])
    .execute();
  await sql`
    create function ballot_check_frozen() returns trigger language plpgsql as $$
    begin
      raise exception 'a ballot check is never edited or deleted';
    end $$`.execute(db);
  await sql`
    create trigger ballot_check_frozen_trg before update on ballot_check
    for each row execute function ballot_check_frozen()`.execute(db);
  // Deleting its photo (a cascade, depth > 0) may take checks along; nothing else may.
  await sql`
    create trigger ballot_check_kept_trg before delete on ballot_check
    for each row when (pg_trigger_depth() = 0) execute function ballot_check_frozen()`.execute(db);

  await db.schema
    .alterTable('ballot_photo')
    .addColumn('checks', 'integer', (c) => c.notNull().defaultTo(0))
    // The answer more checkers gave than any other (null while none leads): "ballot" with the
    // candidate marked, or "rejected"; and how many gave it.
    .addColumn('agreed_verdict', 'text', (c) => c.check(sql`agreed_verdict in ('ballot', 'rejected')`))
    .addColumn('agreed_candidate_id', 'integer', (c) => c.references('candidate.id'))
    .addColumn('agreed_votes', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ballot_check').execute();
  await sql`drop function if exists ballot_check_frozen()`.execute(db);
  await db.schema
    .alterTable('ballot_photo')
    .dropColumn('checks')
    .dropColumn('agreed_verdict')
    .dropColumn('agreed_candidate_id')
    .dropColumn('agreed_votes')
    .execute();
}
