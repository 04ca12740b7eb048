import { ballotProblems, type TLocalized, type TMessageKey } from '@crosstally/shared';
import { html, type SafeHtml } from '../../html.js';
import { layout } from '../../layout.js';
import type { TPage } from '../../page-context.js';
import type { TCheckErrors } from './check-form.js';
import { formTokenInput } from '../../form-token-input.js';

export type TCheckTask = { election: string; photoId: string; candidates: { key: string; name: TLocalized }[] };

function lastResult(page: TPage, last: TMessageKey | undefined): SafeHtml | undefined {
  return last && html`<p role="status" class="ok last-result">${page.t(last)}</p>`;
}

function fieldError(page: TPage, id: string, error: TMessageKey | undefined): SafeHtml | undefined {
  return error && html`<p class="field-error" id="${id}-error">${page.t(error)}</p>`;
}

/**
 * One ballot photo and three questions about it, nothing else: not the station, not the
 * candidate the voter named, so that each checker says only what the photo shows.
 */
export function checkPage(
  page: TPage,
  task: TCheckTask,
  state: { errors?: TCheckErrors; last?: TMessageKey } = {},
): SafeHtml {
  const { t } = page;
  const errors = state.errors ?? {};
  const image = `/v1/checks/ballots/${task.photoId}/image`;
  const described = (id: string, error: TMessageKey | undefined) =>
    error ? html`aria-invalid="true" aria-describedby="${id}-error"` : '';
  return layout(page, {
    title: t('web.check.title'),
    wide: true,
    // The digitizers' task layout: the photo as large as the screen allows, the questions beside it.
    assets: ['digitize.css'],
    body: html`<h1>${t('web.check.title')}</h1>
      ${lastResult(page, state.last)}
      <p>${t('web.check.intro')}</p>
      <div class="task">
        <figure class="task-photo">
          <img src="${image}" alt="${t('web.check.photoAlt')}" />
        </figure>
        <form method="post" action="${page.href(`/check/e/${task.election}/b/${task.photoId}`)}" class="task-form">
          ${formTokenInput(page)}
          <fieldset id="is-ballot" ${described('is-ballot', errors.isBallot)}>
            <legend>${t('web.check.isBallot')}</legend>
            <label class="choice"
              ><input type="radio" name="isBallot" value="yes" required /> ${t('web.check.yes')}</label
            >
            <label class="choice"><input type="radio" name="isBallot" value="no" /> ${t('web.check.no')}</label>
            ${fieldError(page, 'is-ballot', errors.isBallot)}
          </fieldset>
          <fieldset id="candidate" ${described('candidate', errors.candidate)}>
            <legend>${t('web.check.candidate')}</legend>
            ${task.candidates.map(
              (c) =>
                html`<label class="choice"
                  ><input type="radio" name="candidate" value="${c.key}" /> ${c.name[page.lang]}</label
                >`,
            )}
            <label class="choice"><input type="radio" name="candidate" value="" /> ${t('web.check.noCandidate')}</label>
            ${fieldError(page, 'candidate', errors.candidate)}
          </fieldset>
          <fieldset>
            <legend>${t('web.check.problems')}</legend>
            ${ballotProblems.map(
              (p) =>
                html`<label class="choice"
                  ><input type="checkbox" name="problems" value="${p}" /> ${t(`web.check.problem.${p}`)}</label
                >`,
            )}
          </fieldset>
          <button type="submit">${t('web.check.submit')}</button>
        </form>
      </div>`,
  });
}

/** Nothing left for this person: say so, and offer to look again. */
export function nothingToCheckPage(page: TPage, election: string, last: TMessageKey | undefined): SafeHtml {
  const { t } = page;
  return layout(page, {
    title: t('web.check.noneTitle'),
    body: html`<h1>${t('web.check.noneTitle')}</h1>
      ${lastResult(page, last)}
      <p>${t('web.check.none')}</p>
      <p><a href="${page.href(`/check/e/${election}`)}" autofocus>${t('web.check.reload')}</a></p>`,
  });
}

/** A check the server would not take: why, and the way on. */
export function refusedCheckPage(page: TPage, election: string, message: TMessageKey): SafeHtml {
  const { t } = page;
  return layout(page, {
    title: t('web.error.title'),
    body: html`<h1>${t('web.error.title')}</h1>
      <p class="error" role="alert">${t(message)}</p>
      <p><a href="${page.href(`/check/e/${election}`)}" autofocus>${t('web.check.next')}</a></p>`,
  });
}
