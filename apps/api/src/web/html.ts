/** Markup that is already safe to write into a page: made only by `html` or `raw`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c]!);
}

/** Trusted markup (our own SVG, say), written as it is. Never pass anything a user typed. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

export type THtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly THtmlValue[];

function render(value: THtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * A template tag that escapes every interpolated value unless it is SafeHtml, so a station
 * name or an uploader's text can never become markup. Arrays are joined; null, undefined and
 * booleans write nothing (so `${cond && html`...`}` works).
 */
export function html(strings: TemplateStringsArray, ...values: THtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Attribute-less helper for optional attributes: `<input ${attr('required', isRequired)}>`. */
export function attr(name: string, on: boolean): SafeHtml {
  return new SafeHtml(on ? ` ${name}` : '');
}
