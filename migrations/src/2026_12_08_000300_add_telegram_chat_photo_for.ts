import type { Kysely } from 'kysely';

// What the chat's next photo is: the voter's ballot (the default), or the result protocol
// posted at the station, asked for with /protocol.
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('telegram_chat')
    .addColumn('photo_for', 'text', (c) => c.notNull().defaultTo('ballot'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('telegram_chat').dropColumn('photo_for').execute();
}
