import { translate, type TLanguage, type TMessage, type TMessageKey } from '@crosstally/shared';
import type { FastifyRequest } from 'fastify';
import { formTokenOf } from '../auth/cross-site.js';
import type { TPrincipal } from '../auth/principal.js';
import { sessionCookie } from '../plugins/auth.js';

/** What every page renders with: the language, its translator, who is looking, and where. */
export type TPage = {
  lang: TLanguage;
  t: (key: TMessageKey, params?: TMessage['params']) => string;
  /** An AppError's or any message, catalogued or plain, in this language. */
  say: (message: TMessage | string) => string;
  principal: TPrincipal;
  /** The path after the language prefix, with its query: `/e/by-2025/s/0001?x=1`. */
  here: string;
  /** A link within the site in this page's language: `href('/report')` → `/be/report`. */
  href: (path: string) => string;
  /** The session's form token, put in every POST form (formTokenInput); null without a session. */
  formToken: string | null;
};

export function pageContext(request: FastifyRequest, lang: TLanguage): TPage {
  const url = request.url;
  const here = url.slice(1 + lang.length) || '/';
  const secret = sessionSecretOf(request);
  return {
    lang,
    t: (key, params) => translate({ key, ...(params && { params }) }, lang),
    say: (message) => (typeof message === 'string' ? message : translate(message, lang)),
    principal: request.principal,
    here,
    href: (path) => `/${lang}${path}`,
    formToken: secret === undefined ? null : formTokenOf(secret),
  };
}

/** The secret of the session the request rides, when a session is who is asking. */
export function sessionSecretOf(request: FastifyRequest): string | undefined {
  const viaSession = request.principal.kind === 'user' && request.principal.via === 'session';
  return viaSession ? request.cookies[sessionCookie] : undefined;
}
