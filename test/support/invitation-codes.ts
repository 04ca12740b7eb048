import { loadOrCreateSecret } from '@crosstally/shared';
import { issueInvitationCodes } from '../../apps/api/src/identities/invitation-codes.js';
import { electionCode } from './election-fixture.js';
import type { TTestApi } from './test-api.js';

/** Codes issued as an admin issues them (the use case the CLI calls), for tests that need verified voters. */
export async function issueCodes(
  api: TTestApi,
  count: number,
  options: { election?: string; region?: string } = {},
): Promise<string[]> {
  const secret = await loadOrCreateSecret(api.config.secretFile);
  const issued = await issueInvitationCodes(
    { db: api.database.db, registry: api.deps.registry, secret },
    'test:admin',
    options.election ?? electionCode,
    { count, region: options.region },
  );
  return issued.codes;
}
