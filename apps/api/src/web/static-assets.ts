import { readdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { setSecurityHeaders } from './security-headers.js';

// Same folder from src/web and from dist/web: apps/api/static.
const folder = new URL('../../static/', import.meta.url);
const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The pages' own stylesheets and scripts, read once, served from this origin only. */
export function registerStaticAssets(app: FastifyInstance): void {
  const loaded = readdirSync(folder)
    .filter((name) => Object.keys(types).some((ext) => name.endsWith(ext)))
    .map((name) => ({
      name,
      type: types[name.slice(name.lastIndexOf('.'))]!,
      body: readFileSync(new URL(name, folder)),
    }));
  for (const asset of loaded) {
    app.get(`/static/${asset.name}`, async (_request, reply) => {
      setSecurityHeaders(reply);
      // Short: a fix to the page's script must reach phones that keep a page open for days.
      reply.header('cache-control', 'public, max-age=300');
      return reply.type(asset.type).send(asset.body);
    });
  }
}
