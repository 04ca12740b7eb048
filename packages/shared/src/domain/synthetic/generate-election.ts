import { drawSelfReports } from './crowd.js';
import { applyFalsifications, chooseFalsified, planFalsifications } from './falsify.js';
import { Rng } from './prng.js';
import { buildRegionTree } from './region-tree.js';
import { describeStation } from './station-registry.js';
import { buildSyntheticDefinition, candidateKeys } from './synthetic-form.js';
import { assertValidOptions } from './synthetic-options.js';
import type { TSyntheticElection, TSyntheticOptions, TSyntheticPhoto, TSyntheticStation } from './synthetic-types.js';
import { drawDistrictShares, drawTrueProtocol, FAVOURITE_INDEX } from './true-votes.js';

/**
 * A whole synthetic election from its options, deterministically: the same options give a
 * deep-equal election on every run and machine. Pure: no clock, no Math.random, no I/O.
 *
 * Each phase draws from its own stream of the seed, so that changing one option disturbs
 * only what depends on it: the crowd options never change the true votes or the official
 * results, and the falsified share never changes the true votes.
 */
const STREAM = { tree: 1, registry: 2, truth: 3, falsify: 4, revision: 5, crowd: 6, photos: 7 } as const;

/** Share of stations whose official result was published twice (a revision). */
const REVISED_SHARE = 0.03;

export function generateElection(options: TSyntheticOptions): TSyntheticElection {
  assertValidOptions(options);
  const { seed } = options;
  const stream = (s: number) => new Rng(seed, s);
  const definition = buildSyntheticDefinition(seed, options.candidates);
  const candidates = candidateKeys(options.candidates);
  const favourite = candidates[FAVOURITE_INDEX] ?? 'cand_a';

  const { districts, slots } = buildRegionTree(stream(STREAM.tree), options.stations);
  const registryRng = stream(STREAM.registry);
  const truthRng = stream(STREAM.truth);
  const falsifyRng = stream(STREAM.falsify);
  const revisionRng = stream(STREAM.revision);
  const districtShares = drawDistrictShares(truthRng, candidates.length, districts);
  const falsified = chooseFalsified(falsifyRng, slots.length, options.falsifiedShare);

  const stations = slots.map((slot, i): TSyntheticStation => {
    const registry = describeStation(registryRng, slot);
    const shares = districtShares[slot.district.index] ?? [];
    const truth = Object.freeze(drawTrueProtocol(truthRng, registry.votersOnList, shares, candidates));
    const falsifications =
      falsified[i] === 1 ? planFalsifications(falsifyRng, truth, candidates, favourite, options.movedShare) : [];
    const latest = falsifications.length > 0 ? Object.freeze(applyFalsifications(truth, falsifications)) : truth;
    const substituted = falsifications.some((f) => f.kind === 'substituted_protocol');
    const revised = revisionRng.chance(REVISED_SHARE);
    return {
      code: slot.code,
      regionPath: slot.district.path,
      ...registry,
      truth,
      posted: substituted ? truth : latest,
      official: revised ? [earlierVersion(revisionRng, truth, latest), latest] : [latest],
      falsifications,
    };
  });

  const selfReports = drawSelfReports(stream(STREAM.crowd), stations, candidates, favourite, options);
  const photos = drawProtocolPhotos(stream(STREAM.photos), stations, options.photoShare);
  return { definition, favourite, stations, selfReports, photos };
}

/**
 * The first of two published versions. A falsified station first published the truth and
 * "corrected" it later (the revision is the falsification, as observers saw in 2020); an
 * honest station first published a typo, one line off by a little, corrected later.
 */
function earlierVersion(
  rng: Rng,
  truth: Readonly<Record<string, number>>,
  latest: Readonly<Record<string, number>>,
): Readonly<Record<string, number>> {
  if (latest !== truth) return truth;
  const lines = Object.keys(truth).filter((k) => k !== 'voters_on_list');
  const line = rng.pick(lines);
  const value = truth[line] ?? 0;
  const size = rng.int(1, 9);
  return Object.freeze({ ...truth, [line]: value >= size && rng.chance(0.5) ? value - size : value + size });
}

/** 1–3 photos of the posted protocol at `share` of the stations; each photo is a different shot. */
function drawProtocolPhotos(rng: Rng, stations: readonly TSyntheticStation[], share: number): TSyntheticPhoto[] {
  const photos: TSyntheticPhoto[] = [];
  for (const station of stations) {
    if (!rng.chance(share)) continue;
    const count = rng.int(1, 3);
    for (let shot = 0; shot < count; shot += 1) photos.push({ station: station.code, values: station.posted, shot });
  }
  return photos;
}
