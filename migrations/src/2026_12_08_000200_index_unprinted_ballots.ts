import { sql, type Kysely } from 'kysely';

// The sweeper looks for ballot photos the worker has not compared yet (their job lost to
// Redis): few at any time, among millions.
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index ballot_photo_unprinted_idx on ballot_photo (created_at) where printed_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists ballot_photo_unprinted_idx`.execute(db);
}
