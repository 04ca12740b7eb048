import type { FastifyRequest } from 'fastify';
import type { TApiDeps } from '../deps.js';
import { isLoopback } from '../intake/rate-limiter.js';

/**
 * The source a login attempt is throttled by: its network address, held in memory only; none
 * for loopback unless LIMIT_LOOPBACK=1, since behind Tor every reader arrives from there and
 * one attacker would slow every staff member's login.
 */
export function loginSource(deps: Pick<TApiDeps, 'config'>, request: FastifyRequest): string | undefined {
  return !deps.config.limitLoopback && isLoopback(request.ip) ? undefined : request.ip;
}
