import { isConfirmedIdentity } from '@crosstally/shared';
import type { TSelfReportOutcome } from '../../../intake/self-report-intake.js';
import type { findPhotoWithReadings } from '../../../repositories/photo.repository.js';
import { html, type SafeHtml } from '../../html.js';
import type { TPage } from '../../page-context.js';

type TPhoto = NonNullable<Awaited<ReturnType<typeof findPhotoWithReadings>>>['photo'];

/** What a voter keeps after reporting: what was recorded, the ballot photo's fingerprint, the way back. */
export function voteReceipt(page: TPage, outcome: TSelfReportOutcome, candidate: string): SafeHtml {
  const { t } = page;
  return html`<h1>${t('web.receipt.title')}</h1>
    <p role="status" class="ok">${t(`selfReport.${outcome.status}`)} ${t('web.receipt.voteIntro', { candidate })}</p>
    ${!isConfirmedIdentity(outcome.identity) && html`<p class="note">${t('selfReport.claimOnly')}</p>`}
    ${
      outcome.ballotPhoto &&
      html`<dl class="facts">
        <dt>${t('web.receipt.sha256')}</dt>
        <dd><code>${outcome.ballotPhoto.sha256}</code></dd>
      </dl>`
    }
    <p><a href="${page.href(page.here)}">${t('web.error.back')}</a></p>`;
}

/** A protocol photo's receipt: its fingerprint and what became of it, nothing about the sender. */
export function photoReceipt(page: TPage, photo: TPhoto, known: boolean): SafeHtml {
  const { t } = page;
  const statusUrl = page.href(`/photos/${photo.id}`);
  return html`<h1>${t('web.receipt.title')}</h1>
    <p role="status" class="ok">${t('web.receipt.photoIntro')}</p>
    ${known && html`<p>${t('web.receipt.known')}</p>`}
    <dl class="facts">
      <dt>${t('web.receipt.sha256')}</dt>
      <dd><code class="hash">${photo.sha256}</code></dd>
      <dt>${t('web.receipt.status')}</dt>
      <dd id="photo-status">${t(`web.status.${photo.status}`)}</dd>
      ${
        // Why, in the sender's language; the worker's own reason is technical English for the team.
        photo.status === 'failed' &&
        html`<dt>${t('web.receipt.failure')}</dt>
          <dd>${t(`photo.failure.${photo.failure_code ?? 'other'}`)}</dd>`
      }
      <dt>${t('web.receipt.link')}</dt>
      <dd><a href="${statusUrl}">${statusUrl}</a></dd>
    </dl>
    <p>
      <a href="${page.href(`/e/${photo.election_code}/s/${encodeURIComponent(photo.station_code)}`)}"
        >${t('web.error.back')}</a
      >
    </p>`;
}
