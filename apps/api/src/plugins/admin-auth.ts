import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/**
 * Admin routes need the admin token until accounts arrive. Compared as hashes in constant
 * time so the answer's timing says nothing about how much of a guess was right.
 */
export function requireAdmin(adminToken: string) {
  const expected = createHash('sha256').update(adminToken).digest();
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) throw new AppError('unauthorized', 'admin token required: Authorization: Bearer <token>');
    const given = createHash('sha256').update(match[1]!.trim()).digest();
    if (!timingSafeEqual(given, expected)) throw new AppError('forbidden', 'the admin token is not valid');
  };
}
