import { sql, type Kysely } from 'kysely';

// How each self-report's voter was identified, and through which face it came: the policy
// decides which identity kinds count as verified, so a claim typed into a form can never
// pass for an identity a channel confirmed. Reports made before this was recorded keep the
// kind "unrecorded", which no default policy verifies.
// Invitation codes are kept only as the keyed hash that is also the voter's pseudonym, so the
// table cannot be read back into codes, and a code's voter is found by one equality.
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('self_report')
    .addColumn('identity_kind', 'text', (c) => c.notNull().defaultTo('unrecorded'))
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('unrecorded'))
    .execute();
  await sql`alter table self_report alter column identity_kind drop default, alter column channel drop default`.execute(
    db,
  );
  await sql`alter table self_report add constraint self_report_identity_kind_ck check (identity_kind in
    ('telegram_contact', 'invitation_code', 'typed_phone', 'claimed_bot', 'claimed_code', 'unrecorded'))`.execute(db);
  await sql`alter table self_report add constraint self_report_channel_ck check (channel in
    ('web', 'api', 'telegram', 'unrecorded'))`.execute(db);

  await db.schema
    .createTable('invitation_code')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('election_id', 'integer', (c) => c.notNull().references('election.id').onDelete('cascade'))
    .addColumn('code_hash', 'bytea', (c) => c.notNull())
    .addColumn('region_id', 'integer', (c) => c.references('region.id').onDelete('restrict'))
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('redeemed_at', 'timestamptz')
    .addUniqueConstraint('invitation_code_election_hash_uq', ['election_id', 'code_hash'])
    .execute();
  await db.schema
    .createIndex('invitation_code_batch_idx')
    .on('invitation_code')
    .columns(['election_id', 'batch'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('invitation_code').execute();
  await db.schema.alterTable('self_report').dropColumn('identity_kind').dropColumn('channel').execute();
}
