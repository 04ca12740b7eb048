import { reportedStrengths, strengths, type TStoredFormLine } from '@crosstally/shared';
import { html, type SafeHtml } from '../../html.js';
import type { TPage } from '../../page-context.js';
import { fromParam } from './desk-forms.js';
import { formatTime, kindLabel, statusBadge, strengthBadge, subjectMarkup, type TCandidate } from './desk-labels.js';
import { evidenceText } from './evidence-text.js';
import type { TStationView } from './numbers-table.js';
import { formTokenInput } from '../../form-token-input.js';

type TFinding = TStationView['findings'][number];

/** A form field the analyst got wrong, shown beside the field and at the top of the page. */
export type TFieldError = { flagId: string; field: 'reason' | 'text'; message: string };

export type TFindingsContext = {
  /** `/desk/e/:election/s/:station`, without the language. */
  base: string;
  /** The queue the station was opened from: the forms carry it through their redirect. */
  from: string | undefined;
  form: { lines: TStoredFormLine[]; candidates: TCandidate[] };
  assigneeOf: Map<string, string | null>;
  /** The finding the keyboard shortcuts act on when focus is in none of them. */
  currentId: string | undefined;
  me: string | null;
  error?: TFieldError | undefined;
};

// A strength a newer engine wrote sorts last rather than breaking the page.
const rankOf = (strength: string) => {
  const rank = (strengths as readonly string[]).indexOf(strength);
  return rank < 0 ? strengths.length : rank;
};

/** Strongest first; findings the evidence no longer supports last. */
export function orderFindings(findings: TFinding[]): TFinding[] {
  return [...findings].sort((a, b) => Number(a.cleared) - Number(b.cleared) || rankOf(a.strength) - rankOf(b.strength));
}

/** Findings a person decides on: standing, and more than information. */
export function isActionable(f: TFinding): boolean {
  return !f.cleared && (reportedStrengths as readonly string[]).includes(f.strength);
}

/** The first finding still waiting for a decision, else the first one can act on. */
export function chooseCurrent(findings: TFinding[], asked: string | undefined): string | undefined {
  const actionable = findings.filter(isActionable);
  if (asked && actionable.some((f) => f.id === asked)) return asked;
  return (actionable.find((f) => f.status === 'open' || f.status === 'reopened') ?? actionable[0])?.id;
}

export function findingsList(page: TPage, findings: TFinding[], ctx: TFindingsContext): SafeHtml {
  if (findings.length === 0) return html`<p>${page.t('web.desk.findingsNone')}</p>`;
  return html`${orderFindings(findings).map((f) => findingView(page, f, ctx))}`;
}

function findingView(page: TPage, f: TFinding, ctx: TFindingsContext): SafeHtml {
  const { t } = page;
  const current = f.id === ctx.currentId;
  const assignee = ctx.assigneeOf.get(f.id) ?? null;
  const subject = f.subject && subjectMarkup(page, f.subject, ctx.form.candidates);
  return html`<article
    class="finding${current ? ' current' : ''}${f.cleared ? ' cleared' : ''}"
    id="flag-${f.id}"
    data-flag="${f.id}"
    ${current && html`data-current="true"`}
    aria-labelledby="flag-${f.id}-title"
  >
    <h3 id="flag-${f.id}-title">
      ${kindLabel(page, f.kind)}${subject && html` — <span class="subject">${subject}</span>`}
      ${strengthBadge(page, f.strength)}
      ${current && html`<span class="badge current-mark">${t('web.desk.current')}</span>`}
    </h3>
    <dl class="facts">
      <dt>${t('web.desk.filter.status')}</dt>
      <dd class="review-status">${statusBadge(page, f.status)}</dd>
      ${
        f.minStolenVotes !== null &&
        html`<dt>${t('web.desk.col.gap')}</dt>
          <dd>${f.minStolenVotes}</dd>`
      }
      <dt>${t('web.desk.col.assigned')}</dt>
      <dd>${assignee ?? t('web.desk.nobody')}</dd>
    </dl>
    <h4>${t('web.desk.evidence')}</h4>
    ${evidenceText(page, f.evidence, ctx.form)} ${f.cleared && html`<p class="muted">${t('web.desk.cleared')}</p>`}
    ${isActionable(f) && actionForms(page, f, ctx, current, assignee)}
    <h4>${t('web.desk.history')}</h4>
    ${history(page, f)}
  </article>`;
}

