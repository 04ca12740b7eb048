import { sql, type Kysely } from 'kysely';

// Who sent a protocol photo, as a class and never as a person: 'confirmed' when a channel
// confirmed the sender (the bot's shared contact, an issued invitation code), else 'open'
// (anonymous, or an identity only claimed). Each class has its own share of a station's
// unread photos, so junk from open senders cannot shut out confirmed evidence.
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('protocol_photo')
    .addColumn('sender', 'text', (c) => c.notNull().defaultTo('open'))
    .execute();
  await db.schema
    .alterTable('protocol_photo')
    .addCheckConstraint('protocol_photo_sender_ck', sql`sender in ('open', 'confirmed')`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('protocol_photo').dropColumn('sender').execute();
}
