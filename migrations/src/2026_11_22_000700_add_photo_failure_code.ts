import type { Kysely } from 'kysely';

// Why a photo failed, as a code people are told in their own language (the failure_reason
// beside it is the technical detail, in English, for the team). Null for failures with no
// code: a file missing or altered in the store, which the team looks into.
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('protocol_photo').addColumn('failure_code', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('protocol_photo').dropColumn('failure_code').execute();
}
