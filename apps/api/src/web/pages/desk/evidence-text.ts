import {
  assertNever,
  findingKinds,
  type TFindingEvidence,
  type TStoredFormLine,
  type TSybilRun,
} from '@crosstally/shared';
import { forensicSignsText } from '../../forensic-signs.js';
import { html, type SafeHtml } from '../../html.js';
import type { TPage } from '../../page-context.js';
import { lineLabel, methodLabel, shortSha, subjectLabel, type TCandidate } from './desk-labels.js';

const knownKinds: readonly string[] = findingKinds;

function isKnownEvidence(evidence: unknown): evidence is TFindingEvidence {
  const kind = (evidence as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' && knownKinds.includes(kind);
}

/** A count that may have been redacted ("fewer than k") elsewhere; here it is a number. */
const n = (value: unknown) => (typeof value === 'number' ? value : JSON.stringify(value));

/**
 * The evidence of a finding in words, so an analyst reads what the engine saw — numbers,
 * lines, photos — rather than its JSON. Evidence of a kind this page does not know is shown
 * as stored.
 */
export function evidenceText(
  page: TPage,
  evidence: unknown,
  form: { lines: TStoredFormLine[]; candidates: TCandidate[] },
): SafeHtml {
  const { t } = page;
  if (!isKnownEvidence(evidence)) {
    return html`<p>${t('web.desk.ev.unknown')}</p>
      <pre class="raw">${JSON.stringify(evidence, null, 2)}</pre>`;
  }
  const line = (key: string) => lineLabel(page, form.lines, key);
  const e = evidence;
  switch (e.kind) {
    case 'crowd_exceeds_official':
      return html`<p>
        ${t('web.desk.ev.crowd', {
          verified: n(e.verified),
          unverified: n(e.unverified),
          source: e.source,
          candidate: subjectLabel(page, e.candidate, form.candidates),
          version: e.officialVersion,
          official: e.official,
          gap: n(e.gap),
        })}
        ${e.heldForReview && t('web.desk.ev.crowdHeld')}
      </p>`;
    case 'protocol_mismatch':
      return html`<p>
          ${t('web.desk.ev.mismatch', {
            photos: e.photos.map((p) => `${shortSha(p.sha256)} (${methodLabel(page, p.method)})`).join(', '),
            version: e.officialVersion,
          })}
        </p>
        <ul>
          ${e.lines.map(
            (d) =>
              html`<li>
                ${t('web.desk.ev.lineDiff', {
                  line: line(d.line),
                  official: d.official ?? '—',
                  photographed: d.photographed ?? '—',
                })}
              </li>`,
          )}
        </ul>`;
    case 'conflicting_protocols':
      return html`<p>${t('web.desk.ev.conflict', { lines: e.lines.map(line).join('; ') })}</p>
        <ul>
          ${e.groups.map(
            (g) =>
              html`<li>
                ${t('web.desk.ev.group', {
                  photos: g.photos.map(shortSha).join(', '),
                  values: e.lines.map((k) => `${line(k)}: ${g.values[k] ?? '—'}`).join('; '),
                })}
              </li>`,
          )}
        </ul>`;
    case 'arithmetic': {
      const params = { relation: e.relation, lhs: e.lhs, rhs: e.rhs };
      return html`<p>
        ${
          e.on === 'official'
            ? t('web.desk.ev.arithmeticOfficial', { ...params, version: e.officialVersion ?? '—' })
            : t('web.desk.ev.arithmeticPhoto', { ...params, photo: shortSha(e.photoSha256 ?? '') })
        }
      </p>`;
    }
    case 'official_revised':
      return html`<p>${t('web.desk.ev.revised', { versions: e.versions.map((v) => v.version).join(', ') })}</p>
        <ul>
          ${e.lines.map((l) => html`<li>${line(l.line)}: ${l.values.map((v) => v ?? '—').join(' → ')}</li>`)}
        </ul>`;
    case 'wrong_station':
      return html`<ul>
        ${e.photos.map(
          (p) =>
            html`<li>
              ${t('web.desk.ev.wrongStation', {
                photo: shortSha(p.sha256),
                read: p.stationCodeRead,
                method: methodLabel(page, p.method),
              })}
            </li>`,
        )}
      </ul>`;
    case 'duplicate_photo':
      return html`<ul>
        ${e.photos.map(
          (p) =>
            html`<li>
              ${t('web.desk.ev.duplicate', { photo: shortSha(p.sha256), stations: p.otherStations.join(', ') })}
            </li>`,
        )}
      </ul>`;
    case 'insufficient_evidence':
      return html`<p>
        ${t('web.desk.ev.insufficient', {
          missing: e.missing.map((m) => t(`web.desk.ev.missing.${m}`)).join(', '),
        })}
      </p>`;
    case 'forensic_signal':
      return forensicSignsText(page, e);
    case 'sybil_signal': {
      const run = (key: 'web.desk.ev.sybilBurst' | 'web.desk.ev.sybilFlood') => (r: TSybilRun) =>
        html`<li>
          ${t(key, { reports: n(r.reports), from: r.from, to: r.to, stationReports: n(r.stationReports) })}
        </li>`;
      return html`<ul>
          ${e.bursts.map(run('web.desk.ev.sybilBurst'))} ${e.floods.map(run('web.desk.ev.sybilFlood'))}
        </ul>
        <p>${t('web.desk.ev.sybilHold')}</p>`;
    }
    default:
      return assertNever(e);
  }
}
