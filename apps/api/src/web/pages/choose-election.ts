import type { TLocalized, TMessageKey } from '@crosstally/shared';
import type { FastifyReply } from 'fastify';
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import type { TPage } from '../page-context.js';

/**
 * A desk's first page: the elections the person works on, or straight to the only one. `base`
 * is the desk's path (`/digitize`); an election's desk is `base/e/<code>`.
 */
export function chooseElectionPage(
  page: TPage,
  reply: FastifyReply,
  elections: { code: string; name: TLocalized }[],
  texts: { base: string; title: TMessageKey; none: TMessageKey; choose: TMessageKey },
): SafeHtml | FastifyReply {
  const deskOf = (code: string) => page.href(`${texts.base}/e/${code}`);
  if (elections.length === 1) return reply.redirect(deskOf(elections[0]!.code), 303);
  const { t } = page;
  return layout(page, {
    title: t(texts.title),
    body: html`<h1>${t(texts.title)}</h1>
      ${
        elections.length === 0
          ? html`<p>${t(texts.none)}</p>`
          : html`<p>${t(texts.choose)}</p>
              <ul>
                ${elections.map((e) => html`<li><a href="${deskOf(e.code)}">${e.name[page.lang]}</a></li>`)}
              </ul>`
      }`,
  });
}
