import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { markStationsDirty, parseCount } from '@crosstally/shared';
import { sql } from 'kysely';
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
  const { id: importId } = await trx
    .insertInto('partner_import')
    .values({ election_id: electionId, file_sha256: input.sha256, rows_total: input.rows.length })
    .returning('id')
    .executeTakeFirstOrThrow();
  const changed = await sql<{ station_id: number }>`
    insert into partner_tally (election_id, station_id, source, line_key, verified, unverified, import_id)
    select ${electionId}, * , ${importId} from unnest(
      ${input.rows.map((r) => idByCode.get(r.stationCode)!)}::int[], ${input.rows.map((r) => r.source)}::text[],
      ${input.rows.map((r) => r.lineKey)}::text[], ${input.rows.map((r) => r.verified)}::int[],
      ${input.rows.map((r) => r.unverified)}::int[])
    on conflict on constraint partner_tally_station_source_line_uq do update set
      verified = excluded.verified, unverified = excluded.unverified, import_id = excluded.import_id, updated_at = now()
    where (partner_tally.verified, partner_tally.unverified) is distinct from (excluded.verified, excluded.unverified)
    returning station_id`.execute(trx);
  if (changed.rows.length === 0) await trx.deleteFrom('partner_import').where('id', '=', importId).execute();
  await markStationsDirty(trx, electionId, [...new Set(changed.rows.map((r) => r.station_id))]);
  return {
    rows: input.rows.length,
    changed: changed.rows.length,
    unchanged: input.rows.length - changed.rows.length,
  };
}

async function readAll(input: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
