import { isConfirmedIdentity, type TPhotoSender } from '@crosstally/shared';
import type { FastifyRequest } from 'fastify';
import type { TApiDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { asUploadError, wholeFieldValue } from './upload-error.js';
import { findStationPhotoRoom } from '../repositories/photo.repository.js';
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
  let sender: TPhotoSender = 'open';
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        fields[part.fieldname] = wholeFieldValue(part);
        continue;
      }
      if (part.fieldname !== 'photo' || image) {
        throw new AppError('bad_request', { key: 'upload.unexpectedFile', params: { field: part.fieldname } });
      }
      if (fields.voterKind || fields.voterToken) {
        const kind = ZVoterKind.safeParse(fields.voterKind);
        if (!kind.success) throw new AppError('bad_request', { key: 'voterToken.code' }, { field: 'voterToken' });
        const identity = await selfReports.identify(election, station.id, kind.data, fields.voterToken ?? '');
        limits.photo(`${electionCode}:${identity.hash.toString('hex')}`);
        if (isConfirmedIdentity(identity.kind)) sender = 'confirmed';
      }
      image = acceptImage(await readUpload(part, config.maxPhotoBytes), config.maxPhotoPixels, 'photo');
    }
  } catch (error) {
    throw asUploadError(error);
  }
  if (!image) {
    throw new AppError('bad_request', { key: 'upload.missingFile', params: { field: 'photo' } }, { field: 'photo' });
  }
  return recordStationPhoto(deps, { election, station, stationCode, sender }, image);
}

/**
 * A protocol photo already taken in (the bot's, fetched from Telegram) from a voter whose
 * identity the channel confirmed: the same quotas and the same record as an upload through the
 * web, in the confirmed senders' share of the station's quota.
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
  return recordStationPhoto(deps, { election, station, stationCode, sender: 'confirmed' }, image);
}

async function recordStationPhoto(
  deps: Pick<TApiDeps, 'config' | 'db' | 'photos'>,
  at: {
    election: Awaited<ReturnType<typeof findElectionOrFail>>;
    station: Awaited<ReturnType<typeof findStationOrFail>>;
    stationCode: string;
    sender: TPhotoSender;
  },
  image: TAcceptedImage,
): Promise<TStationPhotoUpload> {
  const { config, db, photos } = deps;
  const { election, station, stationCode, sender } = at;
  const quota = config.unreviewedPhotosPerStation;
  const full = () =>
    new AppError('too_many_requests', { key: 'photo.stationFull', params: { station: stationCode, limit: quota } });
  // A station already full refuses before its file is written; the count that binds is the
  // one the commit takes under the station's lock.
  const room = await findStationPhotoRoom(db, station.id, sender, image.sha256);
  if (!room.known && room.waiting >= quota) throw full();
  const outcome = await photos.submit({
    electionId: election.election.id,
    stationId: station.id,
    image,
    sender,
    quota,
  });
  if (outcome.kind === 'full') throw full();
  return { id: outcome.id, sha256: image.sha256, status: outcome.status, known: outcome.kind === 'known' };
}
