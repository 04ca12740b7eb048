import type { Readable } from 'node:stream';
import {
  loadElectionForm,
  recomputeStations,
  ZElectionCode,
  ZElectionDefinition,
  ZErrorResponse,
  ZImportOutcome,
} from '@crosstally/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { importElection } from '../../imports/election-import.js';
import { importOfficialResults, readOfficialCsv } from '../../imports/official-import.js';
import { electionOf, refreshForensicFlags } from '../../forensics/election-figures.js';
import { importStations, readStationsCsv } from '../../imports/stations-import.js';
import { importPartnerTallies, readPartnerCsv } from '../../imports/partner-import.js';
import { findElectionByCode, loadElectionRegistry } from '../../repositories/election.repository.js';
import { audited } from '../../audit/audited.js';
import { actorOf } from '../../auth/principal.js';
import { requireRole } from '../../plugins/auth.js';
import { limitStream } from './limit-stream.js';

const errors = {
  400: ZErrorResponse,
  401: ZErrorResponse,
  403: ZErrorResponse,
  404: ZErrorResponse,
  409: ZErrorResponse,
  413: ZErrorResponse,
};
const csvNote = 'Send the CSV file as the body with Content-Type: text/csv.';

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', requireRole('admin'));
  // CSV bodies stay streams: a 100,000-station file is parsed as it arrives.
  app.addContentTypeParser(['text/csv', 'text/plain'], (_request, payload, done) => done(null, payload));

  api.post('/v1/admin/elections', {
    schema: {
      summary: 'Define an election: candidates and protocol form (JSON)',
      tags: ['admin'],
      body: ZElectionDefinition,
      response: {
        201: z.object({ code: z.string(), status: z.enum(['created', 'unchanged']) }),
        200: z.object({ code: z.string(), status: z.enum(['created', 'unchanged']) }),
        ...errors,
      },
    },
    handler: async (request, reply) => {
      const outcome = await audited(
        db,
        actorOf(request.principal),
        'import.election',
        (trx) => importElection(trx, request.body),
        (o) => (o.status === 'created' ? { election: o.code } : null),
      );
      return reply
        .status(outcome.status === 'created' ? 201 : 200)
        .send({ code: outcome.code, status: outcome.status });
    },
  });

  const params = z.object({ election: ZElectionCode });

  api.post('/v1/admin/elections/:election/stations', {
    schema: {
      summary: `Import or update stations. ${csvNote}`,
      tags: ['admin'],
      consumes: ['text/csv'],
      params,
      response: { 200: ZImportOutcome, ...errors },
    },
    handler: async (request) => {
      const election = await findElectionByCode(db, request.params.election);
      if (!election) throw new AppError('not_found', `no election ${request.params.election}`);
      const rows = await readStationsCsv(limitStream(csvBody(request.body), config.maxImportBytes));
      return audited(
        db,
        actorOf(request.principal),
        'import.stations',
        (trx) => importStations(trx, election, rows),
        (o) => (o.created + o.updated > 0 ? { election: election.code, ...o } : null),
      );
    },
  });

  api.post('/v1/admin/elections/:election/official', {
    schema: {
      summary: `Import official results; a station whose numbers changed gets a new version. ${csvNote}`,
      tags: ['admin'],
      consumes: ['text/csv'],
      params,
      querystring: z.object({ source: z.string().min(1).max(200).default('api upload') }),
      response: { 200: ZImportOutcome, ...errors },
    },
    handler: async (request) => {
      const registry = await loadElectionRegistry(db, request.params.election);
      if (!registry) throw new AppError('not_found', `no election ${request.params.election}`);
      const parsed = await readOfficialCsv(limitStream(csvBody(request.body), config.maxImportBytes), registry);
      const input = { ...parsed, sourceName: request.query.source };
      const outcome = await audited(
        db,
        actorOf(request.principal),
        'import.official',
        (trx) => importOfficialResults(trx, registry, input),
        (o) =>
          o.changed > 0
            ? {
                election: registry.election.code,
                source: input.sourceName,
                fileSha256: parsed.sha256,
                rows: o.rows,
                changed: o.changed,
              }
            : null,
      );
      // Station signals compare each station with its region: new numbers anywhere move them.
      if (outcome.changed > 0) await refreshForensicFlags(db, electionOf(registry));
      return { rows: outcome.rows, changed: outcome.changed, unchanged: outcome.unchanged };
    },
  });
  api.post('/v1/admin/elections/:election/partners', {
    schema: {
      summary: `Import a partner's per-station counts (station_code, subject, verified, unverified, source). ${csvNote}`,
      tags: ['admin'],
      consumes: ['text/csv'],
      params,
      response: { 200: ZImportOutcome, ...errors },
    },
    handler: async (request) => {
      const registry = await loadElectionRegistry(db, request.params.election);
      if (!registry) throw new AppError('not_found', `no election ${request.params.election}`);
      const parsed = await readPartnerCsv(limitStream(csvBody(request.body), config.maxImportBytes), registry);
      return audited(
        db,
        actorOf(request.principal),
        'import.partners',
        (trx) => importPartnerTallies(trx, registry, parsed),
        (o) => (o.changed > 0 ? { election: registry.election.code, fileSha256: parsed.sha256, ...o } : null),
      );
    },
  });

  api.post('/v1/admin/elections/:election/recompute', {
    schema: {
      summary: 'Recompute every station of the election now',
      tags: ['admin'],
      params,
      response: {
        200: z.object({ stations: z.number(), written: z.number(), cleared: z.number(), signalled: z.number() }),
        ...errors,
      },
    },
    handler: async (request) => {
      const registry = await loadElectionRegistry(db, request.params.election);
      if (!registry) throw new AppError('not_found', `no election ${request.params.election}`);
      const election = registry.election;
      const form = (await loadElectionForm(db, election.id))!;
      const stations = await recomputeStations(db, form, 'all');
      const forensic = await refreshForensicFlags(db, electionOf(registry));
      const outcome = {
        stations: stations.stations,
        written: stations.written + forensic.written,
        cleared: stations.cleared + forensic.cleared,
        signalled: forensic.signalled,
      };
      await audited(
        db,
        actorOf(request.principal),
        'flags.recompute',
        async () => outcome,
        (o) => ({ election: election.code, ...o }),
      );
      return outcome;
    },
  });

  api.post('/v1/admin/elections/:election/publish', {
    schema: {
      summary: 'Publish the report to the public (no account), or withdraw it',
      tags: ['admin'],
      params,
      body: z.object({ published: z.boolean() }),
      response: { 200: z.object({ election: z.string(), published: z.boolean() }), ...errors },
    },
    handler: async (request) => {
      const election = await findElectionByCode(db, request.params.election);
      if (!election) throw new AppError('not_found', `no election ${request.params.election}`);
      const { published } = request.body;
      await audited(
        db,
        actorOf(request.principal),
        published ? 'report.publish' : 'report.withdraw',
        (trx) =>
          trx
            .updateTable('election')
            .set({ published_at: published ? new Date() : null })
            .where('id', '=', election.id)
            .execute(),
        () => ({ election: election.code }),
      );
      return { election: election.code, published };
    },
  });
}

function csvBody(body: unknown): Readable {
  if (!body || typeof (body as Readable).pipe !== 'function') {
    throw new AppError('unsupported_media_type', 'send the CSV file as the body with Content-Type: text/csv');
  }
  return body as Readable;
}
