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

/**
 * What a response that is no page gets (JSON, CSV, files, errors): opened in a browser it
 * runs nothing, loads nothing and cannot be framed.
 */
const dataPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

/**
 * The headers every response carries unless its route set its own (the pages, the API
 * documents): the /v1 answers, the CSV and /docs carried none. HSTS only over TLS, where a
 * browser heeds it.
 */
export function baselineSecurityHeaders(tls: boolean): Record<string, string> {
  return {
    'content-security-policy': dataPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    ...(tls && { 'strict-transport-security': 'max-age=31536000' }),
  };
}

/** The API documents (/docs, Swagger UI): our own files only, inline styles (set by its script) allowed. */
export const docsContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
