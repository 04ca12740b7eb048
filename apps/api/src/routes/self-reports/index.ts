import { isConfirmedIdentity, ZElectionCode, ZSelfReportRequest, ZSelfReportResponse } from '@crosstally/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readSelfReportForm } from '../../intake/self-report-form.js';
import type { TSelfReportOutcome } from '../../intake/self-report-intake.js';
import { localize } from '../../plugins/language.js';
import { errorResponses } from '../error-responses.js';

function withMessage(request: FastifyRequest, outcome: TSelfReportOutcome) {
  const said = localize(request, { key: `selfReport.${outcome.status}` });
  const claim = isConfirmedIdentity(outcome.identity) ? '' : ` ${localize(request, { key: 'selfReport.claimOnly' })}`;
  return { ...outcome, message: said + claim };
}

const errors = errorResponses(400, 404, 409, 413, 415, 422);

export async function selfReportRoutes(app: FastifyInstance): Promise<void> {
  const { config, selfReports } = app.deps;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/v1/elections/:election/self-reports', {
    onRequest: app.deps.limits.byAddress,
    schema: {
      summary: 'Say how you voted (JSON, or multipart with an optional ballot photo in the field "ballot")',
      tags: ['intake'],
      params: z.object({ election: ZElectionCode }),
      body: ZSelfReportRequest,
      response: { 201: ZSelfReportResponse, 200: ZSelfReportResponse, ...errors },
    },
    handler: async (request, reply) => {
      const result = await selfReports.submit(request.params.election, request.body);
      // The hot path of intake: the handler builds this answer itself, so it is written as it
      // is rather than checked against its schema again (the schema still documents it).
      return reply
        .status(result.status === 'recorded' ? 201 : 200)
        .serializer(JSON.stringify)
        .send(withMessage(request, result));
    },
  });

  // The same statement from a plain HTML form (works with JavaScript off), with a ballot photo.
  api.post('/v1/elections/:election/self-reports/form', {
    onRequest: app.deps.limits.byAddress,
    schema: {
      summary: 'Say how you voted, as multipart/form-data with an optional ballot photo ("ballot")',
      tags: ['intake'],
      consumes: ['multipart/form-data'],
      params: z.object({ election: ZElectionCode }),
      response: { 201: ZSelfReportResponse, 200: ZSelfReportResponse, ...errors },
    },
    handler: async (request, reply) => {
      const { report, ballot } = await readSelfReportForm(config, request);
      const result = await selfReports.submit(request.params.election, report, ballot, 'api');
      return reply.status(result.status === 'recorded' ? 201 : 200).send(withMessage(request, result));
    },
  });
}
