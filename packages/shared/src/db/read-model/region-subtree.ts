import { sql, type RawBuilder } from 'kysely';

/**
 * Whether the region path in column `path` lies in the subtree of `region` (a path value;
 * null: everywhere), by the rule of isInRegionSubtree() in domain/report/region-subtree.ts.
 * Compared as text, not with `like`: a region named "A_B" must not take in "AxB".
 */
export function inRegionSubtree(path: string, region: string | null): RawBuilder<boolean> {
  if (region === null) return sql<boolean>`true`;
  return pathUnder(sql.ref(path), sql`${region}::text`);
}

/** The same rule with the subtree's root in a column (`rootPath`), e.g. a region grant's. */
export function inRegionSubtreeOf(path: string, rootPath: string): RawBuilder<boolean> {
  return pathUnder(sql.ref(path), sql.ref(rootPath));
}

function pathUnder(path: RawBuilder<unknown>, root: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(${path} = ${root} or left(${path}, length(${root}) + 1) = ${root} || '/')`;
}
