import { sql, type RawBuilder } from 'kysely';
import { resultLinesOf, stationResultOf, type TResultFormLine } from '../domain/forensics/result-lines.js';
import type { TStationResult } from '../domain/forensics/station-result.js';
import { summarizeForensics, type TForensicSummary } from '../domain/forensics/summarize-forensics.js';
import type { Db } from './create-db.js';
import { isLatestOfficial } from './read-model/latest-official.js';
import { agreedLineValues } from './read-model/strongest-reading.js';

export type TElectionResults = {
  /** One per station with a complete result, its region the top level of its path. */
  stations: TStationResult[];
  /** Station code → id, for writing flags. */
  ids: Map<string, number>;
  /** Stations whose result lacks a line forensics or the estimate need. */
  incomplete: number;
};

// A station's region for statistics: the top level of its path (an oblast), where the
// stations are many enough for a median and a stratum.
const topRegion = sql<string>`split_part(r.path, '/', 1)`;

/** A station and one set of its protocol numbers, as both loaders select them. */
type TStationRow = {
  id: number;
  code: string;
  region: string;
  voters_on_list: number | null;
  line_values: Record<string, number>;
};

function toResults(lines: readonly TResultFormLine[], rows: TStationRow[]): TElectionResults {
  const mapping = resultLinesOf(lines);
  const stations: TStationResult[] = [];
  const ids = new Map<string, number>();
  let incomplete = 0;
  for (const row of rows) {
    const result = mapping
      ? stationResultOf(mapping, row.line_values, {
          region: row.region,
          station: row.code,
          votersOnList: row.voters_on_list,
        })
      : null;
    if (result) {
      stations.push(result);
      ids.set(row.code, row.id);
    } else incomplete += 1;
  }
  return { stations, ids, incomplete };
}

/** Each station's latest official result, in the reader's scope. */
export async function loadOfficialResults(
  db: Db,
  electionId: number,
  lines: readonly TResultFormLine[],
  scope: RawBuilder<boolean>,
): Promise<TElectionResults> {
  const { rows } = await sql<TStationRow>`
    select s.id, s.code, ${topRegion} as region, s.voters_on_list, o.line_values
    from official_result o
    join station s on s.id = o.station_id
    join region r on r.id = s.region_id
    where o.election_id = ${electionId} and ${scope}
      and ${isLatestOfficial('o')}
    order by s.code`.execute(db);
  return toResults(lines, rows);
}

/**
 * Each station's agreed protocol: per photo its strongest reading (QR, then double entry,
 * then OCR), then the protocol most photos agree on. A station whose photos show different
 * protocols (an open conflicting_protocols flag) has no agreed protocol and is left out.
 */
export async function loadAgreedReadings(
  db: Db,
  electionId: number,
  lines: readonly TResultFormLine[],
  scope: RawBuilder<boolean>,
): Promise<TElectionResults> {
  const { rows } = await sql<TStationRow>`
    select s.id, s.code, ${topRegion} as region, s.voters_on_list, agreed.line_values
    from station s
    join region r on r.id = s.region_id
    join lateral (select ${agreedLineValues('s.id')} as line_values) agreed on agreed.line_values is not null
    where s.election_id = ${electionId} and ${scope}
      and not exists (select 1 from flag f where f.station_id = s.id and f.kind = 'conflicting_protocols'
        and f.cleared_at is null)
    order by s.code`.execute(db);
  return toResults(lines, rows);
}

/** Stations per top-level region in the registry: the frame the sample is drawn from. */
export async function loadStationFrame(
  db: Db,
  electionId: number,
  scope: RawBuilder<boolean>,
): Promise<Record<string, number>> {
  const { rows } = await sql<{ region: string; stations: number }>`
    select ${topRegion} as region, count(*)::int as stations
    from station s join region r on r.id = s.region_id
    where s.election_id = ${electionId} and ${scope}
    group by 1`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.region, r.stations]));
}

/** Every station, for figures that the whole election stands behind (the forensic flags). */
export const wholeElection = sql<boolean>`true`;

/**
 * The forensic summary of the official results in the reader's scope; null before any
 * complete result is imported. Signals only: the summary says so of itself. The report
 * shows it and the worker writes its station signals as flags: one computation for both.
 */
export async function electionForensics(
  db: Db,
  election: { id: number; lines: readonly TResultFormLine[] },
  scope: RawBuilder<boolean>,
): Promise<{ summary: TForensicSummary | null; incomplete: number; ids: Map<string, number> }> {
  const official = await loadOfficialResults(db, election.id, election.lines, scope);
  const hasVotes = official.stations.some((s) => Object.values(s.votes).some((v) => v > 0) && s.registered > 0);
  return {
    summary: hasVotes ? summarizeForensics(official.stations) : null,
    incomplete: official.incomplete,
    ids: official.ids,
  };
}
