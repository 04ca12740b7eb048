import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Request logs keep method, route and status only: no client address, no query string, no
 * headers. Logs are data at rest too, and a participant's address is what gets them found.
 */
export const logSerializers = {
  req(request: FastifyRequest) {
    return { id: request.id, method: request.method, url: request.url.split('?')[0] };
  },
  res(reply: FastifyReply) {
    return { statusCode: reply.statusCode };
  },
};
