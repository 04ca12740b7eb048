import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { markStationsDirty, parseCount } from '@crosstally/shared';
import { deletePartnerImport, insertPartnerImport, upsertPartnerTallies } from '../repositories/partner.repository.js';
import { CsvRowError, readCsvRecords } from './csv-records.js';
import { stationIdsForRows } from './station-ids.js';
import type { TElectionRegistry } from '../repositories/election.repository.js';
import type { DbOrTrx } from '../repositories/election.repository.js';

export const partnerColumns = ['station_code', 'subject', 'verified', 'unverified', 'source'] as const;

export type TPartnerRow = {
  line: number;
  stationCode: string;
  lineKey: string;
  verified: number;
  unverified: number;
  source: string;
};

/**
 * A coalition partner's per-station counts. `subject` is a candidate key or a protocol line
 * key; candidates are stored by their line so that both read the same way.
 */
export async function readPartnerCsv(
  input: Readable | Buffer | string,
  registry: TElectionRegistry,
): Promise<{ rows: TPartnerRow[]; sha256: string }> {
  const lineByCandidate = new Map(registry.lines.filter((l) => l.candidate).map((l) => [l.candidate!, l.key]));
  const lineKeys = new Set(registry.lines.map((l) => l.key));
  const text = typeof input === 'string' || Buffer.isBuffer(input) ? input : await readAll(input);
  const { records } = await readCsvRecords(text, { required: partnerColumns });
  const seen = new Map<string, number>();
  const rows = records.map(({ line, values }) => {
    const subject = values.subject ?? '';
    const lineKey = lineByCandidate.get(subject) ?? (lineKeys.has(subject) ? subject : undefined);
    if (!lineKey)
      throw new CsvRowError(
        line,
        'subject',
        `"${subject}" is neither a candidate nor a protocol line of this election`,
      );
    const source = (values.source ?? '').trim();
    if (source.length === 0 || source.length > 200)
      throw new CsvRowError(line, 'source', 'the source name is required (at most 200 characters)');
    if (source === 'self_reports')
      throw new CsvRowError(line, 'source', '"self_reports" is reserved for our own reports');
    const counts = { verified: 0, unverified: 0 };
    for (const column of ['verified', 'unverified'] as const) {
      const parsed = parseCount(values[column] ?? '');
      if (!parsed.ok) throw new CsvRowError(line, column, parsed.error);
      counts[column] = parsed.value;
    }
    const key = `${values.station_code}\n${source}\n${lineKey}`;
    const first = seen.get(key);
    if (first !== undefined)
      throw new CsvRowError(line, 'subject', `the same station, subject and source appear on line ${first}`);
    seen.set(key, line);
    return { line, stationCode: values.station_code ?? '', lineKey, source, ...counts };
  });
  return { rows, sha256: createHash('sha256').update(text).digest('hex') };
}

/** One transaction; counts that did not change are not rewritten, so a re-import changes nothing. */
export async function importPartnerTallies(
  trx: DbOrTrx,
  registry: TElectionRegistry,
  input: { rows: TPartnerRow[]; sha256: string },
) {
  const electionId = registry.election.id;
  const idByCode = await stationIdsForRows(trx, registry, input.rows);
  const importId = await insertPartnerImport(trx, electionId, input.sha256, input.rows.length);
  const changed = await upsertPartnerTallies(trx, electionId, importId, input.rows, idByCode);
  // An import that changed nothing leaves no record: re-sending a file is not news.
  if (changed.length === 0) await deletePartnerImport(trx, importId);
  await markStationsDirty(trx, electionId, [...new Set(changed)]);
  return {
    rows: input.rows.length,
    changed: changed.length,
    unchanged: input.rows.length - changed.length,
  };
}

async function readAll(input: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
