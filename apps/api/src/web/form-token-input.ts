import { formTokenField } from '../auth/cross-site.js';
import { html, type SafeHtml } from './html.js';
import type { TPage } from './page-context.js';

/** The session's form token as a hidden field: first thing in every POST form. */
export function formTokenInput(page: TPage): SafeHtml {
  return page.formToken ? html`<input type="hidden" name="${formTokenField}" value="${page.formToken}" />` : html``;
}
