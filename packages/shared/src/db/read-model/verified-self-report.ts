import { sql, type RawBuilder } from 'kysely';
import type { TPolicy } from '../../domain/engine/engine-types.js';

/**
 * Whether the self-report `report` (an alias; its ballot photo joined as `ballot`, null when
 * it has none) counts as verified under the policy: its voter identified in a way the policy
 * verifies, with a ballot photo when one is required, and one no other voter ever sent when
 * it must be unique (TPolicy.verification).
 */
export function isVerifiedSelfReport(
  verification: TPolicy['verification'],
  report: string,
  ballot: string,
): RawBuilder<boolean> {
  const { identities, ballotPhotoRequired, ballotPhotoUnique } = verification;
  return sql<boolean>`(${sql.ref(`${report}.identity_kind`)} = any(${identities}::text[])
    and (not ${ballotPhotoRequired}::boolean or (${sql.ref(`${report}.ballot_photo_id`)} is not null
    and (not ${ballotPhotoUnique}::boolean or not ${sql.ref(`${ballot}.shared`)}))))`;
}
