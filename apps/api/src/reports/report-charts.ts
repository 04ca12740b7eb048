import {
  resultLinesOf,
  stationResultOf,
  type Db,
  type TLanguage,
  type TResultLines,
  type TStationResult,
  type TStoredFormLine,
} from '@crosstally/shared';
import type { RawBuilder } from 'kysely';
import type { TElectionRegistry } from '../repositories/election.repository.js';
import { listLatestOfficialResults } from '../repositories/official-result.repository.js';
import type { ElectionLeaders } from './election-leaders.js';

export type TChartsData = {
  lines: TResultLines<TStoredFormLine>;
  leader: { name: string; line: TResultLines<TStoredFormLine>['candidates'][number] };
  /** null: the whole election. */
  region: string | null;
  /** The stations of the selection with a complete latest official result, full region paths. */
  stations: TStationResult[];
  /** Stations whose result lacks a line the charts need: counted, not guessed. */
  incomplete: number;
};

/**
 * The numbers behind the charts of one selection: the lines the form measures turnout and
 * share with, the election's leader, and the official results of the selection's stations. Null when the form has no such lines or nothing is imported.
 */
export async function loadReportCharts(
  db: Db,
  leaders: ElectionLeaders,
  registry: TElectionRegistry,
  scope: RawBuilder<boolean>,
  region: string | null,
  lang: TLanguage,
): Promise<TChartsData | null> {
  const lines = resultLinesOf(registry.lines);
  if (!lines) return null;
  const electionId = registry.election.id;
  const leader = await leaders.leaderOf(electionId, lines.candidates);
  if (!leader) return null;
  const rows = await listLatestOfficialResults(db, electionId, scope, region);
  const stations: TStationResult[] = [];
  for (const row of rows) {
    const at = { region: row.region, station: row.code, votersOnList: row.voters_on_list };
    const result = stationResultOf(lines, row.line_values, at);
    if (result) stations.push(result);
  }
  const candidate = registry.candidates.find((c) => c.key === leader.candidate);
  return {
    lines,
    leader: { name: candidate?.name[lang] ?? leader.label[lang], line: leader },
    region,
    stations,
    incomplete: rows.length - stations.length,
  };
}
