import { sql, type Kysely } from 'kysely';

// API tokens get an end: they never expired, kept working after "log out everywhere", and came
// back when a disabled account was enabled again. Tokens already issued end 90 days from now.
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('api_token')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now() + interval '90 days'`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_token').dropColumn('expires_at').execute();
}
