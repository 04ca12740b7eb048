import { sql, type Kysely } from 'kysely';

// The Telegram bot's memory. Each update is handled once: Telegram redelivers an update it
// thinks was not received, so its id is kept. A conversation is keyed by a keyed hash of the
// chat, never the chat id itself; it holds the language, the pseudonym of the phone number
// the account shared as its own (the same the web gives that number), and where the voter is
// in the conversation.
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('telegram_update')
    .addColumn('update_id', 'bigint', (c) => c.primaryKey())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('telegram_chat')
    .addColumn('chat_key', 'bytea', (c) => c.primaryKey())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('voter_hash', 'bytea')
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('station_code', 'text')
    .addColumn('candidate_key', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('telegram_chat').execute();
  await db.schema.dropTable('telegram_update').execute();
}
