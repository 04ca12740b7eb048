import type { Db } from './create-db.js';
import type { TFormForEngine, TPolicy } from '../domain/engine/engine-types.js';
import { storedPolicy } from '../domain/engine/policy.js';

export type TElectionForm = {
  electionId: number;
  code: string;
  form: TFormForEngine;
  policy: TPolicy;
  /** Candidate line key → candidate key. */
  candidateByLine: Map<string, string>;
};

export async function loadElectionForm(db: Db, electionId: number): Promise<TElectionForm | undefined> {
  const row = await db
    .selectFrom('election')
    .innerJoin('form_template', 'form_template.election_id', 'election.id')
    .select(['election.id', 'election.code', 'election.policy', 'form_template.lines', 'form_template.relations'])
    .where('election.id', '=', electionId)
    .executeTakeFirst();
  if (!row) return undefined;
  const lines = row.lines.map((l) => ({ key: l.key, number: l.number, candidate: l.candidate }));
  return {
    electionId: row.id,
    code: row.code,
    form: { lines, relations: row.relations },
    policy: storedPolicy(row.policy),
    candidateByLine: new Map(lines.filter((l) => l.candidate).map((l) => [l.key, l.candidate!])),
  };
}
