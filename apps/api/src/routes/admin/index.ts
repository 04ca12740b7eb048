import type { Readable } from 'node:stream';
import { ZElectionCode, ZElectionDefinition, ZImportOutcome, ZPolicyInput } from '@crosstally/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import {
  defineElection,
  importOfficialFile,
  importPartnerFile,
  importStationsFile,
} from '../../elections/election-imports.js';
import { followElectionJob, followableJobs, publishReport, recomputeElection } from '../../elections/election-jobs.js';
import { changeElectionPolicy, showElectionPolicy } from '../../elections/election-policy.js';
import { actorOf } from '../../auth/principal.js';
import { requireRole } from '../../plugins/auth.js';
import { limitStream } from './limit-stream.js';
import { errorResponses } from '../error-responses.js';

const errors = errorResponses(400, 401, 403, 404, 409, 413, 503);
const csvNote = 'Send the CSV file as the body with Content-Type: text/csv.';

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  // The request's CSV body as a stream, cut off past the largest import accepted.
  const csvOf = (body: unknown) => limitStream(csvBodyOf(body), app.deps.config.maxImportBytes);
  const api = app.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', requireRole('admin'));
  // CSV bodies stay streams: a 100,000-station file is parsed as it arrives. Only as text/csv:
  // a text/plain body is what a form on another site can send without asking (it was read as
  // an admin's partner import).
  app.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));

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
      const outcome = await defineElection(app.deps, actorOf(request.principal), request.body);
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
    handler: (request) =>
      importStationsFile(app.deps, actorOf(request.principal), request.params.election, () => csvOf(request.body)),
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
      const outcome = await importOfficialFile(
        app.deps,
        actorOf(request.principal),
        request.params.election,
        () => csvOf(request.body),
        request.query.source,
      );
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
    handler: (request) =>
      importPartnerFile(app.deps, actorOf(request.principal), request.params.election, () => csvOf(request.body)),
  });

  api.post('/v1/admin/elections/:election/recompute', {
    schema: {
      summary: 'Ask the workers to recompute every station of the election; follow the job it returns',
      tags: ['admin'],
      params,
      response: { 202: z.object({ election: z.string(), jobId: z.string() }), ...errors },
    },
    handler: async (request, reply) => {
      const asked = await recomputeElection(app.deps, actorOf(request.principal), request.params.election);
      return reply.status(202).header('location', `/v1/admin/jobs/${asked.jobId}`).send(asked);
    },
  });

  const ZPolicyOut = z.object({ id: z.string() }).loose();

  api.get('/v1/admin/elections/:election/policy', {
    schema: {
      summary: 'The policy in force: what counts as verified and as proof (defaults filled in)',
      tags: ['admin'],
      params,
      response: { 200: ZPolicyOut, ...errors },
    },
    handler: (request) => showElectionPolicy(app.deps, request.params.election),
  });

  api.put('/v1/admin/elections/:election/policy', {
    schema: {
      summary: 'Set the policy (any part of it, over the defaults); the workers recompute under it',
      tags: ['admin'],
      params,
      body: ZPolicyInput,
      response: {
        200: z.object({ election: z.string(), policy: ZPolicyOut, jobId: z.string().nullable() }),
        ...errors,
      },
    },
    handler: (request) =>
      changeElectionPolicy(app.deps, actorOf(request.principal), request.params.election, request.body),
  });

  api.get('/v1/admin/jobs/:jobId', {
    schema: {
      summary: 'Where a whole-election job stands: pending, waiting, active (with progress), completed or failed',
      tags: ['admin'],
      params: z.object({
        jobId: z
          .string()
          .max(200)
          .regex(new RegExp(`^(${followableJobs.join('|')})-[0-9]+-[0-9a-f-]+$`), 'not a job id this API returns'),
      }),
      response: { 200: z.object({ jobId: z.string(), state: z.string() }).loose(), ...errors },
    },
    handler: async (request) => {
      const found = await followElectionJob(app.deps, request.params.jobId);
      if (!found) throw new AppError('not_found', `no job ${request.params.jobId}`);
      return { jobId: request.params.jobId, ...found };
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
    handler: (request) =>
      publishReport(app.deps, actorOf(request.principal), request.params.election, request.body.published),
  });
}

function csvBodyOf(body: unknown): Readable {
  if (!body || typeof (body as Readable).pipe !== 'function') {
    throw new AppError('unsupported_media_type', 'send the CSV file as the body with Content-Type: text/csv');
  }
  return body as Readable;
}
