import type { Database, Db } from '@crosstally/shared';

/** How many rows a table holds: what a refused request must leave unchanged. */
export async function rowCount(db: Db, table: keyof Database): Promise<number> {
  const { n } = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
