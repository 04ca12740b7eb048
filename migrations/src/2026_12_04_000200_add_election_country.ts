import type { Kysely } from 'kysely';

// The country whose phone numbers voters type in its national form ("8 029 …" in Belarus):
// with it, every way of writing one number is one voter (E.164). Null: only numbers written
// with their country code are recognised as such.
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('election').addColumn('country', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('election').dropColumn('country').execute();
}
