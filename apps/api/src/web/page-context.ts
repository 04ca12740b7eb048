import { translate, type TLanguage, type TMessage, type TMessageKey } from '@crosstally/shared';
import type { FastifyRequest } from 'fastify';
import type { TPrincipal } from '../auth/principal.js';

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
};

export function pageContext(request: FastifyRequest, lang: TLanguage): TPage {
  const url = request.url;
  const here = url.slice(1 + lang.length) || '/';
  return {
    lang,
    t: (key, params) => translate({ key, ...(params && { params }) }, lang),
    say: (message) => (typeof message === 'string' ? message : translate(message, lang)),
    principal: request.principal,
    here,
    href: (path) => `/${lang}${path}`,
  };
}
