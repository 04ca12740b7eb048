import { ZElectionCode, ZErrorResponse, ZStationCodeParam } from '@crosstally/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { findElectionOrFail } from '../../elections/find-election.js';
import { listElectionsGrantedTo } from '../../repositories/election.repository.js';
import { findPublicStation } from '../../stations/public-station.js';

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
      elections: (await listElectionsGrantedTo(db, null)).map(({ code, name }) => ({ code, name })),
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
          votersOnList: z.number().nullable(),
        }),
        404: ZErrorResponse,
      },
    },
    handler: async (request) => {
      const { election, station } = request.params;
      const found = await registry.election(election);
      const row = found && (await findPublicStation(db, found.election.id, station));
      if (!row) throw new AppError('not_found', `no station ${station} in election ${election}`);
      return row;
    },
  });
}
