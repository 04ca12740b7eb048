import { ZElectionCode, ZErrorResponse, ZPhotoAccepted, ZPhotoStatus, ZStationCodeParam } from '@crosstally/shared';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { uploadStationPhoto } from '../../intake/station-photo-upload.js';
import { uprightView } from '../../photos/photo-views.js';
import { findPhotoWithReadings, findPublicPhoto } from '../../repositories/photo.repository.js';
import { errorResponses } from '../error-responses.js';

const errors = errorResponses(400, 404, 413, 415, 422);

export async function photoRoutes(app: FastifyInstance): Promise<void> {
  const { db, store, config, imageWork } = app.deps;
  const viewLimits = { decodePixels: config.viewDecodePixels, work: imageWork };
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
      const { election, station } = request.params;
      const outcome = await uploadStationPhoto(app.deps, election, station, request);
      return reply.status(outcome.known ? 200 : 202).send({ ...outcome, statusUrl: `/v1/photos/${outcome.id}` });
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
        failureCode: photo.failure_code,
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

  api.get('/v1/photos/:id/view', {
    schema: {
      summary: 'A protocol photo turned upright for people, as its EXIF orientation asked (JPEG if turned)',
      description: 'The stored copy (`/image`) has its metadata stripped, so a browser would show it as shot.',
      tags: ['intake'],
      params: z.object({ id: z.uuid() }),
    },
    handler: async (request, reply) => {
      const photo = await findPublicPhoto(db, request.params.id);
      const view = photo && (await uprightView(store, photo, viewLimits));
      if (!view) throw new AppError('not_found', { key: 'photo.notFound', params: { id: request.params.id } });
      // Made from content-addressed bytes and a fixed column: it never changes either.
      return sendPublicImage(reply, view.mime, view.bytes);
    },
  });

  api.get('/v1/photos/:id/image', {
    schema: {
      summary: 'A protocol photo as stored (metadata stripped): protocols are public documents',
      tags: ['intake'],
      params: z.object({ id: z.uuid() }),
    },
    handler: async (request, reply) => {
      const photo = await findPublicPhoto(db, request.params.id);
      const stored = photo && (await store.read('protocol', photo.sha256, photo.mime));
      if (!photo || !stored?.ok) {
        throw new AppError('not_found', { key: 'photo.notFound', params: { id: request.params.id } });
      }
      // Content-addressed: the bytes behind an id never change.
      return sendPublicImage(reply, photo.mime, stored.bytes);
    },
  });
}

/** A public photo that never changes: cached for good, and never run as anything but an image. */
function sendPublicImage(reply: FastifyReply, mime: string, bytes: Buffer) {
  return reply
    .type(mime)
    .header('cache-control', 'public, max-age=31536000, immutable')
    .header('content-security-policy', "default-src 'none'")
    .header('x-content-type-options', 'nosniff')
    .send(bytes);
}
