import type { TLocalized } from '@crosstally/shared';
import { html, type SafeHtml } from '../../html.js';
import type { TPage } from '../../page-context.js';
import { formTokenInput } from '../../form-token-input.js';

/** A form the server refused, shown again with the reason inside it. */
export type TFormRefusal = { form: 'photo' | 'vote'; message: string; detail?: string | undefined };

function refusalNote(refusal: TFormRefusal | undefined): SafeHtml | undefined {
  return (
    refusal &&
    html`<p class="error" role="alert" id="${refusal.form}-error">${refusal.message}</p>
      ${refusal.detail && html`<p class="muted" lang="en">${refusal.detail}</p>`}`
  );
}

/**
 * The two things a voter can send. Plain multipart forms: they work with JavaScript off.
 * With it on, app.js takes over forms marked data-queue: it sends them itself, keeps them
 * while there is no network, and retries when the network returns. A protocol photo is kept
 * on the device (a public document); how someone voted, beside their phone number, only in
 * the open page (data-keep="page").
 */
export function photoForm(page: TPage, action: string, api: string, maxMb: number, refusal?: TFormRefusal): SafeHtml {
  const { t } = page;
  return html`<form
    method="post"
    action="${action}"
    enctype="multipart/form-data"
    class="stack card"
    data-queue="photo"
    data-api="${api}"
    data-label="${t('web.upload.title')}"
  >
    ${formTokenInput(page)}
    <h2 id="upload-heading">${t('web.upload.title')}</h2>
    ${refusalNote(refusal)}
    <p class="muted" id="photo-hint">${t('web.upload.hint')}</p>
    <label for="photo">${t('web.upload.photo', { mb: maxMb })}</label>
    <input
      id="photo"
      name="photo"
      type="file"
      accept="image/*"
      capture="environment"
      required
      aria-describedby="photo-hint"
    />
    <button type="submit">${t('web.upload.submit')}</button>
  </form>`;
}

/**
 * The token field has no inputmode="tel" of its own: an invitation code has letters (app.js
 * sets it while "phone" is chosen). The ballot input has no capture: the ballot is
 * photographed in the booth, before this page is opened, so it comes from the gallery.
 */
export function voteForm(
  page: TPage,
  action: string,
  api: string,
  station: string,
  candidates: { key: string; name: TLocalized }[],
  refusal?: TFormRefusal,
): SafeHtml {
  const { t } = page;
  return html`<form
    method="post"
    action="${action}"
    enctype="multipart/form-data"
    class="stack card"
    data-queue="vote"
    data-keep="page"
    data-api="${api}"
    data-label="${t('web.vote.title')}"
  >
    ${formTokenInput(page)}
    <h2>${t('web.vote.title')}</h2>
    ${refusalNote(refusal)}
    <input type="hidden" name="station" value="${station}" />
    <fieldset>
      <legend>${t('web.vote.candidate')}</legend>
      ${candidates.map(
        (c, i) =>
          html`<label class="choice"
            ><input type="radio" name="candidate" value="${c.key}" ${i === 0 ? html` required` : ''} />
            ${c.name[page.lang]}</label
          >`,
      )}
    </fieldset>
    <fieldset>
      <legend>${t('web.vote.voterKind')}</legend>
      <label class="choice"
        ><input type="radio" name="voterKind" value="phone" checked /> ${t('web.vote.kind.phone')}</label
      >
      <label class="choice"><input type="radio" name="voterKind" value="code" /> ${t('web.vote.kind.code')}</label>
    </fieldset>
    <label for="voterToken">${t('web.vote.voterToken')}</label>
    <input id="voterToken" name="voterToken" required maxlength="200" autocomplete="off" />
    <label for="ballot">${t('web.vote.ballot')}</label>
    <input id="ballot" name="ballot" type="file" accept="image/*" />
    <button type="submit">${t('web.vote.submit')}</button>
  </form>`;
}

/** Where app.js lists what it holds for sending; its texts come translated from here. */
export function outboxPanel(page: TPage): SafeHtml {
  const { t } = page;
  return html`<section
    id="outbox"
    hidden
    aria-live="polite"
    data-waiting="${t('web.queue.waiting')}"
    data-waiting-page="${t('web.queue.waitingPage')}"
    data-sending="${t('web.queue.sending', { percent: '{percent}' })}"
    data-sent="${t('web.queue.sent')}"
    data-rejected="${t('web.queue.rejected', { reason: '{reason}' })}"
    data-receipt="${t('web.receipt.title')}"
  >
    <h2>${t('web.queue.title')}</h2>
    <ul></ul>
  </section>`;
}
