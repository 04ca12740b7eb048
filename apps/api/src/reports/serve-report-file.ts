import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TReportLease } from './report-files.js';

/**
 * A built report to its reader: 304 when the reader holds this very content, gzip when the
 * reader takes it, the file read from disk at the reader's pace and closed with the socket.
 */
export function serveReportFile(
  request: FastifyRequest,
  reply: FastifyReply,
  lease: TReportLease,
  how: { type: string; scoped: boolean; disposition?: string },
): FastifyReply {
  reply
    .header('etag', lease.etag)
    .header('vary', 'accept-encoding')
    // A scoped report (an analyst's regions) must not be kept by a shared cache.
    .header('cache-control', how.scoped ? 'private, no-cache' : 'no-cache');
  for (const [name, value] of Object.entries(lease.headers)) reply.header(name, value);
  if (matches(request.headers['if-none-match'], lease.etag)) {
    lease.done();
    return reply.status(304).send();
  }
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  const stream = lease.stream(gzip);
  // A reader that goes away (or is timed out for not reading) closes the file with it.
  reply.raw.once('close', () => stream.destroy());
  if (gzip) reply.header('content-encoding', 'gzip');
  if (how.disposition) reply.header('content-disposition', how.disposition);
  return reply
    .type(how.type)
    .header('content-length', String(gzip ? lease.gzipSize : lease.size))
    .send(stream);
}

function matches(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const tags = (Array.isArray(header) ? header.join(',') : header).split(',').map((t) => t.trim());
  return tags.includes('*') || tags.includes(etag) || tags.includes(`W/${etag}`);
}

/**
 * Runs `work` with the socket's idle timeout off: the rule is for readers who stop reading,
 * and while a report is being built it is the server that is silent, not the reader.
 */
export async function whileServerWorks<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  // An injected request (tests, the demo feed) has a stand-in socket with no timeout at all.
  const socket = typeof reply.raw.socket?.setTimeout === 'function' ? reply.raw.socket : null;
  const idle = socket?.timeout ?? 0;
  if (idle > 0) socket!.setTimeout(0);
  try {
    return await work();
  } finally {
    if (idle > 0 && !socket!.destroyed) socket!.setTimeout(idle);
  }
}
