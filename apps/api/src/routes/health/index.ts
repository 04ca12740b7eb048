import type { FastifyInstance } from 'fastify';
import { pingDatabase, withTimeout } from '@crosstally/shared';

/** Liveness says the process answers; readiness says it can reach its database and Redis. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/ready', { schema: { hide: true } }, async (_request, reply) => {
    const [database, redis] = await Promise.all([
      withTimeout(pingDatabase(app.deps.db), 2000, 'database').then(
        () => 'ok' as const,
        () => 'unavailable' as const,
      ),
      withTimeout(app.deps.redis.ping(), 2000, 'redis').then(
        () => 'ok' as const,
        () => 'unavailable' as const,
      ),
    ]);
    const ready = database === 'ok' && redis === 'ok';
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', database, redis });
  });
}
