import { sql, type RawBuilder } from 'kysely';

/**
 * Whether the region path in column `path` lies in the subtree of `region` (a path value;
 * null: everywhere), by the rule of isInRegionSubtree() in domain/report/region-subtree.ts.
 * Compared as text, not with `like`: a region named "A_B" must not take in "AxB".
 */
export function inRegionSubtree(path: string, region: string | null): RawBuilder<boolean> {
  if (region === null) return sql<boolean>`true`;
  const column = sql.ref(path);
  return sql<boolean>`(${column} = ${region} or left(${column}, length(${region}::text) + 1) = ${region} || '/')`;
}
