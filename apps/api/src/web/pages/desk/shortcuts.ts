import type { TMessageKey } from '@crosstally/shared';
import { html, type SafeHtml } from '../../html.js';
import type { TPage } from '../../page-context.js';

type TShortcut = { keys: string[]; what: TMessageKey };

const queueKeys: TShortcut[] = [
  { keys: ['j', 'k'], what: 'web.desk.keys.nextPrevious' },
  { keys: ['Enter'], what: 'web.desk.keys.open' },
  { keys: ['?'], what: 'web.desk.keys.help' },
];

const stationKeys: TShortcut[] = [
  { keys: ['c'], what: 'web.desk.keys.confirm' },
  { keys: ['d'], what: 'web.desk.keys.dismiss' },
  { keys: ['m'], what: 'web.desk.keys.needsEvidence' },
  { keys: ['n'], what: 'web.desk.keys.note' },
  { keys: ['?'], what: 'web.desk.keys.help' },
];

/**
 * The shortcuts, open on the page (desk.js makes `?` close and open the list). Without
 * JavaScript the station view's accesskeys still work, so the list says how to press them.
 */
export function shortcutsHelp(page: TPage, where: 'queue' | 'station'): SafeHtml {
  const { t } = page;
  const list = where === 'queue' ? queueKeys : stationKeys;
  return html`<details class="shortcuts" id="shortcuts" open>
    <summary>${t('web.desk.keys.title')}</summary>
    <ul>
      ${list.map(
        (s) => html`<li>${s.keys.map((k, i) => html`${i > 0 ? ' / ' : ''}<kbd>${k}</kbd>`)} — ${t(s.what)}</li>`,
      )}
    </ul>
    ${where === 'station' && html`<p>${t('web.desk.keys.accesskeys')}</p>`}
    <p class="muted">${t('web.desk.keys.typing')}</p>
  </details>`;
}
