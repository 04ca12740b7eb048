import type { TStationSign } from '@crosstally/shared';
import { html, type SafeHtml } from './html.js';
import type { TPage } from './page-context.js';

/** A station's forensic signs in the reader's language, with the score that ranks them. */
export function forensicSignsText(page: TPage, evidence: { score: number; signs: TStationSign[] }): SafeHtml {
  const { t } = page;
  return html`<ul>
      ${evidence.signs.map((sign) => {
        const measure = t(`web.sign.measure.${sign.measure}`);
        return html`<li>
          ${
            sign.sign === 'high'
              ? t('web.sign.high', {
                  measure,
                  value: sign.valuePct,
                  z: sign.robustZ,
                  where: t(`web.sign.where.${sign.against === 'region' ? 'region' : 'nation'}`),
                  median: sign.medianPct,
                })
              : t('web.sign.wholePercent', { measure, value: sign.valuePct, chance: sign.chancePct })
          }
        </li>`;
      })}
    </ul>
    <p>${t('web.sign.score', { score: evidence.score })}</p>`;
}
