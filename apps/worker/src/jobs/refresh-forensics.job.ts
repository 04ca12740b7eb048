import type { TRefreshForensicsJob } from '@crosstally/shared';
import { refreshForensicFlags } from '../findings/refresh-forensic-flags.js';
import type { TRecomputeDeps } from './recompute-station.job.js';

export type TRefreshForensicsOutcome =
  { kind: 'gone' } | { kind: 'refreshed'; written: number; cleared: number; signalled: number };

/** An election's forensic-signal flags from its official results as they stand now. */
export async function handleRefreshForensics(
  payload: TRefreshForensicsJob,
  deps: TRecomputeDeps,
): Promise<TRefreshForensicsOutcome> {
  const form = await deps.forms.get(payload.electionId);
  if (!form) return { kind: 'gone' };
  return {
    kind: 'refreshed',
    ...(await refreshForensicFlags(deps.db, { id: form.electionId, lines: form.form.lines })),
  };
}
