import type { FastifyInstance } from 'fastify';
import { pingDatabase, withTimeout } from '@crosstally/shared';

/**
 * Liveness says the process answers; readiness says it can take evidence: its database and
 * Redis answer, and the evidence store has room (a full store refused every upload while
 * /ready still said ready).
 */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/ready', { schema: { hide: true } }, async (_request, reply) => {
    const { db, redis, store, config } = app.deps;
    const [database, queue, storage] = await Promise.all([
      withTimeout(pingDatabase(db), 2000, 'database').then(
        () => 'ok' as const,
        () => 'unavailable' as const,
      ),
      withTimeout(redis.ping(), 2000, 'redis').then(
        () => 'ok' as const,
        () => 'unavailable' as const,
      ),
      withTimeout(store.freeBytes(), 2000, 'storage').then(
        (free) => (free >= config.storeMinFreeBytes ? ('ok' as const) : ('full' as const)),
        () => 'unavailable' as const,
      ),
    ]);
    const ready = database === 'ok' && queue === 'ok' && storage === 'ok';
    return reply
      .status(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'not_ready', database, redis: queue, storage });
  });
}
