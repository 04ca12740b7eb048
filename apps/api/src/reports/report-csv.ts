import { strongestStrength, type TPublicCount, type TPublicReportRow, type TStoredFormLine } from '@crosstally/shared';

/**
 * The report as one plain table: one header row, one row per flagged station, columns a
 * spreadsheet opens as they are. Counts below the publication threshold read "<k".
 */
export function reportCsvHeader(lines: TStoredFormLine[], candidates: string[]): string {
  return csvLine([
    'region',
    'station',
    'name_be',
    'name_ru',
    'kinds',
    'strength',
    'min_stolen_votes',
    'official_version',
    ...lines.map((l) => `official_${l.key}`),
    ...lines.map((l) => `photographed_${l.key}`),
    ...candidates.flatMap((c) => [`reports_verified_${c}`, `reports_unverified_${c}`]),
    'photos_sha256',
    'sources',
  ]);
}

export function reportCsvRow(row: TPublicReportRow, lines: TStoredFormLine[], candidates: string[]): string {
  // Published findings carry their numbers: one that rests on counts below k is withheld whole.
  const proofs = row.findings.filter((f) => f.strength === 'proof' && f.minStolenVotes !== null);
  const minStolen = proofs.length > 0 ? String(proofs.reduce((sum, f) => sum + (f.minStolenVotes ?? 0), 0)) : '';
  const sources = [
    ...new Set(row.findings.flatMap((f) => (f.evidence.kind === 'crowd_exceeds_official' ? [f.evidence.source] : []))),
  ].sort();
  return csvLine([
    textCell(row.region),
    textCell(row.station),
    textCell(row.nameBe),
    textCell(row.nameRu),
    [...new Set(row.findings.map((f) => f.kind))].join(';'),
    strongestStrength(row.findings),
    minStolen,
    row.officialVersion === null ? '' : String(row.officialVersion),
    ...lines.map((l) => valueText(row.official?.[l.key])),
    ...lines.map((l) => valueText(row.photographed?.[l.key])),
    ...candidates.flatMap((c) => {
      const counts = row.crowd[c];
      return counts ? [countText(counts.verified), countText(counts.unverified)] : ['0', '0'];
    }),
    row.photos.join(' '),
    textCell(sources.join(';')),
  ]);
}

/**
 * A text a spreadsheet must show as text: one that starts as a formula would (= + - @, a tab
 * or a carriage return) gets a leading apostrophe, which Excel and LibreOffice read as "text"
 * (OWASP's advice on CSV injection). Station and region names and partners' names come from
 * outside; numbers never pass through here.
 */
export function textCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function valueText(v: number | undefined): string {
  return v === undefined ? '' : String(v);
}

function countText(c: TPublicCount): string {
  return typeof c === 'number' ? String(c) : `<${c.fewerThan}`;
}

/** RFC 4180: quote a field when it holds a comma, quote or line break; lines end in CRLF. */
export function csvLine(fields: string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',') + '\r\n';
}
