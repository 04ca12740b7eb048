import { isLanguage, negotiateLanguage, type TLanguage, type TMessageKey } from '@crosstally/shared';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError, asOutage } from '../errors.js';
import { html } from './html.js';
import { layout } from './layout.js';
import { pageContext, type TPage } from './page-context.js';
import { sendPage } from './web-page.js';

export function languageOf(request: FastifyRequest): TLanguage {
  // Params are missing when the router itself refused the URL: the prefix still says the language.
  const lang = (request.params as { lang?: string } | undefined)?.lang ?? /^\/(\w\w)(?:[/?]|$)/.exec(request.url)?.[1];
  return lang && isLanguage(lang) ? lang : negotiateLanguage(undefined, request.headers['accept-language']);
}

/** What went wrong in the reader's language; `detail` is technical English, marked as such. */
export type TErrorText = { message: string; detail?: string };

/** A page that says what went wrong, in the reader's language, with the right status. */
export function renderErrorPage(page: TPage, status: number, { message, detail }: TErrorText) {
  return layout(page, {
    title: page.t('web.error.title'),
    body: html`<h1>${page.t('web.error.title')}</h1>
      <p class="error" role="alert">${message}</p>
      ${detail && html`<p class="muted" lang="en">${detail}</p>`}
      <p>
        ${
          status === 401
            ? html`<a href="${page.href('/login')}">${page.t('web.nav.login')}</a>`
            : html`<a href="${page.href('/')}">${page.t('web.error.back')}</a>`
        }
      </p>
      <p class="muted">HTTP ${status}</p>`,
  });
}

// For failures that come without a catalogued message: a sentence by status.
const messageByStatus: Record<number, TMessageKey> = {
  401: 'web.error.login',
  403: 'web.error.forbidden',
  404: 'web.error.notFound',
  413: 'web.error.tooLarge',
  429: 'intake.tooMany',
};

/** The status and the words for a failure; anything unexpected is logged and stays a 500. */
export function describeError(
  error: FastifyError,
  request: FastifyRequest,
  page: TPage,
): { status: number } & TErrorText {
  const generic = (status: number) => page.t(messageByStatus[status] ?? 'web.error.badRequest');
  if (error instanceof AppError) {
    const { status, text } = error;
    return typeof text === 'string'
      ? { status, message: generic(status), detail: text }
      : { status, message: page.say(text) };
  }
  if (error instanceof ZodError) {
    // A page's own parse of its parameters or form: the reader sent something malformed.
    const detail = error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
    return { status: 400, message: generic(400), detail };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const detail = error.validation
      .map((v) => `${v.instancePath.replace(/^\//, '') || error.validationContext}: ${v.message}`)
      .join('; ');
    return { status: 400, message: generic(400), detail };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    if (error.code === 'FST_REQ_FILE_TOO_LARGE') {
      const limit = Math.floor(request.server.deps.config.maxPhotoBytes / (1024 * 1024));
      return { status, message: page.t('upload.tooLarge', { limit }) };
    }
    return { status, message: generic(status), detail: error.message };
  }
  request.log.error({ err: error }, 'unhandled error on a page');
  return { status: 500, message: page.t('web.error.internal') };
}

/**
 * Failures on pages become pages: someone without a session is sent to log in (and back),
 * a known failure is shown with its message, anything else is logged and shown as a server
 * error without details. Never JSON: the reader is a person with a browser.
 */
export async function handleWebError(thrown: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const error = asOutage(thrown);
  // The auth hook threw (a malformed or unknown token) or never ran: the page is for nobody.
  request.principal ??= { kind: 'anonymous' };
  const context = pageContext(request, languageOf(request));
  // After a POST the address has no page to GET: the language links lead home instead.
  const page = request.method === 'GET' ? context : { ...context, here: '/' };
  if (error instanceof AppError && error.status === 401 && request.method === 'GET') {
    const next = encodeURIComponent(page.here);
    return reply.redirect(`/${page.lang}/login?next=${next}`, 303);
  }
  const { status, ...text } = describeError(error as FastifyError, request, page);
  reply.status(status);
  if (status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', '5');
  return sendPage(reply, renderErrorPage(page, status, text), request.principal.kind === 'user');
}
