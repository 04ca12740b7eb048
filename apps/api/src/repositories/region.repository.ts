import { sql } from 'kysely';
import { CsvRowError } from '../imports/csv-records.js';
import type { DbOrTrx } from './election.repository.js';

const maxDepth = 8;

/** "Minsk / Frunzensky" → ["Minsk", "Frunzensky"]; undefined when empty or too deep. */
export function splitRegionPath(text: string): string[] | undefined {
  const parts = text.split('/').map((p) => p.trim());
  if (parts.length > maxDepth || parts.some((p) => p.length === 0 || p.length > 200)) return undefined;
  return parts;
}

/** A region of an election by its path ("Minsk/District 1"). */
export async function findRegionByPath(
  db: DbOrTrx,
  electionCode: string,
  path: string,
): Promise<{ id: number; election_id: number } | undefined> {
  return db
    .selectFrom('region')
    .innerJoin('election', 'election.id', 'region.election_id')
    .select(['region.id', 'region.election_id'])
    .where('election.code', '=', electionCode)
    .where('region.path', '=', path)
    .executeTakeFirst();
}

/** Grants the region to the user; granting it again keeps the one grant (same id). */
export async function upsertRegionGrant(
  trx: DbOrTrx,
  grant: { userId: number; electionId: number; regionId: number },
): Promise<number> {
  const { id } = await trx
    .insertInto('region_grant')
    .values({ user_id: grant.userId, election_id: grant.electionId, region_id: grant.regionId })
    .onConflict((oc) => oc.constraint('region_grant_user_region_uq').doUpdateSet({ region_id: grant.regionId }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Deletes the user's grant; false when the user has no grant by that id. */
export async function deleteRegionGrant(trx: DbOrTrx, grantId: number, userId: number): Promise<boolean> {
  const result = await trx
    .deleteFrom('region_grant')
    .where('id', '=', grantId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Makes sure every region on the rows' paths exists and returns path → id of the leaves.
 * A station belongs to a leaf: a region may hold stations or subregions, never both,
 * so that "this district's stations" has one meaning.
 */
export async function ensureRegions(
  trx: DbOrTrx,
  electionId: number,
  rows: { line: number; regionPath: string[] }[],
): Promise<Map<string, number>> {
  const existingLeaves = await trx
    .selectFrom('station')
    .innerJoin('region', 'region.id', 'station.region_id')
    .select('region.path')
    .distinct()
    .where('station.election_id', '=', electionId)
    .execute();
  const leafLine = new Map<string, number>();
  for (const { path } of existingLeaves) leafLine.set(path, 0);
  for (const row of rows) {
    const path = row.regionPath.join('/');
    if (!leafLine.has(path) || leafLine.get(path) === 0) leafLine.set(path, row.line);
  }
  // inner region path → line of a row below it (0 when only stored stations are below it)
  const inner = new Map<string, number>();
  for (const [path, line] of leafLine) {
    const parts = path.split('/');
    for (let depth = 1; depth < parts.length; depth += 1) {
      const prefix = parts.slice(0, depth).join('/');
      if (!inner.get(prefix)) inner.set(prefix, line);
    }
  }
  for (const [path, line] of leafLine) {
    if (inner.has(path)) {
      throw new CsvRowError(
        line || inner.get(path) || 1,
        'region_path',
        `region "${path}" has subregions, so it cannot hold stations; put the station in a leaf region`,
      );
    }
  }
  const all = [...new Set([...inner.keys(), ...leafLine.keys()])].sort((a, b) => depthOf(a) - depthOf(b));
  const ids = new Map<string, number>();
  const known = await trx.selectFrom('region').select(['id', 'path']).where('election_id', '=', electionId).execute();
  for (const r of known) ids.set(r.path, r.id);
  for (let depth = 1; depth <= maxDepth; depth += 1) {
    const missing = all.filter((p) => depthOf(p) === depth && !ids.has(p));
    if (missing.length === 0) continue;
    const inserted = await trx
      .insertInto('region')
      .values(
        missing.map((path) => {
          const parts = path.split('/');
          const parent = parts.slice(0, -1).join('/');
          return {
            election_id: electionId,
            parent_id: depth === 1 ? null : ids.get(parent)!,
            name: parts[parts.length - 1]!,
            path,
            depth,
          };
        }),
      )
      .onConflict((oc) => oc.constraint('region_election_path_uq').doUpdateSet({ name: sql`excluded.name` }))
      .returning(['id', 'path'])
      .execute();
    for (const r of inserted) ids.set(r.path, r.id);
  }
  return ids;
}

function depthOf(path: string): number {
  return path.split('/').length;
}
