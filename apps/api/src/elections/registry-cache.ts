import type { Db } from '@crosstally/shared';
import { loadElectionRegistry, type TElectionRegistry } from '../repositories/election.repository.js';
import { findStationRef } from '../repositories/station.repository.js';

type TStationRef = { id: number; regionId: number };

/**
 * In-memory lookups for the hot intake path. Elections, candidates and stations are never
 * deleted while a process runs, so a hit is always right; a miss asks the database, which
 * picks up stations imported by another process since.
 */
export class RegistryCache {
  private readonly elections = new Map<string, TElectionRegistry>();
  private readonly stations = new Map<number, Map<string, TStationRef>>();

  constructor(private readonly db: Db) {}

  async election(code: string): Promise<TElectionRegistry | undefined> {
    const cached = this.elections.get(code);
    if (cached) return cached;
    const loaded = await loadElectionRegistry(this.db, code);
    if (loaded) this.elections.set(code, loaded);
    return loaded;
  }

  async station(electionId: number, code: string): Promise<TStationRef | undefined> {
    let byCode = this.stations.get(electionId);
    if (!byCode) {
      byCode = new Map();
      this.stations.set(electionId, byCode);
    }
    const cached = byCode.get(code);
    if (cached) return cached;
    const ref = await findStationRef(this.db, electionId, code);
    if (!ref) return undefined;
    byCode.set(code, ref);
    return ref;
  }
}
