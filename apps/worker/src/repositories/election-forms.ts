import { loadElectionForm, type Db, type TElectionForm } from '@crosstally/shared';

const ttlMs = 30_000;

/**
 * Election forms and policies, cached for a short while: thousands of recomputes a minute
 * need them, and a changed policy reaches every worker within the TTL.
 */
export class ElectionForms {
  private readonly cache = new Map<number, { form: TElectionForm; at: number }>();

  constructor(private readonly db: Db) {}

  /** `fresh`: read again now, e.g. for a recompute asked for because the policy changed. */
  async get(electionId: number, options: { fresh?: boolean } = {}): Promise<TElectionForm | undefined> {
    const hit = this.cache.get(electionId);
    if (hit && !options.fresh && Date.now() - hit.at < ttlMs) return hit.form;
    const form = await loadElectionForm(this.db, electionId);
    if (form) this.cache.set(electionId, { form, at: Date.now() });
    return form;
  }
}