function actionForms(page: TPage, f: TFinding, ctx: TFindingsContext, current: boolean, assignee: string | null) {
  const { t } = page;
  const action = (what: string) => page.href(`${ctx.base}/flags/${f.id}/${what}${fromParam(ctx.from)}`);
  const key = (letter: string) => html`data-key="${letter}" ${current && html`accesskey="${letter}"`}`;
  const error = (field: TFieldError['field']) =>
    ctx.error?.flagId === f.id && ctx.error.field === field ? ctx.error : undefined;
  const fieldError = (id: string, field: TFieldError['field']) => {
    const e = error(field);
    return e && html`<p class="error field-error" id="${id}-error">${e.message}</p>`;
  };
  const invalid = (id: string, field: TFieldError['field']) =>
    error(field) && html`aria-invalid="true" aria-describedby="${id}-error"`;
  const reasonId = `reason-${f.id}`;
  const noteId = `note-${f.id}`;
  return html`<div class="actions">
    <form method="post" action="${action('decision')}" class="decide">
      ${formTokenInput(page)}
      <label for="${reasonId}">${t('web.desk.reason')}</label>
      <textarea
        id="${reasonId}"
        name="reason"
        rows="2"
        maxlength="2000"
        ${key('d')}
        ${invalid(reasonId, 'reason')}
      ></textarea>
      ${fieldError(reasonId, 'reason')}
      <div class="buttons">
        <button type="submit" name="decision" value="confirm" ${key('c')}>${t('web.desk.confirm')}</button>
        <button type="submit" name="decision" value="dismiss" class="danger">${t('web.desk.dismiss')}</button>
        <button type="submit" name="decision" value="needs_evidence" class="secondary" ${key('m')}>
          ${t('web.desk.needsEvidence')}
        </button>
      </div>
    </form>
    <form method="post" action="${action('note')}" class="note">
      ${formTokenInput(page)}
      <label for="${noteId}">${t('web.desk.note')}</label>
      <textarea id="${noteId}" name="text" rows="2" maxlength="5000" ${key('n')} ${invalid(noteId, 'text')}></textarea>
      ${fieldError(noteId, 'text')}
      <div class="buttons"><button type="submit" class="secondary">${t('web.desk.addNote')}</button></div>
    </form>
    <form method="post" action="${action('assign')}" class="assign buttons">
      ${formTokenInput(page)}
      ${
        assignee !== ctx.me &&
        html`<button type="submit" name="to" value="me" class="secondary">${t('web.desk.assignMe')}</button>`
      }
      ${
        assignee !== null &&
        html`<button type="submit" name="to" value="nobody" class="secondary">${t('web.desk.unassign')}</button>`
      }
    </form>
  </div>`;
}

function history(page: TPage, f: TFinding): SafeHtml {
  const { t } = page;
  const entries = [
    ...f.reviews.map((r) => ({
      at: r.at,
      body: html`<strong>${t(`web.desk.decision.${r.decision}`)}</strong>${r.reason && html`: ${r.reason}`}`,
      by: r.by,
    })),
    ...f.notes.map((n) => ({ at: n.at, body: html`${t('web.desk.noteWord')}: ${n.text}`, by: n.by })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  if (entries.length === 0) return html`<p class="muted">${t('web.desk.historyNone')}</p>`;
  return html`<ol class="history">
    ${entries.map(
      (e) =>
        html`<li><span class="muted">${formatTime(e.at)} · ${e.by}</span> — <span class="entry">${e.body}</span></li>`,
    )}
  </ol>`;
}
