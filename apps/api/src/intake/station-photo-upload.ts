import type { FastifyRequest } from 'fastify';
import type { TApiDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { asUploadError } from './upload-error.js';
import { countUnreviewedPhotos } from '../repositories/photo.repository.js';
import { acceptImage, type TAcceptedImage } from './accept-image.js';
import { readUpload } from './read-upload.js';
import { ZVoterKind } from './voter-pseudonym.js';
import { findElectionOrFail, findStationOrFail } from '../elections/find-election.js';

export type TStationPhotoUpload = {
  id: string;
  sha256: string;
  status: 'queued' | 'processing' | 'read' | 'unread' | 'failed';
  known: boolean;
};

/**
 * A protocol photo for a station, from a multipart body: the JSON API and the voter's page
 * both take photos through here, so both apply the same checks and quotas. Optional fields
 * before the file (voterKind, voterToken) make the per-voter quota apply.
 */
export async function uploadStationPhoto(
  deps: TApiDeps,
  electionCode: string,
  stationCode: string,
  request: FastifyRequest,
): Promise<TStationPhotoUpload> {
  const { config, registry, selfReports, limits } = deps;
  const election = await findElectionOrFail(registry, electionCode);
  const station = await findStationOrFail(registry, election, stationCode);
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', { key: 'upload.notMultipart' });
  const fields: Record<string, string> = {};
  let image: TAcceptedImage | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'photo' || image) {
        throw new AppError('bad_request', { key: 'upload.unexpectedFile', params: { field: part.fieldname } });
      }
      if (fields.voterKind || fields.voterToken) {
        const kind = ZVoterKind.safeParse(fields.voterKind);
        const key = kind.success
          ? selfReports.voterKey(election.election, kind.data, fields.voterToken ?? '')
          : undefined;
        if (!key) {
          throw new AppError(
            'bad_request',
            { key: `voterToken.${kind.success ? kind.data : 'code'}` },
            { field: 'voterToken' },
          );
        }
        limits.photo(`${electionCode}:${key}`);
      }
      image = acceptImage(await readUpload(part, config.maxPhotoBytes), config.maxPhotoPixels, 'photo');
    }
  } catch (error) {
    throw asUploadError(error);
  }
  if (!image) {
    throw new AppError('bad_request', { key: 'upload.missingFile', params: { field: 'photo' } }, { field: 'photo' });
  }
  return recordStationPhoto(deps, { election, station, stationCode }, image);
}

/**
 * A protocol photo already taken in (the bot's, fetched from Telegram) from a voter already
 * identified: the same quotas and the same record as an upload through the web.
 */
export async function takeStationPhoto(
  deps: Pick<TApiDeps, 'config' | 'db' | 'registry' | 'photos' | 'limits'>,
  electionCode: string,
  stationCode: string,
  image: TAcceptedImage,
  voterKey: string,
): Promise<TStationPhotoUpload> {
  const election = await findElectionOrFail(deps.registry, electionCode);
  const station = await findStationOrFail(deps.registry, election, stationCode);
  deps.limits.photo(`${electionCode}:${voterKey}`);
  return recordStationPhoto(deps, { election, station, stationCode }, image);
}

async function recordStationPhoto(
  deps: Pick<TApiDeps, 'config' | 'db' | 'photos'>,
  at: {
    election: Awaited<ReturnType<typeof findElectionOrFail>>;
    station: Awaited<ReturnType<typeof findStationOrFail>>;
    stationCode: string;
  },
  image: TAcceptedImage,
): Promise<TStationPhotoUpload> {
  const { config, db, photos } = deps;
  const { election, station, stationCode } = at;
  const waiting = await countUnreviewedPhotos(db, station.id);
  if (waiting >= config.unreviewedPhotosPerStation) {
    throw new AppError('too_many_requests', {
      key: 'photo.stationFull',
      params: { station: stationCode, limit: config.unreviewedPhotosPerStation },
    });
  }
  const outcome = await photos.submit({ electionId: election.election.id, stationId: station.id, image });
  return { id: outcome.id, sha256: image.sha256, status: outcome.status, known: outcome.known };
}
