import { ZElectionCode, ZErrorResponse, ZPhotoAccepted, ZPhotoStatus, ZStationCodeParam } from '@crosstally/shared';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { uploadStationPhoto } from '../../intake/station-photo-upload.js';
import { uprightView } from '../../photos/photo-views.js';
import type { TPrincipal } from '../../auth/principal.js';
import { regionScope } from '../../auth/scope.js';
import { findPhotoInScope } from '../../repositories/digitization.repository.js';
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

  /**
   * The photo if this reader may see it: anyone once it was read as a protocol; staff also
   * before, in their regions (the desk and the digitizers look at what the machine could not
   * read). Out of scope reads like missing.
   */
  async function findShownPhoto(id: string, principal: TPrincipal) {
    const open = await findPublicPhoto(db, id);
    if (open) return { photo: open, toPublic: true };
    if (principal.kind === 'anonymous') return undefined;
    const staff = await findPhotoInScope(db, id, (electionId) => regionScope(principal, electionId, 'r.path'));
    return staff && staff.status !== 'failed' ? { photo: staff, toPublic: false } : undefined;
  }

  api.get('/v1/photos/:id/view', {
    schema: {
      summary: 'A protocol photo turned upright for people, as its EXIF orientation asked (JPEG if turned)',
      description: 'The stored copy (`/image`) has its metadata stripped, so a browser would show it as shot.',
      tags: ['intake'],
      params: z.object({ id: z.uuid() }),
    },
    handler: async (request, reply) => {
      const shown = await findShownPhoto(request.params.id, request.principal);
      const view = shown && (await uprightView(store, shown.photo, viewLimits));
      if (!shown || !view)
        throw new AppError('not_found', { key: 'photo.notFound', params: { id: request.params.id } });
      // Made from content-addressed bytes and a fixed column: it never changes either.
      return sendImage(reply, view.mime, view.bytes, shown.toPublic);
    },
  });

  api.get('/v1/photos/:id/image', {
    schema: {
      summary: 'A protocol photo as stored (metadata stripped): protocols are public documents',
      tags: ['intake'],
      params: z.object({ id: z.uuid() }),
    },
    handler: async (request, reply) => {
      const shown = await findShownPhoto(request.params.id, request.principal);
      const stored = shown && (await store.read('protocol', shown.photo.sha256, shown.photo.mime));
      if (!shown || !stored?.ok) {
        throw new AppError('not_found', { key: 'photo.notFound', params: { id: request.params.id } });
      }
      // Content-addressed: the bytes behind an id never change.
      return sendImage(reply, shown.photo.mime, stored.bytes, shown.toPublic);
    },
  });
}

/**
 * A photo that never changes, never run as anything but an image: cached for good where the
 * public may see it, by nobody where only staff may.
 */
function sendImage(reply: FastifyReply, mime: string, bytes: Buffer, toPublic: boolean) {
  return reply
    .type(mime)
    .header('cache-control', toPublic ? 'public, max-age=31536000, immutable' : 'private, no-store')
    .header('content-security-policy', "default-src 'none'")
    .header('x-content-type-options', 'nosniff')
    .send(bytes);
}
