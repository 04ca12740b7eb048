import type { TLanguage, TMessageKey, TPublicReportRow } from '@crosstally/shared';
import type { TReviewStatus } from '@crosstally/shared';
import { html, type SafeHtml } from '../../html.js';
import type { TPage } from '../../page-context.js';
import { findingKey } from '../../../repositories/review.repository.js';

type TFinding = TPublicReportRow['findings'][number];

export type TFlaggedData = {
  election: string;
  rows: TPublicReportRow[];
  more: boolean;
  /** Review statuses for readers who review (admins, analysts); null for everyone else. */
  statuses: Map<string, TReviewStatus> | null;
  candidateName: (key: string, lang: TLanguage) => string;
};

/** How big a finding is, in one short phrase: the excess, the difference, the lines or photos. */
function gapText(page: TPage, f: TFinding, candidateName: TFlaggedData['candidateName']): string {
  const e = f.evidence;
  switch (e.kind) {
    case 'crowd_exceeds_official':
      return page.t(e.heldForReview ? 'web.report.gap.crowdHeld' : 'web.report.gap.crowd', {
        gap: e.gap,
        candidate: candidateName(e.candidate, page.lang),
      });
    case 'arithmetic':
      return page.t('web.report.gap.arithmetic', { difference: Math.abs(e.lhs - e.rhs), relation: e.relation });
    case 'protocol_mismatch':
      return page.t('web.report.gap.lines', { count: e.lines.length });
    case 'conflicting_protocols':
      return page.t('web.report.gap.lines', { count: e.lines.length });
    case 'official_revised':
      return page.t('web.report.gap.lines', { count: e.lines.length });
    case 'wrong_station':
    case 'duplicate_photo':
      return page.t('web.report.gap.photos', { count: e.photos.length });
    case 'insufficient_evidence':
      return '';
    case 'forensic_signal':
      return page.t('web.report.gap.score', { score: e.score.toFixed(1) });
    case 'sybil_signal':
      return page.t('web.report.gap.runs', { count: e.bursts.length + e.floods.length });
  }
}

/** The flagged stations: one row per finding, each station linking to its public page. */
export function flaggedView(page: TPage, data: TFlaggedData): SafeHtml {
  const { t } = page;
  const caption = t('web.report.flagged.caption');
  if (data.rows.length === 0) {
    return html`<h2 id="flagged">${t('web.report.flagged.title')}</h2>
      <p>${t('web.report.flagged.none')}</p>`;
  }
  return html`<h2 id="flagged">${t('web.report.flagged.title')}</h2>
    ${data.more && html`<p class="muted">${t('web.report.flagged.more', { count: data.rows.length })}</p>`}
    <div class="table-scroll" tabindex="0" role="region" aria-label="${caption}">
      <table class="flagged">
        <caption>
          ${caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('web.report.col.station')}</th>
            <th scope="col">${t('web.report.col.region')}</th>
            <th scope="col">${t('web.report.col.kind')}</th>
            <th scope="col">${t('web.report.col.strength')}</th>
            <th scope="col">${t('web.report.col.gap')}</th>
            <th scope="col" class="num">${t('web.report.col.minStolen')}</th>
            ${data.statuses && html`<th scope="col">${t('web.report.col.status')}</th>`}
          </tr>
        </thead>
        <tbody>
          ${data.rows.flatMap((row) =>
            row.findings.map((f) => {
              const status = data.statuses?.get(findingKey(row.station, f.kind, f.subject));
              return html`<tr class="strength-${f.strength}">
                <td>
                  <a href="${page.href(`/e/${encodeURIComponent(data.election)}/s/${encodeURIComponent(row.station)}`)}"
                    >${row.station}</a
                  >
                </td>
                <td>${row.region}</td>
                <td>${t(`web.kind.${f.kind}` as TMessageKey)}</td>
                <td>${t(`web.strength.${f.strength}` as TMessageKey)}</td>
                <td>${gapText(page, f, data.candidateName)}</td>
                <td class="num">${f.minStolenVotes ?? ''}</td>
                ${data.statuses && html`<td>${status ? t(`web.report.status.${status}` as TMessageKey) : ''}</td>`}
              </tr>`;
            }),
          )}
        </tbody>
      </table>
    </div>`;
}
