import type { FastifyReply } from 'fastify';

/**
 * Nothing on our pages may come from another origin: a voter behind a filtered network
 * must not be seen asking a third party for a font, and no injected markup may run script.
 * SVG charts use presentation attributes, not style attributes, so style-src needs no
 * 'unsafe-inline'.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function setSecurityHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', contentSecurityPolicy);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  reply.header('permissions-policy', 'geolocation=(), microphone=(), interest-cohort=()');
}
