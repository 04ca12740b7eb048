import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { TApiDeps } from './deps.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { registerTextGuard } from './plugins/text-guard.js';
import { registerAuth } from './plugins/auth.js';
import { baselineSecurityHeaders, docsContentSecurityPolicy } from './web/security-headers.js';
import { multipartFieldChars } from './intake/upload-error.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { adminRoutes } from './routes/admin/index.js';
import { authRoutes } from './routes/auth/index.js';
import { userRoutes } from './routes/users/index.js';
import { reviewRoutes } from './routes/review/index.js';
import { digitizeRoutes } from './routes/digitize/index.js';
import { ballotCheckRoutes } from './routes/ballot-checks/index.js';
import { telegramRoutes } from './routes/telegram/index.js';
import { electionRoutes } from './routes/elections/index.js';
import { healthRoutes } from './routes/health/index.js';
import { photoRoutes } from './routes/photos/index.js';
import { reportRoutes } from './routes/reports/index.js';
import { selfReportRoutes } from './routes/self-reports/index.js';
import { webRoutes } from './web/web-routes.js';
import { handleWebError } from './web/error-page.js';
import { isWebPath } from './web/web-path.js';

/** The HTTP application: external plugins, then ours, then routes. Starts nothing by itself. */
export async function buildApp(deps: TApiDeps, logger: Logger): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Slow, filtered connections are the normal case for our uploaders; idle ones are not,
    // nor a reader that stopped reading a download.
    connectionTimeout: deps.config.socketIdleSeconds * 1000,
    requestTimeout: 300_000,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    // Addresses the router cannot even parse (bad percent-encoding, a parameter too long):
    // a page for the site's readers, the usual JSON error for the API's.
    frameworkErrors: (error, request, rawReply) => {
      const reply = rawReply as FastifyReply;
      if (!isWebPath(request.url)) {
        void reply.status(error.statusCode ?? 400).send({ error: 'bad_request', message: error.message });
        return;
      }
      // Fastify does not wait on this hook: a page that cannot be drawn still gets an answer.
      handleWebError(error, request as FastifyRequest, reply).catch((failure: unknown) => {
        request.log.error({ err: failure }, 'the error page failed');
        if (!reply.sent) void reply.status(400).send('Bad request');
      });
    },
  });
  app.decorate('deps', deps);
  app.decorate('loginThrottle', new LoginThrottle());
  // Every route, as registered: the access-matrix test checks that each one has a row.
  const routeList: { method: string; url: string }[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeList.push({ method, url: route.url });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  app.addHook('onSend', async (request, reply, payload) => {
    for (const [name, value] of Object.entries(baselineSecurityHeaders(request.protocol === 'https'))) {
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
    return payload;
  });
  registerTextGuard(app);
  await app.register(cookie);
  registerAuth(app);

  await app.register(multipart, {
    limits: {
      fileSize: deps.config.maxPhotoBytes,
      files: 1,
      fields: 10,
      fieldSize: multipartFieldChars,
      parts: 12,
      headerPairs: 100,
    },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'CrossTally API',
        description: 'Evidence intake and election registry of a crowdsourced parallel vote tabulation.',
        version: '1',
      },
    },
    transform: jsonSchemaTransform,
  });
  // Served from the package's own files: no third-party origin is ever contacted.
  // Under a policy of ours: the plugin's own allows https: styles and fonts, images from a
  // validator on another origin, and framing. Swagger UI sets inline styles from its script.
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    transformStaticCSP: () => docsContentSecurityPolicy,
  });

  await app.register(healthRoutes);
  await app.register(electionRoutes);
  await app.register(selfReportRoutes);
  await app.register(photoRoutes);
  await app.register(reportRoutes);
  await app.register(adminRoutes);
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(reviewRoutes);
  await app.register(digitizeRoutes);
  await app.register(ballotCheckRoutes);
  await app.register(telegramRoutes);
  await app.register(webRoutes);
  return app;
}
