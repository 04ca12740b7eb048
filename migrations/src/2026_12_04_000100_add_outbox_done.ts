import { sql, type Kysely } from 'kysely';

// Whole-election jobs (a recompute, a forensic refresh) are followed by their id and must not
// be lost with a Redis that restarts empty: the outbox records when a worker finished one, and
// a sweeper puts back those relayed long ago and never finished. Photo jobs need neither:
// the photo's own status says whether it was read.
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('done_at', 'timestamptz').execute();
  await db.schema.createIndex('outbox_job_id_idx').on('outbox').column('job_id').execute();
  await db.schema
    .createIndex('outbox_unfinished_election_job_idx')
    .on('outbox')
    .column('relayed_at')
    .where(sql<boolean>`done_at is null and topic in ('recompute-election', 'refresh-forensics')`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_unfinished_election_job_idx').execute();
  await db.schema.dropIndex('outbox_job_id_idx').execute();
  await db.schema.alterTable('outbox').dropColumn('done_at').execute();
}
