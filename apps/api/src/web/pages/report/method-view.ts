import {
  findingMethods,
  identityKinds,
  selfSelectionWarning,
  type TIdentityKind,
  type TMessageKey,
  type TPolicy,
} from '@crosstally/shared';
import { html, type SafeHtml } from '../../html.js';
import type { TPage } from '../../page-context.js';

/** The report files, with the page's filter: what a journalist cites and a scientist re-checks. */
export function downloadsView(page: TPage, election: string, query: string, k: number): SafeHtml {
  const base = `/v1/elections/${encodeURIComponent(election)}/report`;
  return html`<h2 id="downloads">${page.t('web.report.downloads.title')}</h2>
    <ul>
      <li><a href="${base}.csv${query}">${page.t('web.report.downloads.csv')}</a></li>
      <li><a href="${base}.json${query}">${page.t('web.report.downloads.json')}</a></li>
    </ul>
    <p>${page.t('web.report.redaction', { k })}</p>`;
}

/** How each finding is made and how strong it can be, in plain words, and what the sample is not. */
export function methodView(
  page: TPage,
  policy: TPolicy,
  identities: { kind: TIdentityKind; reports: number; verified: number }[],
): SafeHtml {
  const { t, lang } = page;
  const kinds = Object.entries(findingMethods).filter(([, m]) => !m.strength.includes('info'));
  return html`<h2 id="method">${t('web.report.method.title')}</h2>
    <p>${selfSelectionWarning[lang]}</p>
    <dl class="method">
      ${kinds.map(
        ([kind, m]) =>
          html`<dt>${t(`web.kind.${kind}` as TMessageKey)}</dt>
            <dd>
              <p>${m.text[lang]}</p>
              <p class="muted">
                ${t('web.report.method.strengths', {
                  list: m.strength.map((s) => t(`web.strength.${s}` as TMessageKey)).join(', '),
                })}
              </p>
            </dd>`,
      )}
    </dl>
    ${verifiedView(page, policy, identities)}
    <p>${t('web.report.method.charts')}</p>
    <p class="muted">${t('web.report.method.policy', { policy: policy.id, k: policy.publicationThreshold })}</p>`;
}

/**
 * What "verified" means under the policy in force, in plain words, and in numbers: the reports
 * of each identity kind and how many of them counted as verified.
 */
function verifiedView(
  page: TPage,
  policy: TPolicy,
  identities: { kind: TIdentityKind; reports: number; verified: number }[],
): SafeHtml {
  const { t } = page;
  const { verification } = policy;
  const kindName = (kind: TIdentityKind) => t(`web.identity.${kind}` as TMessageKey);
  const ballot = !verification.ballotPhotoRequired
    ? t('web.report.verified.noBallot')
    : verification.ballotPhotoUnique
      ? t('web.report.verified.uniqueBallot')
      : t('web.report.verified.anyBallot');
  const rows = identityKinds
    .map((kind) => identities.find((i) => i.kind === kind) ?? { kind, reports: 0, verified: 0 })
    .filter((i) => i.reports > 0 || verification.identities.includes(i.kind));
  const checked = verification.ballotPhotoRequired && verification.ballotChecks > 0;
  return html`<h3 id="verified">${t('web.report.verified.title')}</h3>
    <p>
      ${t('web.report.verified.rule', {
        kinds: verification.identities.map(kindName).join(', ') || t('web.report.verified.noKind'),
        ballot,
      })}
      ${checked && t('web.report.verified.checks', { n: verification.ballotChecks })} ${t('web.report.verified.others')}
    </p>
    <table>
      <thead>
        <tr>
          <th scope="col">${t('web.report.verified.kind')}</th>
          <th scope="col">${t('web.report.verified.reports')}</th>
          <th scope="col">${t('web.report.verified.counted')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <th scope="row">${kindName(r.kind)}</th>
              <td>${r.reports}</td>
              <td>${r.verified}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}
