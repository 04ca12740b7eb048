import type { Db } from '@crosstally/shared';
import { sql } from 'kysely';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionCookie } from '../plugins/auth.js';
import { hashSecret } from './secrets.js';

// httpOnly (no script reads it), SameSite=Strict (no other site's form or link sends it:
// this is what keeps the plain-HTML forms safe from cross-site requests), Secure over TLS.
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, secret: string, maxAge: number): void {
  reply.setCookie(sessionCookie, secret, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: '/',
    maxAge,
  });
}

/** Revokes the session on the server (a stolen cookie dies with it) and clears the cookie. */
export async function endSession(db: Db, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const cookie = request.cookies[sessionCookie];
  if (cookie) {
    await db
      .updateTable('user_session')
      .set({ revoked_at: sql`now()` })
      .where('token_hash', '=', hashSecret(cookie))
      .execute();
  }
  reply.clearCookie(sessionCookie, { path: '/' });
}
