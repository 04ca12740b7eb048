import { defaultPolicy, identityKinds, isLatestOfficial, isVerifiedSelfReport, prepareForm } from '@crosstally/shared';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectOfficial } from '../../../packages/shared/src/domain/engine/official.js';
import { clearEvidence, createReadModelFixture, type TReadModelFixture } from '../../support/read-model.js';

let fixture: TReadModelFixture;
beforeAll(async () => (fixture = await createReadModelFixture(3)));
afterAll(async () => fixture?.api.close());

const form = prepareForm({ lines: [{ key: 'a', number: 1 }], relations: [] });
const arbitraryVersions = fc.array(fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { maxLength: 4 }), {
  minLength: 3,
  maxLength: 3,
});

describe('isLatestOfficial', () => {
  it("keeps each station's version the engine compares with", async () => {
    const db = fixture.api.database.db;
    await fc.assert(
      fc.asyncProperty(arbitraryVersions, async (perStation) => {
        await clearEvidence(fixture);
        const { id: importId } = await db
          .insertInto('official_import')
          .values({
            election_id: fixture.electionId,
            source_name: 't',
            file_sha256: 'x',
            rows_total: 0,
            rows_changed: 0,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const rows = perStation.flatMap((versions, i) =>
          versions.map((version) => ({ station: fixture.stations[i]!, version, values: { a: version * 10 } })),
        );
        if (rows.length > 0) {
          await db
            .insertInto('official_result')
            .values(
              rows.map((r) => ({
                election_id: fixture.electionId,
                station_id: r.station,
                version: r.version,
                line_values: JSON.stringify(r.values),
                import_id: importId,
              })),
            )
            .execute();
        }
        const { rows: latest } = await sql<{ station_id: number; version: number }>`
          select o.station_id, o.version from official_result o where ${isLatestOfficial('o')}`.execute(db);
        const expected = perStation.flatMap((versions, i) => {
          const facts = selectOfficial(
            form,
            versions.map((version) => ({ version, values: { a: version * 10 } })),
          );
          return facts ? [{ station_id: fixture.stations[i]!, version: facts.latest.version }] : [];
        });
        expect(latest.sort((a, b) => a.station_id - b.station_id)).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  });
});

// TPolicy.verification, case by case: the rule has no TypeScript form (reports are counted
// in SQL), so the table spells out what its comment says.
describe('isVerifiedSelfReport', () => {
  const ballots = {
    none: [null, null, null],
    unique: ['b1', false, 'now'],
    shared: ['b2', true, 'now'],
    unprinted: ['b3', false, null],
  } as const;
  type TAgreed = { verdict: 'ballot' | 'rejected' | null; candidate: number | null; votes: number };
  const settled: TAgreed = { verdict: 'ballot', candidate: 7, votes: 2 };
  const verifiedRows = async (
    verification: Parameters<typeof isVerifiedSelfReport>[0],
    kind: string,
    agreed: TAgreed = settled,
  ) => {
    const { rows } = await sql<{ ballot: string; verified: boolean }>`
      select r.ballot, ${isVerifiedSelfReport(verification, 'r', 'b')} as verified
      from (values ${sql.join(
        Object.entries(ballots).map(
          ([name, [id, shared, printed]]) =>
            sql`(${name}, ${id}::text, ${shared}::boolean, ${printed}::timestamptz, ${kind}::text, 7)`,
        ),
      )}) as r(ballot, ballot_photo_id, shared, printed_at, identity_kind, candidate_id)
      cross join lateral (select r.shared, r.printed_at, ${agreed.verdict}::text, ${agreed.candidate}::int, ${agreed.votes}::int)
        as b(shared, printed_at, agreed_verdict, agreed_candidate_id, agreed_votes)`.execute(fixture.api.database.db);
    return Object.fromEntries(rows.map((r) => [r.ballot, r.verified]));
  };
  const all = { identities: [...identityKinds], ballotChecks: 0 };

  it.each([
    // Not yet compared with the other voters' photos (unprinted): no proof of uniqueness yet.
    [true, true, { none: false, unique: true, shared: false, unprinted: false }],
    [true, false, { none: false, unique: true, shared: true, unprinted: true }],
    [false, true, { none: true, unique: true, shared: true, unprinted: true }],
    [false, false, { none: true, unique: true, shared: true, unprinted: true }],
  ])('ballot photo required %s, unique %s', async (ballotPhotoRequired, ballotPhotoUnique, expected) => {
    expect(await verifiedRows({ ...all, ballotPhotoRequired, ballotPhotoUnique }, 'invitation_code')).toEqual(expected);
  });

  it.each(identityKinds.map((kind) => [kind]))(
    'an identity of kind %s counts only if the policy lists it',
    async (kind) => {
      const others = identityKinds.filter((k) => k !== kind);
      const loose = { ballotPhotoRequired: false, ballotPhotoUnique: false, ballotChecks: 0 };
      expect(Object.values(await verifiedRows({ identities: [kind], ...loose }, kind))).toEqual([
        true,
        true,
        true,
        true,
      ]);
      expect(Object.values(await verifiedRows({ identities: others, ...loose }, kind))).toEqual([
        false,
        false,
        false,
        false,
      ]);
    },
  );

  it.each([
    ['two checkers agree on the reported candidate', 2, settled, true],
    ['three agree where two are needed', 2, { ...settled, votes: 3 }, true],
    ['only one checker so far', 2, { ...settled, votes: 1 }, false],
    ['the checkers saw another candidate marked', 2, { ...settled, candidate: 8 }, false],
    ['the checkers rejected the photo', 2, { verdict: 'rejected', candidate: null, votes: 2 }, false],
    ['the checkers disagree', 2, { verdict: null, candidate: null, votes: 0 }, false],
    ['no check is asked for', 0, { verdict: null, candidate: null, votes: 0 }, true],
  ] as const)('a unique ballot photo when %s', async (_case, ballotChecks, agreed, expected) => {
    const verification = { ...all, ballotChecks, ballotPhotoRequired: true, ballotPhotoUnique: true };
    expect((await verifiedRows(verification, 'invitation_code', agreed)).unique).toBe(expected);
  });

  it('verifies by default only the kinds a channel confirmed, with ballots two people checked', async () => {
    expect(defaultPolicy.verification).toMatchObject({
      identities: ['telegram_contact', 'invitation_code'],
      ballotChecks: 2,
    });
    for (const kind of ['typed_phone', 'claimed_bot', 'claimed_code', 'unrecorded']) {
      expect(await verifiedRows(defaultPolicy.verification, kind)).toEqual({
        none: false,
        unique: false,
        shared: false,
        unprinted: false,
      });
    }
    expect(await verifiedRows(defaultPolicy.verification, 'telegram_contact')).toEqual({
      none: false,
      unique: true,
      shared: false,
      unprinted: false,
    });
  });
});
