import type { Db, TResultLines, TStoredFormLine } from '@crosstally/shared';
import { findLatestOfficialImportId, sumLatestOfficialLines } from '../repositories/official-result.repository.js';

type TLeader = TResultLines<TStoredFormLine>['candidates'][number];

/**
 * The candidate with the most official votes in the whole election, whoever reads: official
 * results are public (every station page shows them), and a region's chart must measure the
 * same candidate as the country's. It changes only with an import, so it is kept per
 * election and import; null before any result is imported.
 */
export class ElectionLeaders {
  private readonly known = new Map<number, { importId: number; leader: TLeader }>();

  constructor(private readonly db: Db) {}

  async leaderOf(electionId: number, candidates: TLeader[]): Promise<TLeader | null> {
    const importId = await findLatestOfficialImportId(this.db, electionId);
    if (importId === null) return null;
    const known = this.known.get(electionId);
    if (known?.importId === importId) return known.leader;
    const votes = await sumLatestOfficialLines(
      this.db,
      electionId,
      candidates.map((c) => c.key),
    );
    const leader = candidates[votes.indexOf(Math.max(...votes))]!;
    this.known.set(electionId, { importId, leader });
    return leader;
  }
}
