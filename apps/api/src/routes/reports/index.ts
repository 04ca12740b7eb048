import { reportedKinds, reportedStrengths, ZElectionCode } from '@crosstally/shared';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditHead } from '../../audit/audit-log.js';
import { electionOf } from '../../forensics/election-figures.js';
import { electionFigures } from '../../forensics/election-figures-service.js';
import { loadReportSummary, reportDataVersion, type TReportFilter } from '../../repositories/report.repository.js';
import type { TPrincipal } from '../../auth/principal.js';
import { openReport, reportScope, type TReportAccess } from '../../reports/report-access.js';
import type { TReportBuild } from '../../reports/report-files.js';
import { serveReportFile, whileServerWorks } from '../../reports/serve-report-file.js';
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
  const { db, registry, reportPool, reportFiles } = app.deps;
  const api = app.withTypeProvider<ZodTypeProvider>();

  const context = (code: string, principal: TPrincipal) => openReport({ db, registry }, code, principal);
  // Downloads read through the reports' own small pool, so however many there are, intake and
  // pages keep theirs; each is built once per data version into a file and served from there.
  const readReportRows = (access: TReportAccess, principal: TPrincipal, filter: TReportFilter) =>
    readPublicReportRows({ db, pool: reportPool }, access, principal, filter);
  const built = async (
    reply: FastifyReply,
    format: 'csv' | 'json',
    access: TReportAccess,
    principal: TPrincipal,
    filter: TReportFilter,
    build: () => Promise<TReportBuild>,
  ) => {
    const key = JSON.stringify([access.found.election.id, format, access.scopeUserId, filter]);
    return whileServerWorks(reply, async () => reportFiles.get(key, await reportDataVersion(db), build));
  };

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
      const lease = await built(reply, 'csv', access, request.principal, request.query, async () => {
        async function* csv() {
          yield reportCsvHeader(found.lines, candidates);
          for await (const row of readReportRows(access, request.principal, request.query)) {
            yield reportCsvRow(row, found.lines, candidates);
          }
        }
        const head = await auditHead(db);
        const headers: Record<string, string> = head ? { 'x-audit-head': `${head.id}:${head.hash}` } : {};
        return { headers, body: csv() };
      });
      return serveReportFile(request, reply, lease, {
        type: 'text/csv; charset=utf-8',
        scoped: access.scopeUserId !== null,
        disposition: `attachment; filename="${found.election.code}-report.csv"`,
      });
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
      const lease = await built(reply, 'json', access, request.principal, request.query, async () => {
        const head = {
          election: access.found.election.code,
          filter: request.query,
          ...(await describeReport(db, access)),
        };
        async function* json() {
          yield `${JSON.stringify(head).slice(0, -1)},"stations":[`;
          let first = true;
          for await (const row of readReportRows(access, request.principal, request.query)) {
            yield `${first ? '' : ','}\n${JSON.stringify(row)}`;
            first = false;
          }
          yield '\n]}\n';
        }
        return { headers: {}, body: json() };
      });
      return serveReportFile(request, reply, lease, {
        type: 'application/json; charset=utf-8',
        scoped: access.scopeUserId !== null,
      });
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
