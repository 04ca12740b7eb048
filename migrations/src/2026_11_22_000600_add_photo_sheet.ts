import type { Kysely } from 'kysely';

// Where the worker found the printed sheet in each photo (TSheetRegistration): people typing
// a photo's numbers see each line cut out of it. Null when no sheet was found.
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('protocol_photo').addColumn('sheet', 'jsonb').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('protocol_photo').dropColumn('sheet').execute();
}
