import { judgeDoubleEntry, markStationsDirty, ZElectionCode, ZErrorResponse } from '@crosstally/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { appendAudit } from '../../audit/audit-log.js';
import { actorOf, type TPrincipal } from '../../auth/principal.js';
import { regionScope } from '../../auth/scope.js';
import { AppError } from '../../errors.js';
import { requireRole } from '../../plugins/auth.js';
import { findPhotoInScope, nextPhotoToDigitize, standingEntries } from '../../repositories/digitization.repository.js';

const errors = {
  400: ZErrorResponse,
  401: ZErrorResponse,
  403: ZErrorResponse,
  404: ZErrorResponse,
  409: ZErrorResponse,
};
const photoParams = z.object({ id: z.uuid() });
const ZEntry = z.object({
  stationCode: z.string().max(64).nullable(),
  lines: z.record(z.string().max(40), z.number().int().min(0).max(999_999_999)),
  supersede: z.boolean().default(false),
});

/** The digitizers' desk: photos no machine read with confidence, typed by two people. */
export async function digitizeRoutes(app: FastifyInstance): Promise<void> {
  const { db, registry, store } = app.deps;
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
      const found = await registry.election(request.params.election);
      if (!found)
        throw new AppError('not_found', { key: 'election.notFound', params: { election: request.params.election } });
      const next = await nextPhotoToDigitize(db, found.election.id, p.id, scopeOf(p)(found.election.id));
      if (!next) return { photo: null, lines: [] };
      return {
        photo: {
          id: next.id,
          station: next.station,
          entries: next.entries,
          imageUrl: `/v1/digitize/photos/${next.id}/image`,
        },
        lines: found.lines.map((l) => ({ key: l.key, number: l.number, label: l.label })),
      };
    },
  });

  api.get('/v1/digitize/photos/:id/image', {
    schema: {
      summary: 'The photo to type from (its stored copy, metadata stripped)',
      tags: ['digitize'],
      params: photoParams,
    },
    handler: async (request, reply) => {
      const photo = await findPhotoInScope(db, request.params.id, scopeOf(request.principal));
      if (!photo) throw new AppError('not_found', { key: 'photo.notFound', params: { id: request.params.id } });
      const stored = await store.read('protocol', photo.sha256, photo.mime);
      if (!stored.ok) throw new AppError('not_found', { key: 'photo.notFound', params: { id: request.params.id } });
      return reply.type(photo.mime).header('cache-control', 'private, no-store').send(stored.bytes);
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
      const form = await db
        .selectFrom('form_template')
        .select(['lines', 'relations'])
        .where('election_id', '=', photo.election_id)
        .executeTakeFirstOrThrow();
      const known = new Set(form.lines.map((l) => l.key));
      const unknown = Object.keys(request.body.lines).filter((k) => !known.has(k));
      if (unknown.length > 0)
        throw new AppError('bad_request', `lines: not lines of this form: ${unknown.join(', ')}`, { field: 'lines' });
      const verdict = await db.transaction().execute(async (trx) => {
        // One entry at a time per photo: two people finishing together see each other.
        await sql`select id from protocol_photo where id = ${photo.id} for update`.execute(trx);
        const before = await standingEntries(trx, photo.id);
        const mine = before.find((e) => e.userId === p.id);
        if (mine && !request.body.supersede)
          throw new AppError(
            'conflict',
            'you have entered this photo already (send supersede: true to replace your entry)',
          );
        // The old entry steps aside first (one standing entry per person), then points to its successor.
        if (mine)
          await trx
            .updateTable('digitization_entry')
            .set({ superseded_at: sql`now()` })
            .where('id', '=', mine.id)
            .execute();
        const created = await trx
          .insertInto('digitization_entry')
          .values({
            photo_id: photo.id,
            user_id: p.id,
            station_code_read: request.body.stationCode,
            line_values: JSON.stringify(request.body.lines),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (mine)
          await trx
            .updateTable('digitization_entry')
            .set({ superseded_by: created.id })
            .where('id', '=', mine.id)
            .execute();
        const entries = await standingEntries(trx, photo.id);
        const judged = judgeDoubleEntry(entries, form.relations);
        if (judged.status === 'agreed' && photo.status !== 'read') {
          await trx
            .insertInto('reading')
            .values({
              photo_id: photo.id,
              method: 'double_entry',
              reader: `double_entry:${judged.entryIds.join('+')}`,
              station_code_read: judged.stationCode,
              line_values: JSON.stringify(judged.values),
              confidence: 1,
            })
            .onConflict((oc) => oc.constraint('reading_photo_method_uq').doNothing())
            .execute();
          await trx
            .updateTable('protocol_photo')
            .set({ status: 'read', updated_at: sql`now()` })
            .where('id', '=', photo.id)
            .execute();
          await markStationsDirty(trx, photo.election_id, [photo.station_id]);
        }
        await appendAudit(trx, {
          actor: actorOf(p),
          action: 'entry.create',
          subject: {
            photo: photo.id,
            entry: created.id,
            supersedes: mine?.id ?? null,
            lines: request.body.lines,
            stationCode: request.body.stationCode,
          },
        });
        return { status: judged.status, entries: entries.length };
      });
      return reply.status(201).send(verdict);
    },
  });
}
