import { uprightSize, type Db } from '@crosstally/shared';
import { policyInForce } from '../elections/election-policy.js';
import { findStationByCode, loadPublicStationEvidence } from '../repositories/station.repository.js';

/** A station's registry facts as the public reads them. */
export function publicStationFacts(station: NonNullable<Awaited<ReturnType<typeof findStationByCode>>>) {
  return {
    code: station.code,
    region: station.region,
    name: { be: station.name_be, ru: station.name_ru },
    address: { be: station.address_be, ru: station.address_ru },
    votersOnList: station.voters_on_list,
  };
}

/** A station's registry facts, or undefined when the election has no station of that code. */
export async function findPublicStation(db: Db, electionId: number, code: string) {
  const station = await findStationByCode(db, electionId, code);
  return station && publicStationFacts(station);
}

/**
 * What anyone may see of a station: where it is, the official numbers, the protocol photos
 * with what was read from them, and — once the election's report is published — its open
 * findings, as the report publishes them (none resting on counts under the threshold). Never
 * anything about the people who reported or uploaded.
 */
export async function loadPublicStation(db: Db, electionId: number, code: string) {
  const station = await findStationByCode(db, electionId, code);
  if (!station) return undefined;
  const k = (await policyInForce(db, electionId)).publicationThreshold;
  const evidence = await loadPublicStationEvidence(db, station.id, station.published_at !== null ? k : null);
  return {
    ...publicStationFacts(station),
    official: evidence.official.map((o) => ({ version: o.version, lines: o.line_values, at: new Date(o.created_at) })),
    photos: evidence.photos.map((p) => ({
      id: p.id,
      status: p.status,
      // As shown: turned upright (see uprightView).
      ...uprightSize(p),
      readings: evidence.readings
        .filter((r) => r.photo_id === p.id)
        .map((r) => ({ method: r.method, lines: r.line_values })),
    })),
    flags: evidence.findings,
  };
}

export type TPublicStation = NonNullable<Awaited<ReturnType<typeof loadPublicStation>>>;
