import { reviewStatus, reviewStatusOf, type TReviewDecision } from '@crosstally/shared';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearEvidence, createReadModelFixture, type TReadModelFixture } from '../../support/read-model.js';

// The review status as the report's SQL gives it, against reviewStatus() on the same rows.
let fixture: TReadModelFixture;
let userId: number;
beforeAll(async () => {
  fixture = await createReadModelFixture(1);
  const user = await fixture.api.database.db
    .insertInto('app_user')
    .values({ username: 'reviewer', password_hash: 'x', role: 'analyst' })
    .returning('id')
    .executeTakeFirstOrThrow();
  userId = user.id;
});
afterAll(async () => fixture?.api.close());

// Two evidence versions are enough to tell a standing decision from a reopened one.
const sha = fc.constantFrom('evidence-a', 'evidence-b');
const arbitraryFlag = fc.record({
  evidence: sha,
  reviews: fc.array(
    fc.record({ decision: fc.constantFrom<TReviewDecision>('confirm', 'dismiss', 'needs_evidence'), evidence: sha }),
    { maxLength: 4 },
  ),
});

describe('reviewStatusOf', () => {
  it('gives each flag the status reviewStatus() gives its latest review', async () => {
    const db = fixture.api.database.db;
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryFlag, { minLength: 1, maxLength: 8 }), async (flags) => {
        await clearEvidence(fixture);
        const expected = new Map<string, string>();
        for (const [i, flag] of flags.entries()) {
          const { id } = await db
            .insertInto('flag')
            .values({
              election_id: fixture.electionId,
              station_id: fixture.stations[0]!,
              kind: 'arithmetic',
              subject: `s${i}`,
              strength: 'strong',
              evidence: '{}',
              evidence_sha256: flag.evidence,
              min_stolen_votes: null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          // One by one: flag_review ids then follow the order of the decisions.
          for (const r of flag.reviews) {
            await db
              .insertInto('flag_review')
              .values({ flag_id: id, user_id: userId, decision: r.decision, evidence_sha256: r.evidence })
              .execute();
          }
          const latest = flag.reviews.at(-1);
          expected.set(
            id,
            reviewStatus(
              latest ? { decision: latest.decision, evidence_sha256: latest.evidence } : null,
              flag.evidence,
            ),
          );
        }
        const { rows } = await sql<{ id: string; status: string }>`
          select f.id, ${reviewStatusOf('f')} as status from flag f`.execute(db);
        expect(new Map(rows.map((r) => [r.id, r.status]))).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  });
});
