import { uprightSize, type Db } from '@crosstally/shared';

/**
 * What anyone may see of a station: where it is, the official numbers, the protocol photos
 * with what was read from them, and — once the election's report is published — its open
 * findings. Never anything about the people who reported or uploaded.
 */
export async function loadPublicStation(db: Db, electionId: number, code: string) {
  const station = await db
    .selectFrom('station')
    .innerJoin('region', 'region.id', 'station.region_id')
    .innerJoin('election', 'election.id', 'station.election_id')
    .select([
      'station.id',
      'station.code',
      'region.path as region',
      'station.name_be',
      'station.name_ru',
      'station.address_be',
      'station.address_ru',
      'station.voters_on_list',
      'election.published_at',
    ])
    .where('station.election_id', '=', electionId)
    .where('station.code', '=', code)
    .executeTakeFirst();
  if (!station) return undefined;
  const [official, photos, readings, flags] = await Promise.all([
    db
      .selectFrom('official_result')
      .select(['version', 'line_values', 'created_at'])
      .where('station_id', '=', station.id)
      .orderBy('version', 'desc')
      .execute(),
    db
      .selectFrom('protocol_photo')
      .select(['id', 'status', 'width', 'height', 'orientation'])
      .where('station_id', '=', station.id)
      .where('status', '!=', 'failed')
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('reading')
      .innerJoin('protocol_photo', 'protocol_photo.id', 'reading.photo_id')
      .select(['reading.photo_id', 'reading.method', 'reading.line_values'])
      .where('protocol_photo.station_id', '=', station.id)
      .execute(),
    station.published_at
      ? db
          .selectFrom('flag')
          .select(['kind', 'strength'])
          .where('station_id', '=', station.id)
          .where('cleared_at', 'is', null)
          .where('strength', '!=', 'info')
          .orderBy('kind')
          .execute()
      : Promise.resolve([]),
  ]);
  return {
    code: station.code,
    region: station.region,
    name: { be: station.name_be, ru: station.name_ru },
    address: { be: station.address_be, ru: station.address_ru },
    votersOnList: station.voters_on_list,
    official: official.map((o) => ({ version: o.version, lines: o.line_values, at: new Date(o.created_at) })),
    photos: photos.map((p) => ({
      id: p.id,
      status: p.status,
      // As shown: turned upright (see uprightView).
      ...uprightSize(p),
      readings: readings.filter((r) => r.photo_id === p.id).map((r) => ({ method: r.method, lines: r.line_values })),
    })),
    flags,
  };
}

export type TPublicStation = NonNullable<Awaited<ReturnType<typeof loadPublicStation>>>;
