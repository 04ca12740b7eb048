import { Readable } from 'node:stream';
import { reportedKinds, reportedStrengths, ZElectionCode } from '@crosstally/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditHead } from '../../audit/audit-log.js';
import { electionOf } from '../../forensics/election-figures.js';
import { electionFigures } from '../../forensics/election-figures-service.js';
import { loadReportSummary } from '../../repositories/report.repository.js';
import type { TPrincipal } from '../../auth/principal.js';
import { openReport, reportScope } from '../../reports/report-access.js';
import { reportCsvHeader, reportCsvRow } from '../../reports/report-csv.js';
import { describeReport } from '../../reports/report-head.js';
import { readPublicReportRows } from '../../reports/report-rows.js';

const ZFilter = z.object({
  region: z.string().min(1).max(500).optional(),
  kind: z.enum(reportedKinds).optional(),
  strength: z.enum(reportedStrengths).optional(),
});
const params = z.object({ election: ZElectionCode });

export async function reportRoutes(app: FastifyInstance): Promise<void> {
  const { db, registry } = app.deps;
  const api = app.withTypeProvider<ZodTypeProvider>();

  const context = (code: string, principal: TPrincipal) => openReport({ db, registry }, code, principal);

  api.get('/v1/elections/:election/report.csv', {
    schema: {
      summary: 'The discrepancy report as CSV: one row per flagged station',
      tags: ['report'],
      params,
      querystring: ZFilter,
    },
    handler: async (request, reply) => {
      const access = await context(request.params.election, request.principal);
      const { found, candidates } = access;
      async function* csv() {
        yield reportCsvHeader(found.lines, candidates);
        for await (const row of readPublicReportRows(app.deps, access, request.principal, request.query)) {
          yield reportCsvRow(row, found.lines, candidates);
        }
      }
      const head = await auditHead(db);
      if (head) reply.header('x-audit-head', `${head.id}:${head.hash}`);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${found.election.code}-report.csv"`)
        .send(Readable.from(csv()));
    },
  });

  api.get('/v1/elections/:election/report.json', {
    schema: {
      summary: 'The discrepancy report as JSON, with its method, policy and data version',
      tags: ['report'],
      params,
      querystring: ZFilter,
    },
    handler: async (request, reply) => {
      const access = await context(request.params.election, request.principal);
      const head = {
        election: access.found.election.code,
        filter: request.query,
        ...(await describeReport(db, access)),
      };
      async function* json() {
        yield `${JSON.stringify(head).slice(0, -1)},"stations":[`;
        let first = true;
        for await (const row of readPublicReportRows(app.deps, access, request.principal, request.query)) {
          yield `${first ? '' : ','}\n${JSON.stringify(row)}`;
          first = false;
        }
        yield '\n]}\n';
      }
      return reply.type('application/json; charset=utf-8').send(Readable.from(json()));
    },
  });

  api.get('/v1/elections/:election/method', {
    schema: {
      summary: 'How findings are made, the policy in force and the official data version',
      tags: ['report'],
      params,
    },
    handler: async (request) => {
      const access = await context(request.params.election, request.principal);
      return { election: access.found.election.code, ...(await describeReport(db, access)) };
    },
  });

  api.get('/v1/elections/:election/summary', {
    schema: { summary: 'Flagged stations per region, kind and strength', tags: ['report'], params },
    handler: async (request) => {
      const { found, form } = await context(request.params.election, request.principal);
      return {
        election: found.election.code,
        regions: await loadReportSummary(
          db,
          found.election.id,
          reportScope(request.principal, found.election.id, 'r.path'),
          form.policy.publicationThreshold,
        ),
      };
    },
  });
  const figures = electionFigures(db);

  api.get('/v1/elections/:election/forensics', {
    schema: {
      summary:
        'Forensic signals of the official results (never proof): turnout and leader-share distributions, the ' +
        'integer-percentage excess with its Monte Carlo p-value, the turnout x leader-share fingerprint, last ' +
        'digits, anomalous votes after Shpilkin, and the stations that stand out in their region',
      tags: ['report'],
      params,
    },
    handler: async (request) => {
      const { found, scopeUserId } = await context(request.params.election, request.principal);
      const { summary, incomplete } = await figures.forensicsOf(
        electionOf(found),
        String(scopeUserId ?? 'all'),
        reportScope(request.principal, found.election.id, 'r.path'),
      );
      return { election: found.election.code, label: 'signals', incompleteResults: incomplete, forensics: summary };
    },
  });

  api.get('/v1/elections/:election/estimate', {
    schema: {
      summary:
        'The parallel vote tabulation estimate from agreed protocol readings (95% and 99% intervals, the ' +
        'official shares beside them, the sample bias check) and the minimum proven theft (a lower bound)',
      tags: ['report'],
      params,
    },
    handler: async (request) => {
      const { found, form, scopeUserId } = await context(request.params.election, request.principal);
      const estimate = await figures.estimateOf(
        electionOf(found),
        String(scopeUserId ?? 'all'),
        reportScope(request.principal, found.election.id, 'r.path'),
        form.policy.publicationThreshold,
      );
      return { election: found.election.code, ...estimate };
    },
  });
}
