import { ZElectionCode, ZErrorResponse, ZPhotoAccepted, ZPhotoStatus, ZStationCodeParam } from '@crosstally/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { acceptImage, type TAcceptedImage } from '../../intake/accept-image.js';
import { ZVoterKind } from '../../intake/voter-pseudonym.js';
import { readUpload } from '../../intake/read-upload.js';
import { countUnreviewedPhotos, findPhotoWithReadings } from '../../repositories/photo.repository.js';

const errors = {
  400: ZErrorResponse,
  404: ZErrorResponse,
  413: ZErrorResponse,
  415: ZErrorResponse,
  422: ZErrorResponse,
};

export async function photoRoutes(app: FastifyInstance): Promise<void> {
  const { config, db, registry, photos, selfReports, limits } = app.deps;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/v1/elections/:election/stations/:station/photos', {
    onRequest: app.deps.limits.byAddress,
    schema: {
      summary: 'Upload a photo of the protocol posted at a station (multipart, field "photo")',
      tags: ['intake'],
      consumes: ['multipart/form-data'],
      params: z.object({ election: ZElectionCode, station: ZStationCodeParam }),
      response: { 202: ZPhotoAccepted, 200: ZPhotoAccepted, ...errors },
    },
    handler: async (request, reply) => {
      const { election: electionCode, station: stationCode } = request.params;
      const election = await registry.election(electionCode);
      if (!election) throw new AppError('not_found', { key: 'election.notFound', params: { election: electionCode } });
      const station = await registry.station(election.election.id, stationCode);
      if (!station) {
        throw new AppError('not_found', {
          key: 'station.notFound',
          params: { station: stationCode, election: electionCode },
        });
      }
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', { key: 'upload.notMultipart' });
      // Optional fields before the file: a voter identity makes the per-voter quota apply.
      const fields: Record<string, string> = {};
      let image: TAcceptedImage | undefined;
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
          const key = kind.success ? selfReports.voterKey(electionCode, kind.data, fields.voterToken ?? '') : undefined;
          if (!key)
            throw new AppError(
              'bad_request',
              { key: `voterToken.${kind.success ? kind.data : 'code'}` },
              { field: 'voterToken' },
            );
          limits.photo(`${electionCode}:${key}`);
        }
        image = acceptImage(await readUpload(part, config.maxPhotoBytes), config.maxPhotoPixels, 'photo');
      }
      if (!image) {
        throw new AppError(
          'bad_request',
          { key: 'upload.missingFile', params: { field: 'photo' } },
          { field: 'photo' },
        );
      }
      const waiting = await countUnreviewedPhotos(db, station.id);
      if (waiting >= config.unreviewedPhotosPerStation) {
        throw new AppError('too_many_requests', {
          key: 'photo.stationFull',
          params: { station: stationCode, limit: config.unreviewedPhotosPerStation },
        });
      }
      const outcome = await photos.submit({ electionId: election.election.id, stationId: station.id, image });
      return reply.status(outcome.known ? 200 : 202).send({
        id: outcome.id,
        sha256: image.sha256,
        status: outcome.status,
        known: outcome.known,
        statusUrl: `/v1/photos/${outcome.id}`,
      });
    },
  });

  api.get('/v1/photos/:id', {
    schema: {
      summary: 'Processing status of an uploaded protocol photo, with its readings',
      tags: ['intake'],
      params: z.object({ id: z.uuid() }),
      response: { 200: ZPhotoStatus, 400: ZErrorResponse, 404: ZErrorResponse },
    },
    handler: async (request) => {
      const found = await findPhotoWithReadings(db, request.params.id);
      if (!found) throw new AppError('not_found', { key: 'photo.notFound', params: { id: request.params.id } });
      const { photo, readings } = found;
      return {
        id: photo.id,
        election: photo.election_code,
        station: photo.station_code,
        sha256: photo.sha256,
        status: photo.status,
        failureReason: photo.failure_reason,
        readings: readings.map((r) => ({
          method: r.method,
          reader: r.reader,
          confidence: r.confidence,
          stationCodeRead: r.station_code_read,
          lines: r.line_values,
        })),
      };
    },
  });
}
