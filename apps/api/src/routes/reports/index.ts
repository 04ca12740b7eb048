import { Readable } from 'node:stream';
import {
  findingMethods,
  loadElectionForm,
  redactReportRow,
  selfSelectionWarning,
  ZElectionCode,
  type TReportRow,
} from '@crosstally/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { reportCsvHeader, reportCsvRow } from '../../reports/report-csv.js';
import { streamReportRows } from '../../reports/report-query.js';
import { loadOfficialDataVersion, loadReportSummary } from '../../reports/report-summary.js';

const ZFilter = z.object({
  region: z.string().min(1).max(500).optional(),
  kind: z
    .enum(['crowd_exceeds_official', 'protocol_mismatch', 'conflicting_protocols', 'arithmetic', 'official_revised'])
    .optional(),
  strength: z.enum(['proof', 'strong', 'signal']).optional(),
});
const params = z.object({ election: ZElectionCode });

export async function reportRoutes(app: FastifyInstance): Promise<void> {
  const { db, pool, registry } = app.deps;
  const api = app.withTypeProvider<ZodTypeProvider>();

  async function context(code: string) {
    const found = await registry.election(code);
    if (!found) throw new AppError('not_found', { key: 'election.notFound', params: { election: code } });
    const form = (await loadElectionForm(db, found.election.id))!;
    return { found, form, candidates: found.candidates.map((c) => c.key) };
  }

  /** Rows come from a cursor on a connection of their own, released however the download ends. */
  async function* rows(
    electionId: number,
    policy: Parameters<typeof streamReportRows>[2],
    filter: z.infer<typeof ZFilter>,
  ) {
    const client = await pool.connect();
    try {
      for await (const row of streamReportRows(client, electionId, policy, filter)) yield row as TReportRow;
    } finally {
      client.release();
    }
  }

  api.get('/v1/elections/:election/report.csv', {
    schema: {
      summary: 'The discrepancy report as CSV: one row per flagged station',
      tags: ['report'],
      params,
      querystring: ZFilter,
    },
    handler: async (request, reply) => {
      const { found, form, candidates } = await context(request.params.election);
      const k = form.policy.publicationThreshold;
      async function* csv() {
        yield reportCsvHeader(found.lines, candidates);
        for await (const row of rows(found.election.id, form.policy, request.query)) {
          yield reportCsvRow(redactReportRow(row, k), found.lines, candidates);
        }
      }
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
      const { found, form } = await context(request.params.election);
      const head = {
        election: found.election.code,
        filter: request.query,
        method: methodOf(form.policy),
        officialData: await loadOfficialDataVersion(db, found.election.id),
      };
      const k = form.policy.publicationThreshold;
      async function* json() {
        yield `${JSON.stringify(head).slice(0, -1)},"stations":[`;
        let first = true;
        for await (const row of rows(found.election.id, form.policy, request.query)) {
          yield `${first ? '' : ','}\n${JSON.stringify(redactReportRow(row, k))}`;
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
      const { found, form } = await context(request.params.election);
      return {
        election: found.election.code,
        method: methodOf(form.policy),
        officialData: await loadOfficialDataVersion(db, found.election.id),
      };
    },
  });

  api.get('/v1/elections/:election/summary', {
    schema: { summary: 'Flagged stations per region, kind and strength', tags: ['report'], params },
    handler: async (request) => {
      const { found } = await context(request.params.election);
      return { election: found.election.code, regions: await loadReportSummary(db, found.election.id) };
    },
  });
}

function methodOf(policy: Parameters<typeof streamReportRows>[2]) {
  return { findings: findingMethods, policy, selfSelection: selfSelectionWarning };
}
