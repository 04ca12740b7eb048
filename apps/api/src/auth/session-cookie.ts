import type { FastifyReply, FastifyRequest } from 'fastify';
import { logOut } from '../accounts/credentials.service.js';
import type { TAccountsDeps } from '../accounts/users.service.js';
import { sessionCookie } from '../plugins/auth.js';

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

/** Logs out the session of the request's cookie, and clears the cookie. */
export async function endSession(deps: TAccountsDeps, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  await logOut(deps, request.cookies[sessionCookie]);
  reply.clearCookie(sessionCookie, { path: '/' });
}
