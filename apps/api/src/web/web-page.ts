import { isLanguage, type TRole } from '@crosstally/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { formTokenField, isFormTokenValid } from '../auth/cross-site.js';
import { roleOf } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { SafeHtml } from './html.js';
import { pageContext, sessionSecretOf, type TPage } from './page-context.js';
import { setSecurityHeaders } from './security-headers.js';

export type TWebHandler = (
  request: FastifyRequest,
  reply: FastifyReply,
  page: TPage,
) => Promise<SafeHtml | FastifyReply | undefined>;

export type TWebRoute = {
  method: HTTPMethods;
  /** The path after the language: `/e/:election/s/:station`. */
  url: string;
  /** Who may open it; none: everyone, voters included. */
  roles?: TRole[];
  /** Runs before the body is read (intake limits). */
  onRequest?: (request: FastifyRequest) => Promise<void>;
  handler: TWebHandler;
};

/**
 * A page in the three languages: `/:lang` + url. The language comes from the URL (a link
 * keeps its language), the role check happens before the handler, and whatever the handler
 * returns as markup is sent as HTML with the site's security headers.
 */
export function webPage(app: FastifyInstance, route: TWebRoute): void {
  app.route({
    method: route.method,
    url: `/:lang${route.url}`,
    ...(route.onRequest && { onRequest: route.onRequest }),
    handler: async (request, reply) => {
      const lang = (request.params as { lang: string }).lang;
      if (!isLanguage(lang)) throw new AppError('not_found', { key: 'web.error.notFound' });
      const page = pageContext(request, lang);
      if (route.roles) {
        const role = roleOf(request.principal);
        if (role === 'anonymous') throw new AppError('unauthorized', { key: 'web.error.login' });
        if (!route.roles.includes(role)) throw new AppError('forbidden', { key: 'web.error.forbidden' });
      }
      // PostgreSQL text cannot hold a NUL: such a value names nothing we have, and passed on
      // to a query it would fail as a server error.
      if (holdsNul(request.params)) throw new AppError('not_found', { key: 'web.error.notFound' });
      if (holdsNul(request.query) || holdsNul(request.body)) {
        throw new AppError('bad_request', { key: 'web.error.badRequest' });
      }
      refuseWithoutFormToken(request);
      const result = await route.handler(request, reply, page);
      if (result instanceof SafeHtml) return sendPage(reply, result, request.principal.kind !== 'anonymous');
      return result;
    },
  });
}

/**
 * A form posted with a session carries the session's form token (the second defence beside
 * the origin check, for a browser that sends neither Sec-Fetch-Site nor Origin). A multipart
 * form's fields are read by its handler, past this point: those (the voters' uploads, which
 * need no session) rest on the origin check.
 */
function refuseWithoutFormToken(request: FastifyRequest): void {
  if (request.method !== 'POST') return;
  const secret = sessionSecretOf(request);
  if (secret === undefined || request.isMultipart()) return;
  const given = (request.body as Record<string, unknown> | undefined)?.[formTokenField];
  if (!isFormTokenValid(secret, given)) throw new AppError('forbidden', { key: 'web.error.formExpired' });
}

function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([key, inner]) => key.includes('\u0000') || holdsNul(inner));
  }
  return false;
}

export function sendPage(reply: FastifyReply, body: SafeHtml, personal: boolean): FastifyReply {
  setSecurityHeaders(reply);
  // A desk page shows what one person may see: never kept by a shared cache or the browser.
  reply.header('cache-control', personal ? 'no-store' : 'no-cache');
  return reply.type('text/html; charset=utf-8').send(body.value);
}
