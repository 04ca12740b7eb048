import { inRegionSubtreeOf } from '@crosstally/shared';
import { sql, type RawBuilder } from 'kysely';
import type { TPrincipal } from './principal.js';

/**
 * The stations a caller may see, as a SQL condition on a region path column: everything for
 * admins, the granted region subtrees of the election for others, nothing for nobody. The
 * condition goes into the query itself, so an out-of-scope row is never read at all.
 */
export function regionScope(principal: TPrincipal, electionId: number, pathColumn: string): RawBuilder<boolean> {
  switch (principal.kind) {
    case 'root':
      return sql<boolean>`true`;
    case 'anonymous':
      return sql<boolean>`false`;
    case 'user':
      if (principal.role === 'admin') return sql<boolean>`true`;
      return sql<boolean>`exists (
        select 1 from region_grant g join region gr on gr.id = g.region_id
        where g.user_id = ${principal.id} and g.election_id = ${electionId}
          and ${inRegionSubtreeOf(pathColumn, 'gr.path')})`;
  }
}
