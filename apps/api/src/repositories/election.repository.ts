import type { Db, DbOrTrx, TLocalized, TPolicyInput, TStoredFormLine, TStoredRelation } from '@crosstally/shared';

export type { DbOrTrx } from '@crosstally/shared';

export type TElectionRow = {
  id: number;
  code: string;
  name: TLocalized;
  qr_format: string;
  country: string | null;
  definition_sha256: string;
};

export async function findElectionByCode(db: DbOrTrx, code: string): Promise<TElectionRow | undefined> {
  return db
    .selectFrom('election')
    .select(['id', 'code', 'name', 'qr_format', 'country', 'definition_sha256'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function insertElection(
  trx: DbOrTrx,
  election: {
    code: string;
    name: TLocalized;
    qrFormat: string;
    country: string | null;
    /** The policy as its author wrote it (resolved over the defaults when read); null: the default. */
    policy: TPolicyInput | null;
    sha256: string;
    lines: TStoredFormLine[];
    relations: TStoredRelation[];
    candidates: { key: string; name: TLocalized }[];
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('election')
    .values({
      code: election.code,
      name: JSON.stringify(election.name),
      qr_format: election.qrFormat,
      country: election.country,
      policy: election.policy === null ? null : JSON.stringify(election.policy),
      definition_sha256: election.sha256,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('form_template')
    .values({ election_id: id, lines: JSON.stringify(election.lines), relations: JSON.stringify(election.relations) })
    .execute();
  await trx
    .insertInto('candidate')
    .values(
      election.candidates.map((c, position) => ({
        election_id: id,
        key: c.key,
        name: JSON.stringify(c.name),
        position,
      })),
    )
    .execute();
  return id;
}

export type TElectionRegistry = {
  election: TElectionRow;
  lines: TStoredFormLine[];
  relations: TStoredRelation[];
  candidates: { id: number; key: string; name: TLocalized }[];
};

export async function loadElectionRegistry(db: Db, code: string): Promise<TElectionRegistry | undefined> {
  const election = await findElectionByCode(db, code);
  if (!election) return undefined;
  const form = await loadFormOf(db, election.id);
  const candidates = await db
    .selectFrom('candidate')
    .select(['id', 'key', 'name'])
    .where('election_id', '=', election.id)
    .orderBy('position')
    .execute();
  return { election, lines: form.lines, relations: form.relations, candidates };
}

/**
 * Elections in id order: all of them (`userId` null: an admin, or the public before its own
 * filter), or those where this user holds a region grant — elsewhere a scoped person's report,
 * queue or typing would always be empty.
 */
export async function listElectionsGrantedTo(db: DbOrTrx, userId: number | null) {
  let query = db.selectFrom('election').select(['id', 'code', 'name', 'published_at']).orderBy('id');
  if (userId !== null) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('region_grant')
          .select('region_grant.id')
          .whereRef('region_grant.election_id', '=', 'election.id')
          .where('region_grant.user_id', '=', userId),
      ),
    );
  }
  return query.execute();
}

/** Publishes an election's report to the public (a time) or withdraws it (null). */
export async function setReportPublished(db: DbOrTrx, electionId: number, at: Date | null): Promise<void> {
  await db.updateTable('election').set({ published_at: at }).where('id', '=', electionId).execute();
}

/** An election's protocol form: its lines and control relations. */
export async function loadFormOf(db: DbOrTrx, electionId: number) {
  return db
    .selectFrom('form_template')
    .select(['lines', 'relations'])
    .where('election_id', '=', electionId)
    .executeTakeFirstOrThrow();
}

/** The code of an election by its id. */
export async function findElectionCode(db: DbOrTrx, electionId: number): Promise<string> {
  const row = await db.selectFrom('election').select('code').where('id', '=', electionId).executeTakeFirstOrThrow();
  return row.code;
}

/** Sets the election's policy (as its author wrote it; null: the default). */
export async function setElectionPolicy(db: DbOrTrx, electionId: number, policy: TPolicyInput | null): Promise<void> {
  await db
    .updateTable('election')
    .set({ policy: policy === null ? null : JSON.stringify(policy) })
    .where('id', '=', electionId)
    .execute();
}

/** The policy an election holds, as stored (null: the default). */
export async function findStoredPolicy(db: DbOrTrx, electionId: number): Promise<unknown> {
  const row = await db.selectFrom('election').select('policy').where('id', '=', electionId).executeTakeFirstOrThrow();
  return row.policy;
}
