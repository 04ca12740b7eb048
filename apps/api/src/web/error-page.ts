import { isLanguage, negotiateLanguage, type TLanguage } from '@crosstally/shared';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError } from '../errors.js';
import { html } from './html.js';
import { layout } from './layout.js';
import { pageContext, type TPage } from './page-context.js';
import { sendPage } from './web-page.js';

export function languageOf(request: FastifyRequest): TLanguage {
  const lang = (request.params as { lang?: string } | undefined)?.lang;
  return lang && isLanguage(lang) ? lang : negotiateLanguage(undefined, request.headers['accept-language']);
}

/** A page that says what went wrong, in the reader's language, with the right status. */
export function renderErrorPage(page: TPage, status: number, message: string) {
  return layout(page, {
    title: page.t('web.error.title'),
    body: html`<h1>${page.t('web.error.title')}</h1>
      <p class="error" role="alert">${message}</p>
      <p><a href="${page.href('/')}">${page.t('web.error.back')}</a></p>
      <p class="muted">HTTP ${status}</p>`,
  });
}

/**
 * Failures on pages become pages: someone without a session is sent to log in (and back),
 * a known failure is shown with its message, anything else is logged and shown as a server
 * error without details. Never JSON: the reader is a person with a browser.
 */
export async function handleWebError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const page = pageContext(request, languageOf(request));
  if (error instanceof AppError && error.status === 401 && request.method === 'GET') {
    const next = encodeURIComponent(page.here);
    return reply.redirect(`/${page.lang}/login?next=${next}`, 303);
  }
  let status: number;
  let message: string;
  if (error instanceof AppError) {
    status = error.status;
    message = page.say(error.text);
  } else if (error instanceof ZodError) {
    // A page's own parse of its parameters or form: the reader sent something malformed.
    status = 400;
    message = error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
  } else if (hasZodFastifySchemaValidationErrors(error)) {
    status = 400;
    message = error.validation
      .map((v) => `${v.instancePath.replace(/^\//, '') || error.validationContext}: ${v.message}`)
      .join('; ');
  } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    status = error.statusCode;
    message = status === 413 ? page.say({ key: 'upload.tooLarge', params: { limit: '' } }) : error.message;
  } else {
    request.log.error({ err: error }, 'unhandled error on a page');
    status = 500;
    message = page.t('web.error.internal');
  }
  reply.status(status);
  return sendPage(reply, renderErrorPage(page, status, message), request.principal?.kind === 'user');
}
