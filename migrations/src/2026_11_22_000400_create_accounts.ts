import { sql, type Kysely } from 'kysely';

// People who run the platform (voters have no account), what each may see, their reviews of
// flags, and the append-only audit chain of everything a person changes.
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('app_user')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('app_user_username_uq', ['username'])
    .addCheckConstraint('app_user_role_ck', sql`role in ('admin', 'analyst', 'digitizer', 'journalist')`)
    .execute();

  // Sessions and API tokens are stored as sha256 of the secret the client holds.
  await db.schema
    .createTable('user_session')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('token_hash', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addUniqueConstraint('user_session_token_uq', ['token_hash'])
    .execute();
  await db.schema
    .createTable('api_token')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .addUniqueConstraint('api_token_token_uq', ['token_hash'])
    .execute();

  // A grant is a region subtree of one election.
  await db.schema
    .createTable('region_grant')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('election_id', 'integer', (c) => c.notNull().references('election.id').onDelete('cascade'))
    .addColumn('region_id', 'integer', (c) => c.notNull().references('region.id').onDelete('cascade'))
    .addUniqueConstraint('region_grant_user_region_uq', ['user_id', 'region_id'])
    .execute();

  // Reviews are rows of their own: a recompute rewrites flags, never a person's decision.
  await db.schema
    .createTable('flag_review')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('flag_id', 'bigint', (c) => c.notNull().references('flag.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    // The evidence the decision was made on: new evidence reopens the flag.
    .addColumn('evidence_sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('flag_review_decision_ck', sql`decision in ('confirm', 'dismiss', 'needs_evidence')`)
    .execute();
  await db.schema.createIndex('flag_review_flag_idx').on('flag_review').columns(['flag_id', 'id']).execute();
  await db.schema
    .createTable('flag_note')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('flag_id', 'bigint', (c) => c.notNull().references('flag.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .alterTable('flag')
    .addColumn('assigned_to', 'integer', (c) => c.references('app_user.id'))
    .execute();

  await db.schema.alterTable('election').addColumn('published_at', 'timestamptz').execute();

  // Append-only and chained: each entry holds the hash of the one before, so an edited or
  // deleted entry breaks every hash after it.
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'jsonb', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('audit_log_hash_uq', ['hash'])
    .addUniqueConstraint('audit_log_prev_uq', ['prev_hash'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
  await db.schema.alterTable('election').dropColumn('published_at').execute();
  await db.schema.alterTable('flag').dropColumn('assigned_to').execute();
  for (const table of ['flag_note', 'flag_review', 'region_grant', 'api_token', 'user_session', 'app_user']) {
    await db.schema.dropTable(table).execute();
  }
}
