import type { Kysely } from 'kysely';

// Where a voter is in the bot's conversation follows from what the chat holds (a confirmed
// number, a station, a candidate): a step column beside them was written and never read.
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('telegram_chat').dropColumn('step').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('telegram_chat')
    .addColumn('step', 'text', (c) => c.notNull().defaultTo('contact'))
    .execute();
}
