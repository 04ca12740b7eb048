import { inRegionSubtree, inRegionSubtreeOf, isInRegionSubtree } from '@crosstally/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TTestDatabase } from '../../support/test-database.js';

// The region filter of the report and the desk, in SQL, against isInRegionSubtree().
let database: TTestDatabase;
beforeAll(async () => (database = await createTestDatabase()));
afterAll(async () => database?.drop());

// Names a `like` pattern would misread ("_" and "%" are wildcards there), and a prefix
// that is not a parent ("Minskaya" is not under "Minsk").
const paths = [
  'Minsk',
  'Minsk/Frunzensky',
  'Minsk/Frunzensky/3',
  'Minskaya',
  'A_B',
  'A_B/C',
  'AxB',
  'AxB/C',
  'A%',
  'Az',
];

describe('inRegionSubtree', () => {
  it.each([null, 'Minsk', 'Minsk/Frunzensky', 'Mins', 'A_B', 'A%', 'Nowhere'])('region %s', async (region) => {
    const { rows } = await sql<{ path: string }>`
      select t.path from unnest(${paths}::text[]) as t(path) where ${inRegionSubtree('t.path', region)}
      order by t.path`.execute(database.db);
    const expected = paths.filter((p) => region === null || isInRegionSubtree(p, region)).sort();
    expect(rows.map((r) => r.path).sort()).toEqual(expected);
  });
});

describe('inRegionSubtreeOf (the root in a column, as a region grant holds it)', () => {
  it('agrees with isInRegionSubtree on every pair of paths', async () => {
    const { rows } = await sql<{ path: string; root: string }>`
      select t.path, g.root from unnest(${paths}::text[]) as t(path) cross join unnest(${paths}::text[]) as g(root)
      where ${inRegionSubtreeOf('t.path', 'g.root')}`.execute(database.db);
    const expected = paths.flatMap((root) =>
      paths.filter((p) => isInRegionSubtree(p, root)).map((p) => `${p} in ${root}`),
    );
    expect(rows.map((r) => `${r.path} in ${r.root}`).sort()).toEqual(expected.sort());
  });
});
