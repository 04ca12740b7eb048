import { sql } from 'kysely';
import type { Db } from './create-db.js';

/** One round trip: is the database there and answering? */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
