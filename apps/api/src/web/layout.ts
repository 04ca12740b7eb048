import { languages } from '@crosstally/shared';
import { roleOf } from '../auth/principal.js';
import { html, type SafeHtml } from './html.js';
import type { TPage } from './page-context.js';
import { formTokenInput } from './form-token-input.js';

const languageNames = { be: 'Беларуская', ru: 'Русский', en: 'English' } as const;

export type TLayout = {
  title: string;
  body: SafeHtml;
  /** Pages for long work (the desks) use the full width. */
  wide?: boolean;
  /** Extra files from apps/api/static for this page: `['desk.css', 'desk.js']`. */
  assets?: string[];
};

/** The frame of every page: skip link, navigation, language switch, footer. */
export function layout(page: TPage, { title, body, wide, assets = [] }: TLayout): SafeHtml {
  const { t, href } = page;
  const role = roleOf(page.principal);
  const staff = role !== 'anonymous';
  const who = page.principal.kind === 'user' ? page.principal.username : 'admin';
  return html`<!doctype html>
    <html lang="${page.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <link rel="icon" href="data:," />
        <title>${title} · ${t('web.brand')}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/app.js" defer></script>
        ${assets.map((a) =>
          a.endsWith('.css')
            ? html`<link rel="stylesheet" href="/static/${a}" /> `
            : html`<script src="/static/${a}" defer></script> `,
        )}
      </head>
      <body>
        <a class="skip" href="#main">${t('web.skip')}</a>
        <header class="top">
          <nav aria-label="${t('web.nav.main')}" class="nav">
            <a class="brand" href="${href('/')}">${t('web.brand')}</a>
            <a href="${href('/')}">${t('web.nav.find')}</a>
            <a href="${href('/report')}">${t('web.nav.report')}</a>
            ${staff && ['admin', 'analyst'].includes(role) && html`<a href="${href('/desk')}">${t('web.nav.desk')}</a>`}
            ${staff && ['admin', 'digitizer'].includes(role) && html`<a href="${href('/digitize')}">${t('web.nav.digitize')}</a>`}
            ${staff && ['admin', 'digitizer'].includes(role) && html`<a href="${href('/check')}">${t('web.nav.check')}</a>`}
            ${
              staff
                ? html`<form method="post" action="${href('/logout')}" class="inline">
                    ${formTokenInput(page)}
                    <button type="submit" class="link">${t('web.nav.logout', { user: who })}</button>
                  </form>`
                : html`<a href="${href('/login')}">${t('web.nav.login')}</a>`
            }
          </nav>
          <nav aria-label="${t('web.nav.languages')}" class="langs">
            ${languages.map((l) =>
              l === page.lang
                ? html`<span aria-current="true" lang="${l}">${languageNames[l]}</span>`
                : html`<a href="/${l}${page.here}" lang="${l}" hreflang="${l}">${languageNames[l]}</a>`,
            )}
          </nav>
        </header>
        <main id="main" class="${wide ? 'wide' : 'narrow'}" tabindex="-1">${body}</main>
        <footer class="foot"><p>${t('web.footer.anonymity')}</p></footer>
      </body>
    </html>`;
}
