import type { Kysely } from 'kysely';

// An update is claimed before it is handled and marked handled after: a claim left unhandled
// (the API killed half-way) is taken over when Telegram delivers the update again, instead of
// being taken for a duplicate and lost. Updates claimed before this column are handled.
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('telegram_update').addColumn('handled_at', 'timestamptz').execute();
  await db.updateTable('telegram_update').set({ handled_at: new Date() }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('telegram_update').dropColumn('handled_at').execute();
}
