import { translate, type TLanguage } from '@crosstally/shared';
import type { TIssuedCodes } from '../identities/invitation-codes.js';
import { html } from '../web/html.js';

/** The codes as CSV for whoever hands them out (a mail merge, a spreadsheet). */
export function codesCsv(issued: TIssuedCodes): string {
  // Codes and batch names are letters, digits and dashes; a region path is quoted.
  const region = issued.region === null ? '' : `"${issued.region.replace(/"/g, '""')}"`;
  return ['code,election,region,batch', ...issued.codes.map((c) => `${c},${issued.election},${region},${issued.batch}`)]
    .join('\n')
    .concat('\n');
}

/**
 * A printable sheet of cards, one code each, to be cut apart and handed to voters: readable on
 * paper without the site, in the organisers' language. Nothing on it but the code, where it may
 * be used and how.
 */
export function codesSheet(issued: TIssuedCodes, lang: TLanguage): string {
  const t = (key: Parameters<typeof translate>[0]['key'], params?: Record<string, string | number>) =>
    translate({ key, ...(params ? { params } : {}) }, lang);
  const where = issued.region ?? t('codes.sheet.anywhere');
  const page = html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <title>${t('codes.sheet.title')} · ${issued.election} · ${issued.batch}</title>
        <style>
          body {
            font-family: sans-serif;
            margin: 1cm;
          }
          .cards {
            display: grid;
            grid-template-columns: repeat(2, 1fr);
            gap: 0;
          }
          .card {
            border: 1px dashed #555;
            padding: 0.6cm;
            break-inside: avoid;
          }
          .code {
            font: bold 1.4rem/1.4 monospace;
            letter-spacing: 0.08em;
          }
          .small {
            font-size: 0.8rem;
          }
        </style>
      </head>
      <body>
        <h1>${t('codes.sheet.title')}</h1>
        <p class="small">
          ${issued.election} · ${issued.batch} · ${t('codes.sheet.count', { n: issued.codes.length })}
        </p>
        <div class="cards">
          ${issued.codes.map(
            (code) =>
              html`<div class="card">
                <div>${t('codes.sheet.card')}</div>
                <div class="code">${code}</div>
                <div class="small">${t('codes.sheet.region')}: ${where}</div>
                <p class="small">${t('codes.sheet.howTo')}</p>
              </div>`,
          )}
        </div>
      </body>
    </html> `;
  return page.value;
}
