import { negotiateLanguage, translate, type TLanguage, type TMessage } from '@crosstally/shared';
import type { FastifyRequest } from 'fastify';

export function requestLanguage(request: FastifyRequest): TLanguage {
  const lang = (request.query as Record<string, unknown> | undefined)?.lang;
  return negotiateLanguage(typeof lang === 'string' ? lang : undefined, request.headers['accept-language']);
}

export function localize(request: FastifyRequest, message: TMessage | string): string {
  return typeof message === 'string' ? message : translate(message, requestLanguage(request));
}
