import formbody from '@fastify/formbody';
import { negotiateLanguage } from '@crosstally/shared';
import type { FastifyInstance } from 'fastify';
import { handleWebError } from './error-page.js';
import { registerStaticAssets } from './static-assets.js';
import { accountPages } from './pages/account/index.js';
import { voterPages } from './pages/voter/index.js';
import { deskPages } from './pages/desk/index.js';
import { digitizePages } from './pages/digitize/index.js';
import { ballotCheckPages } from './pages/ballot-check/index.js';
import { reportPages } from './pages/report/index.js';

/**
 * The web site: server-rendered pages in three languages under /be, /ru and /en, plain
 * forms that work with JavaScript off, and our own CSS and script. Its own error handler
 * answers with pages, so the JSON API's errors are untouched.
 */
export async function webRoutes(app: FastifyInstance): Promise<void> {
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  app.setErrorHandler(handleWebError);
  registerStaticAssets(app);
  app.get('/', async (request, reply) =>
    reply.redirect(`/${negotiateLanguage(undefined, request.headers['accept-language'])}/`, 303),
  );
  voterPages(app);
  accountPages(app);
  deskPages(app);
  digitizePages(app);
  ballotCheckPages(app);
  reportPages(app);
}
