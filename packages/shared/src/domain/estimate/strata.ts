/**
 * Strata for the PVT estimate: one per region where the crowd reached at least two stations
 * (a stratum's variance needs two), and one national remainder stratum for every region with
 * fewer, its population the remainder's stations, its sample whatever the crowd has there.
 * Two edge cases, each stated in the notes: a remainder with a single sampled station joins
 * the smallest regional stratum (one station cannot carry a stratum); a remainder with none
 * cannot be estimated at all, so those regions are left out of the estimate's population.
 */
export type TStratumPlan = { name: string; regions: string[]; population: number; sampled: number[] };

export type TStrataPlan = { strata: TStratumPlan[]; uncovered: string[]; notes: string[] };

export const REMAINDER = 'national remainder';
const MIN_SAMPLED = 2;

/** `sampleRegions[i]` is the region of sampled station i; `frame` the stations per region. */
export function planStrata(sampleRegions: readonly string[], frame: ReadonlyMap<string, number>): TStrataPlan {
  const sampled = new Map<string, number[]>();
  sampleRegions.forEach((region, i) => {
    const indexes = sampled.get(region);
    if (indexes) indexes.push(i);
    else sampled.set(region, [i]);
  });
  const regions = [...new Set([...frame.keys(), ...sampled.keys()])];
  const population = (region: string) => Math.max(frame.get(region) ?? 0, sampled.get(region)?.length ?? 0);

  const strata: TStratumPlan[] = [];
  const rest: string[] = [];
  for (const region of regions) {
    const indexes = sampled.get(region) ?? [];
    if (indexes.length >= MIN_SAMPLED)
      strata.push({ name: region, regions: [region], population: population(region), sampled: indexes });
    else rest.push(region);
  }
  const restSampled = rest.flatMap((region) => sampled.get(region) ?? []);
  const restPopulation = rest.reduce((s, region) => s + population(region), 0);
  const notes: string[] = [];
  if (rest.length === 0) return { strata, uncovered: [], notes };

  if (restSampled.length >= MIN_SAMPLED) {
    strata.push({ name: REMAINDER, regions: rest, population: restPopulation, sampled: restSampled });
    notes.push(
      `${rest.length} region(s) with fewer than ${MIN_SAMPLED} sampled stations collapsed into one "${REMAINDER}" ` +
        `stratum (${restSampled.length} sampled of ${restPopulation} stations): ${rest.join(', ')}`,
    );
    return { strata, uncovered: [], notes };
  }
  const smallest = strata.reduce<TStratumPlan | undefined>(
    (a, s) => (a && a.sampled.length <= s.sampled.length ? a : s),
    undefined,
  );
  if (restSampled.length === 1 && smallest) {
    const withSampled = rest.filter((region) => (sampled.get(region)?.length ?? 0) > 0);
    const uncoveredHere = rest.filter((region) => !withSampled.includes(region));
    smallest.name = `${smallest.name} + ${REMAINDER}`;
    smallest.regions.push(...rest);
    smallest.population += restPopulation;
    smallest.sampled.push(...restSampled);
    notes.push(
      `the ${REMAINDER} (${rest.length} region(s), one sampled station) joined the stratum of ${smallest.regions[0]}, ` +
        `the regional stratum with the fewest sampled stations` +
        (uncoveredHere.length > 0 ? `; regions without a sampled station among them: ${uncoveredHere.join(', ')}` : ''),
    );
    return { strata, uncovered: [], notes };
  }
  notes.push(
    `no sampled station in ${rest.length} region(s) (${restPopulation} stations): the estimate covers the other ` +
      `regions only: ${rest.join(', ')}`,
  );
  return { strata, uncovered: rest, notes };
}
