import { assertNever, layoutForForm, ZElectionCode } from '@crosstally/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TPrincipal } from '../../auth/principal.js';
import { regionScope } from '../../auth/scope.js';
import { AppError } from '../../errors.js';
import { requireRole } from '../../plugins/auth.js';
import { lineImage, uprightPixels, uprightView } from '../../photos/photo-views.js';
import { formLinesOf } from '../../digitize/digitize-queries.js';
import { recordEntry } from '../../digitize/record-entry.js';
import { findPhotoInScope, nextPhotoToDigitize } from '../../repositories/digitization.repository.js';
import { findElectionOrFail } from '../../elections/find-election.js';
import { errorResponses } from '../error-responses.js';

const errors = errorResponses(400, 401, 403, 404, 409);
const photoParams = z.object({ id: z.uuid() });
const ZEntry = z.object({
  stationCode: z.string().max(64).nullable(),
  lines: z.record(z.string().max(40), z.number().int().min(0).max(999_999_999)),
  supersede: z.boolean().default(false),
});

/** The digitizers' desk: photos no machine read with confidence, typed by two people. */
export async function digitizeRoutes(app: FastifyInstance): Promise<void> {
  const { db, registry, store, config, imageWork } = app.deps;
  const viewLimits = { decodePixels: config.viewDecodePixels, work: imageWork };
  const api = app.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', requireRole('admin', 'digitizer'));
  const person = (p: TPrincipal) => {
    if (p.kind !== 'user') throw new AppError('forbidden', 'entries are typed by a person: log in as one');
    return p;
  };
  const scopeOf = (p: TPrincipal) => (electionId: number) => regionScope(p, electionId, 'r.path');

  api.get('/v1/digitize/elections/:election/next', {
    schema: {
      summary: 'The next photo for me to type',
      tags: ['digitize'],
      params: z.object({ election: ZElectionCode }),
    },
    handler: async (request) => {
      const p = person(request.principal);
      const found = await findElectionOrFail(registry, request.params.election);
      const next = await nextPhotoToDigitize(db, found.election.id, p.id, scopeOf(p)(found.election.id));
      if (!next) return { photo: null, lines: [] };
      return {
        photo: {
          id: next.id,
          station: next.station,
          entries: next.entries,
          imageUrl: `/v1/digitize/photos/${next.id}/image`,
          // Each line cut out of the photo, where the worker found the printed sheet.
          lineImageUrl: next.hasSheet ? `/v1/digitize/photos/${next.id}/lines/{line}` : null,
        },
        lines: found.lines.map((l) => ({ key: l.key, number: l.number, label: l.label })),
      };
    },
  });

  api.get('/v1/digitize/photos/:id/image', {
    schema: {
      summary: 'The photo to type from, turned upright (its stored copy has no EXIF orientation)',
      tags: ['digitize'],
      params: photoParams,
    },
    handler: async (request, reply) => {
      const photo = await findPhotoInScope(db, request.params.id, scopeOf(request.principal));
      if (!photo) throw new AppError('not_found', { key: 'photo.notFound', params: { id: request.params.id } });
      const upright = await uprightView(store, photo, viewLimits);
      if (!upright) throw new AppError('not_found', { key: 'photo.notFound', params: { id: request.params.id } });
      return reply.type(upright.mime).header('cache-control', 'private, no-store').send(upright.bytes);
    },
  });

  api.get('/v1/digitize/photos/:id/lines/:line', {
    schema: {
      summary: 'One line of the form (label and number) cut out of the photo, upright',
      description: 'Only for photos whose printed sheet the worker found; 404 otherwise.',
      tags: ['digitize'],
      params: z.object({ id: z.uuid(), line: z.string().max(40) }),
    },
    handler: async (request, reply) => {
      const { id, line: key } = request.params;
      const photo = await findPhotoInScope(db, id, scopeOf(request.principal));
      if (!photo) throw new AppError('not_found', { key: 'photo.notFound', params: { id } });
      const lines = await formLinesOf(db, registry, photo.election_id);
      const line = layoutForForm(lines).lines.find((l) => l.key === key);
      if (!line) throw new AppError('not_found', `line: ${key} is not a line of this form`, { field: 'line' });
      const pixels = photo.sheet === null ? null : await uprightPixels(store, photo, viewLimits);
      const image = pixels && (await imageWork.run(() => lineImage(pixels, photo, line)));
      if (!image) throw new AppError('not_found', 'this photo has no sheet found in it to cut the line from');
      return reply.type('image/jpeg').header('cache-control', 'private, no-store').send(image);
    },
  });

  api.post('/v1/digitize/photos/:id/entries', {
    schema: {
      summary: 'My entry of a photo’s numbers; accepted as a reading when two independent entries agree',
      tags: ['digitize'],
      params: photoParams,
      body: ZEntry,
      response: { 201: z.object({ status: z.enum(['agreed', 'needs_entry']), entries: z.number() }), ...errors },
    },
    handler: async (request, reply) => {
      const p = person(request.principal);
      const photo = await findPhotoInScope(db, request.params.id, scopeOf(p));
      if (!photo) throw new AppError('not_found', { key: 'photo.notFound', params: { id: request.params.id } });
      const outcome = await recordEntry(db, p, photo, request.body);
      switch (outcome.kind) {
        case 'unknown_lines':
          throw new AppError('bad_request', `lines: not lines of this form: ${outcome.keys.join(', ')}`, {
            field: 'lines',
          });
        case 'already_entered':
          throw new AppError(
            'conflict',
            'you have entered this photo already (send supersede: true to replace your entry)',
          );
        case 'recorded':
          return reply.status(201).send({ status: outcome.verdict.status, entries: outcome.entries });
        default:
          return assertNever(outcome);
      }
    },
  });
}
