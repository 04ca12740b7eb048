import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a browser sent this request from a page of another origin. SameSite=Strict is not
 * enough: it ignores ports and subdomains, and a page on 127.0.0.1:3999 posted a desk note,
 * a dismissal and an admin import with the admin's cookie. Fetch metadata says it outright
 * (Sec-Fetch-Site; "none" is the person typing the address); an older browser sends Origin,
 * compared with the Host it asked. A request with neither is no browser's cross-site request.
 */
export function isCrossOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return false;
  if (origin === 'null') return true;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

const loginPath = /^\/(?:v1\/auth|[a-z]{2})\/login(?:\?|$)/;

/**
 * A state-changing request riding a session cookie, or any login (login CSRF logs a person
 * into the attacker's account), is refused when it comes from another origin. API tokens are
 * never sent by a browser on its own, so requests with one pass.
 */
export function refuseCrossOriginStateChange(request: FastifyRequest): void {
  if (safeMethods.has(request.method)) return;
  const viaSession = request.principal.kind === 'user' && request.principal.via === 'session';
  if (!viaSession && !loginPath.test(request.url)) return;
  if (isCrossOrigin(request)) throw new AppError('forbidden', { key: 'web.error.crossOrigin' });
}

/**
 * The form token of a session: in every form its pages show, checked on every form it posts.
 * Derived from the session's secret (a hash, so the page never shows the cookie), it cannot be
 * guessed by a page that cannot read the cookie, and it changes with each login.
 */
export function formTokenOf(sessionSecret: string): string {
  return createHash('sha256').update('crosstally form token\0').update(sessionSecret).digest('base64url');
}

export function isFormTokenValid(sessionSecret: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(formTokenOf(sessionSecret));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The name of the form token's field in every POST form. */
export const formTokenField = '_csrf';
