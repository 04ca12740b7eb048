import { sql, type RawBuilder } from 'kysely';
import type { TPolicy } from '../../domain/engine/engine-types.js';

/**
 * Whether the self-report `report` (an alias; its ballot photo joined as `ballot`, null when
 * it has none) counts as verified under the policy: its voter identified in a way the policy
 * verifies, with a ballot photo when one is required, one no other voter ever sent (nor a near
 * copy of it: the worker has compared it with every other voter's, `printed_at`) when it must
 * be unique, and one that enough checkers agreed shows a vote for the report's candidate
 * (TPolicy.verification). Until the comparison has run, a photo proves nothing: a copy checked
 * by people before the worker got to it must not count in the meantime.
 */
export function isVerifiedSelfReport(
  verification: TPolicy['verification'],
  report: string,
  ballot: string,
): RawBuilder<boolean> {
  const { identities, ballotPhotoRequired, ballotPhotoUnique, ballotChecks } = verification;
  const col = (table: string, column: string) => sql.ref(`${table}.${column}`);
  return sql<boolean>`(${col(report, 'identity_kind')} = any(${identities}::text[])
    and (not ${ballotPhotoRequired}::boolean or (${col(report, 'ballot_photo_id')} is not null
    and (not ${ballotPhotoUnique}::boolean or (not ${col(ballot, 'shared')} and ${col(ballot, 'printed_at')} is not null))
    and (${ballotChecks}::int = 0 or (${col(ballot, 'agreed_verdict')} = 'ballot'
      and ${col(ballot, 'agreed_candidate_id')} = ${col(report, 'candidate_id')}
      and ${col(ballot, 'agreed_votes')} >= ${ballotChecks}::int)))))`;
}
