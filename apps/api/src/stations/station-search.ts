import { searchSkeleton, skeletonMatches, type Db } from '@crosstally/shared';
import { listStationsForSearch } from '../repositories/station.repository.js';

export type TStationHit = {
  code: string;
  region: string;
  name: { be: string; ru: string };
  address: { be: string; ru: string };
};

type TIndexed = TStationHit & { skeleton: string };

const freshFor = 60_000;

/**
 * Finds stations by code, or by name or address in either spelling or typed in Latin
 * letters. The skeletons of an election's stations are kept in memory (100,000 stations
 * are a few megabytes) and rebuilt a minute after they were made, so a new import shows up
 * without a restart.
 */
export class StationSearch {
  private readonly indexes = new Map<number, { at: number; stations: Promise<TIndexed[]> }>();

  constructor(private readonly db: Db) {}

  async find(electionId: number, query: string, limit: number): Promise<{ hits: TStationHit[]; more: boolean }> {
    const wanted = searchSkeleton(query);
    if (!wanted) return { hits: [], more: false };
    const stations = await this.index(electionId);
    const code = query.trim().toLowerCase();
    const exact = stations.filter((s) => s.code.toLowerCase() === code);
    const others = stations.filter((s) => s.code.toLowerCase() !== code && skeletonMatches(s.skeleton, wanted));
    const all = [...exact, ...others];
    return { hits: all.slice(0, limit).map(({ skeleton: _, ...hit }) => hit), more: all.length > limit };
  }

  private index(electionId: number): Promise<TIndexed[]> {
    const cached = this.indexes.get(electionId);
    if (cached && Date.now() - cached.at < freshFor) return cached.stations;
    const stations = this.load(electionId);
    this.indexes.set(electionId, { at: Date.now(), stations });
    stations.catch(() => this.indexes.delete(electionId));
    return stations;
  }

  private async load(electionId: number): Promise<TIndexed[]> {
    const rows = await listStationsForSearch(this.db, electionId);
    return rows.map((r) => ({
      code: r.code,
      region: r.region,
      name: { be: r.name_be, ru: r.name_ru },
      address: { be: r.address_be, ru: r.address_ru },
      skeleton: searchSkeleton([r.code, r.name_be, r.name_ru, r.address_be, r.address_ru, r.region].join(' ')),
    }));
  }
}
