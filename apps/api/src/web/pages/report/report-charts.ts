import type { Db, TLanguage } from '@crosstally/shared';
import type { RawBuilder } from 'kysely';
import type { TElectionRegistry } from '../../../repositories/election.repository.js';
import { resultLinesOf } from '@crosstally/shared';
import { binByChildRegion } from '../../charts/turnout-bins.js';
import type { TChartsData } from './charts-view.js';
import { loadTurnoutPoints, type ElectionLeaders } from './turnout-points.js';

/**
 * The numbers behind the charts of one selection: the lines the form measures turnout and
 * share with, the election's leader, and the binned stations of the selection and of each
 * region one level below it. Null when the form has no such lines or nothing is imported.
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
  const { points, incomplete } = await loadTurnoutPoints(db, electionId, lines, leader.key, scope, region);
  const { all, children } = binByChildRegion(points, region);
  const candidate = registry.candidates.find((c) => c.key === leader.candidate);
  return {
    lines,
    leader: { name: candidate?.name[lang] ?? leader.label[lang], line: leader },
    region,
    all,
    children,
    incomplete,
  };
}
