import type { TMessageKey, TStoredFormLine } from '@crosstally/shared';
import { html, type SafeHtml } from '../../html.js';
import { layout } from '../../layout.js';
import type { TPage } from '../../page-context.js';
import { lineField, type TFieldErrors, type TTypedForm } from './entry-form.js';
import { formTokenInput } from '../../form-token-input.js';

/** `hasSheet`: the worker found the printed sheet, so each line can be shown cut out of the photo. */
export type TTask = { election: string; photoId: string; station: string; hasSheet: boolean };
export type TTaskState = { typed?: TTypedForm; errors?: TFieldErrors; last?: TMessageKey };

const assets = ['digitize.css', 'digitize.js'];
const inputId = (key: string) => `line-${key}`;

function lastResult(page: TPage, last: TMessageKey | undefined): SafeHtml | undefined {
  return last && html`<p role="status" class="ok last-result">${page.t(last)}</p>`;
}

function fieldError(page: TPage, id: string, error: TMessageKey | undefined): SafeHtml | undefined {
  return error && html`<p class="field-error" id="${id}-error">${page.t(error)}</p>`;
}

function lineRow(page: TPage, task: TTask, line: TStoredFormLine, state: TTaskState, autofocus: boolean): SafeHtml {
  const id = inputId(line.key);
  const error = state.errors?.[line.key];
  // The line as photographed, right above its field: the eye need not search the whole photo.
  const seen =
    task.hasSheet &&
    html`<img
      class="line-photo"
      src="/v1/digitize/photos/${task.photoId}/lines/${line.key}"
      alt="${page.t('web.digitize.lineAlt', { number: line.number })}"
      loading="lazy"
    />`;
  return html`<div class="entry-line${error ? ' invalid' : ''}">
    ${seen}
    <label for="${id}"><span class="line-number">${line.number}</span> ${line.label[page.lang]}</label>
    <input
      id="${id}"
      name="${lineField(line.key)}"
      inputmode="numeric"
      autocomplete="off"
      spellcheck="false"
      maxlength="15"
      value="${state.typed?.lines[line.key] ?? ''}"
      ${error ? html`aria-invalid="true" aria-describedby="${id}-error"` : ''}
      ${autofocus ? html`autofocus` : ''}
    />
    ${fieldError(page, id, error)}
  </div>`;
}

/**
 * The double-entry task: the photo as large as the screen allows, beside it one field per
 * protocol line in protocol order. The first field (or the first wrong one) has the focus,
 * so a digitizer types, tabs, and presses Enter on the last line without touching the mouse.
 */
export function taskPage(
  page: TPage,
  task: TTask,
  lines: readonly TStoredFormLine[],
  state: TTaskState = {},
): SafeHtml {
  const { t } = page;
  const image = `/v1/digitize/photos/${task.photoId}/image`;
  const errors = state.errors ?? {};
  const errorCount = Object.keys(errors).length;
  const focusKey = lines.find((l) => errors[l.key])?.key ?? (errors.stationCode ? undefined : lines[0]?.key);
  const title = t('web.digitize.task', { station: task.station });
  return layout(page, {
    title,
    wide: true,
    assets,
    body: html`<h1 class="task-title">${title}</h1>
      ${lastResult(page, state.last)}
      <div class="task">
        <figure class="task-photo">
          <img src="${image}" alt="${t('web.digitize.photoAlt', { station: task.station })}" />
          <figcaption><a href="${image}">${t('web.digitize.fullSize')}</a></figcaption>
        </figure>
        <form
          method="post"
          action="${page.href(`/digitize/e/${task.election}/p/${task.photoId}`)}"
          class="task-form"
          id="entry"
        >
          ${formTokenInput(page)}
          ${errorCount > 0 && html`<p class="error" role="alert">${t('web.digitize.error.summary', { count: errorCount })}</p>`}
          <div class="entry-line station-line${errors.stationCode ? ' invalid' : ''}">
            <label for="station-code">${t('web.digitize.stationCode')}</label>
            <input
              id="station-code"
              name="stationCode"
              autocomplete="off"
              spellcheck="false"
              maxlength="64"
              value="${state.typed?.stationCode ?? task.station}"
              aria-describedby="station-hint${errors.stationCode ? ' station-code-error' : ''}"
              ${errors.stationCode ? html`aria-invalid="true" autofocus` : ''}
            />
            <p class="hint" id="station-hint">${t('web.digitize.stationHint', { station: task.station })}</p>
            ${fieldError(page, 'station-code', errors.stationCode)}
          </div>
          <fieldset>
            <legend>${t('web.digitize.lines')}</legend>
            ${lines.map((line) => lineRow(page, task, line, state, line.key === focusKey))}
          </fieldset>
          <button type="submit">${t('web.digitize.submit')}</button>
          <p class="hint">${t('web.digitize.keys')}</p>
        </form>
      </div>`,
  });
}

/** The queue is empty for this person: say so, and offer to look again. */
export function nothingToTypePage(page: TPage, election: string, last: TMessageKey | undefined): SafeHtml {
  const { t } = page;
  return layout(page, {
    title: t('web.digitize.noneTitle'),
    assets,
    body: html`<h1>${t('web.digitize.noneTitle')}</h1>
      ${lastResult(page, last)}
      <p>${t('web.digitize.none')}</p>
      <p><a href="${page.href(`/digitize/e/${election}`)}" autofocus>${t('web.digitize.reload')}</a></p>`,
  });
}

/** An entry the server would not take (typed this photo already): why, and the way on. */
export function refusedEntryPage(page: TPage, election: string, message: TMessageKey): SafeHtml {
  const { t } = page;
  return layout(page, {
    title: t('web.error.title'),
    body: html`<h1>${t('web.error.title')}</h1>
      <p class="error" role="alert">${t(message)}</p>
      <p><a href="${page.href(`/digitize/e/${election}`)}" autofocus>${t('web.digitize.next')}</a></p>`,
  });
}
