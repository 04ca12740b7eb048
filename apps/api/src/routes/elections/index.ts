import { ZElectionCode, ZErrorResponse, ZStationCodeParam } from '@crosstally/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { findElectionOrFail } from '../../elections/find-election.js';

const ZLocalized = z.object({ be: z.string(), ru: z.string(), en: z.string() });

export async function electionRoutes(app: FastifyInstance): Promise<void> {
  const { db, registry } = app.deps;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/v1/elections', {
    schema: {
      summary: 'Every election on this platform',
      tags: ['registry'],
      response: { 200: z.object({ elections: z.array(z.object({ code: z.string(), name: ZLocalized })) }) },
    },
    handler: async () => ({
      elections: await db.selectFrom('election').select(['code', 'name']).orderBy('id').execute(),
    }),
  });

  api.get('/v1/elections/:election', {
    schema: {
      summary: 'An election: its candidates and protocol form',
      tags: ['registry'],
      params: z.object({ election: ZElectionCode }),
      response: {
        200: z.object({
          code: z.string(),
          name: ZLocalized,
          candidates: z.array(z.object({ key: z.string(), name: ZLocalized })),
          lines: z.array(
            z.object({ key: z.string(), number: z.number(), label: ZLocalized, candidate: z.string().optional() }),
          ),
          relations: z.array(z.string()),
        }),
        404: ZErrorResponse,
      },
    },
    handler: async (request) => {
      const found = await findElectionOrFail(registry, request.params.election);
      return {
        code: found.election.code,
        name: found.election.name,
        candidates: found.candidates.map((c) => ({ key: c.key, name: c.name })),
        lines: found.lines,
        relations: found.relations.map((r) => r.text),
      };
    },
  });

  api.get('/v1/elections/:election/stations/:station', {
    schema: {
      summary: 'A polling station',
      tags: ['registry'],
      params: z.object({ election: ZElectionCode, station: ZStationCodeParam }),
      response: {
        200: z.object({
          code: z.string(),
          region: z.string(),
          name: z.object({ be: z.string(), ru: z.string() }),
          address: z.object({ be: z.string(), ru: z.string() }),
          votersOnList: z.number(),
        }),
        404: ZErrorResponse,
      },
    },
    handler: async (request) => {
      const row = await db
        .selectFrom('station')
        .innerJoin('election', 'election.id', 'station.election_id')
        .innerJoin('region', 'region.id', 'station.region_id')
        .select(['station.code', 'region.path', 'name_be', 'name_ru', 'address_be', 'address_ru', 'voters_on_list'])
        .where('election.code', '=', request.params.election)
        .where('station.code', '=', request.params.station)
        .executeTakeFirst();
      if (!row)
        throw new AppError('not_found', `no station ${request.params.station} in election ${request.params.election}`);
      return {
        code: row.code,
        region: row.path,
        name: { be: row.name_be, ru: row.name_ru },
        address: { be: row.address_be, ru: row.address_ru },
        votersOnList: row.voters_on_list,
      };
    },
  });
}
