import {
  findingKinds,
  readingMethods,
  strengths,
  type TFindingKind,
  type TLocalized,
  type TStoredFormLine,
} from '@crosstally/shared';
import type { TReviewStatus } from '@crosstally/shared';
import { html, type SafeHtml } from '../../html.js';
import type { TPage } from '../../page-context.js';

const namedKinds: readonly string[] = findingKinds;
const namedStrengths: readonly string[] = strengths;
const namedMethods: readonly string[] = readingMethods;

// Flags come from the database as plain strings; a kind a newer engine wrote is shown as it
// is rather than breaking the page.
export function kindLabel(page: TPage, kind: string): string {
  return namedKinds.includes(kind) ? page.t(`web.kind.${kind as TFindingKind}`) : kind;
}

export function strengthLabel(page: TPage, strength: string): string {
  return namedStrengths.includes(strength) ? page.t(`web.strength.${strength as 'proof'}`) : strength;
}

export function statusLabel(page: TPage, status: TReviewStatus): string {
  return page.t(`web.desk.status.${status}`);
}

export function methodLabel(page: TPage, method: string): string {
  return namedMethods.includes(method) ? page.t(`web.desk.method.${method as 'qr'}`) : method;
}

export type TCandidate = { key: string; name: TLocalized };

/** What a finding is about: a candidate by name, a relation as written in the form. */
export function subjectLabel(page: TPage, subject: string, candidates: TCandidate[]): string {
  return candidates.find((c) => c.key === subject)?.name[page.lang] ?? subject;
}

/** As `subjectLabel`, with a relation set as code: it is written in the form's own terms. */
export function subjectMarkup(page: TPage, subject: string, candidates: TCandidate[]): SafeHtml {
  const candidate = candidates.find((c) => c.key === subject);
  return candidate ? html`${candidate.name[page.lang]}` : html`<code>${subject}</code>`;
}

export function lineLabel(page: TPage, lines: TStoredFormLine[], key: string): string {
  const line = lines.find((l) => l.key === key);
  return line ? `${line.number}. ${line.label[page.lang]}` : key;
}

/** A badge that says the strength in words (colour only repeats it). */
export function strengthBadge(page: TPage, strength: string): SafeHtml {
  return html`<span class="badge strength-${strength}">${strengthLabel(page, strength)}</span>`;
}

export function statusBadge(page: TPage, status: TReviewStatus): SafeHtml {
  return html`<span class="badge status-${status}">${statusLabel(page, status)}</span>`;
}

/** Minutes in UTC: analysts in several time zones compare notes by the same clock. */
export function formatTime(iso: string | Date): string {
  const text = typeof iso === 'string' ? iso : iso.toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}

export function shortSha(sha256: string): string {
  return `${sha256.slice(0, 10)}…`;
}
