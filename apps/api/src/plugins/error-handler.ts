import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, asOutage } from '../errors.js';
import { handleWebError } from '../web/error-page.js';
import { isWebPath } from '../web/web-path.js';
import { localize } from './language.js';

/**
 * One place turns failures into answers: validation → 400 naming the fields, AppError → its
 * status, Fastify's own client errors (bad JSON, wrong content type, limits) → their 4xx,
 * anything else → logged and answered 500 without details.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((thrown: FastifyError, request, reply) => {
    const error = asOutage(thrown);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        path: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'invalid',
      }));
      return reply.status(400).send({
        error: 'bad_request',
        message: issues.map((i) => `${i.path}: ${i.message}`).join('; '),
        issues,
      });
    }
    if (error instanceof AppError) {
      const messageKey = typeof error.text === 'string' ? undefined : error.text.key;
      // Unavailable is for a while only: say when to come back.
      if (error.status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', '5');
      return reply.status(error.status).send({
        error: error.code,
        message: localize(request, error.text),
        ...(messageKey && { messageKey }),
        ...error.details,
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ error: clientErrorCode(status), message: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: 'internal', message: 'internal error' });
  });
  app.setNotFoundHandler((request, reply) => {
    // Under a language prefix the reader is a person with a browser: a page says it.
    if (isWebPath(request.url)) {
      return handleWebError(new AppError('not_found', { key: 'web.error.notFound' }) as never, request, reply);
    }
    return reply
      .status(404)
      .send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
  });
}

function clientErrorCode(status: number): string {
  const names: Record<number, string> = {
    400: 'bad_request',
    404: 'not_found',
    406: 'not_acceptable',
    408: 'timeout',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    429: 'too_many_requests',
  };
  return names[status] ?? 'client_error';
}
