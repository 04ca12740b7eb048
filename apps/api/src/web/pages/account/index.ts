import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { logIn } from '../../../accounts/credentials.service.js';
import { loginSource } from '../../../auth/login-source.js';
import { endSession, setSessionCookie } from '../../../auth/session-cookie.js';
import { attr, html } from '../../html.js';
import { layout } from '../../layout.js';
import type { TPage } from '../../page-context.js';
import { webPage } from '../../web-page.js';
import { formTokenInput } from '../../form-token-input.js';

const ZLoginForm = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
  next: z.string().max(500).optional(),
});

/**
 * Only a path on this site: `next` must never send someone to another origin. Printable ASCII
 * only (our links are percent-encoded): anything else would make the Location header invalid.
 */
function safeNext(page: TPage, next: string | undefined): string {
  return next && /^\/(?![/\\])[!-~]*$/.test(next) ? page.href(next) : page.href('/');
}

const textField = (body: unknown, name: string): string | undefined => {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
};

function loginPage(page: TPage, next: string | undefined, error?: string, username = '') {
  const { t } = page;
  return layout(page, {
    title: t('web.login.title'),
    body: html`<h1>${t('web.login.title')}</h1>
      ${error && html`<p class="error" role="alert" id="login-error">${error}</p>`}
      <form method="post" action="${page.href('/login')}" class="stack">
        ${formTokenInput(page)}
        <input type="hidden" name="next" value="${next ?? ''}" />
        <label for="username">${t('web.login.username')}</label>
        <input
          id="username"
          name="username"
          autocomplete="username"
          required
          maxlength="100"
          value="${username}"
          ${attr('autofocus', username === '')}
        />
        <label for="password">${t('web.login.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          maxlength="1000"
          ${attr('autofocus', username !== '')}
        />
        <button type="submit">${t('web.login.submit')}</button>
      </form>`,
  });
}

export function accountPages(app: FastifyInstance): void {
  const { deps } = app;
  const sessions = { ...deps, throttle: app.loginThrottle };

  webPage(app, {
    method: 'GET',
    url: '/login',
    handler: async (request, _reply, page) => {
      const next = (request.query as { next?: string }).next;
      return loginPage(page, typeof next === 'string' ? next : undefined);
    },
  });

  webPage(app, {
    method: 'POST',
    url: '/login',
    handler: async (request, reply, page) => {
      const form = ZLoginForm.safeParse(request.body ?? {});
      if (!form.success) {
        // Keep where the person was going and the name they typed; the password is typed again.
        const next = textField(request.body, 'next')?.slice(0, 500);
        reply.status(400);
        return loginPage(page, next, page.t('web.login.failed'), textField(request.body, 'username')?.slice(0, 100));
      }
      const { username, password, next } = form.data;
      const outcome = await logIn(sessions, username, password, loginSource(deps, request));
      if (outcome.kind === 'wait') {
        reply.status(429).header('retry-after', String(outcome.seconds));
        return loginPage(page, next, page.t('web.login.wait', { seconds: outcome.seconds }), username);
      }
      if (outcome.kind === 'failed') {
        reply.status(401);
        return loginPage(page, next, page.t('web.login.failed'), username);
      }
      setSessionCookie(request, reply, outcome.secret, outcome.maxAgeSeconds);
      const home = outcome.role === 'digitizer' ? '/digitize' : outcome.role === 'journalist' ? '/report' : '/desk';
      return reply.redirect(next ? safeNext(page, next) : page.href(home), 303);
    },
  });

  webPage(app, {
    method: 'POST',
    url: '/logout',
    handler: async (request, reply, page) => {
      await endSession(deps, request, reply);
      return reply.redirect(page.href('/'), 303);
    },
  });
}
