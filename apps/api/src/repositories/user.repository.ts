import { roles, type TRole } from '@crosstally/shared';
import { sql } from 'kysely';
import type { DbOrTrx } from './election.repository.js';

export type TUserRow = {
  id: number;
  username: string;
  role: TRole;
  password_hash: string;
  failed_logins: number;
  locked_until: Date | null;
  disabled_at: Date | null;
};

export const isRole = (value: string): value is TRole => (roles as readonly string[]).includes(value);

export async function findUserByName(db: DbOrTrx, username: string): Promise<TUserRow | undefined> {
  return db
    .selectFrom('app_user')
    .select(['id', 'username', 'role', 'password_hash', 'failed_logins', 'locked_until', 'disabled_at'])
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
}

/** A failed login doubles the wait before the next try from the fifth failure on (1 s … 15 min). */
export async function recordFailedLogin(db: DbOrTrx, userId: number): Promise<void> {
  await sql`
    update app_user set failed_logins = failed_logins + 1,
      locked_until = case when failed_logins + 1 >= 5
        then now() + make_interval(secs => least(900, power(2, failed_logins + 1 - 5)))
        else locked_until end
    where id = ${userId}`.execute(db);
}

export async function recordGoodLogin(db: DbOrTrx, userId: number): Promise<void> {
  await db.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

export async function findSessionUser(db: DbOrTrx, tokenHash: Buffer) {
  return db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .select(['app_user.id', 'app_user.username', 'app_user.role'])
    .where('user_session.token_hash', '=', tokenHash)
    .where('user_session.revoked_at', 'is', null)
    .where('user_session.expires_at', '>', sql<Date>`now()`)
    .where('app_user.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function findTokenUser(db: DbOrTrx, tokenHash: Buffer) {
  return db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select(['app_user.id', 'app_user.username', 'app_user.role'])
    .where('api_token.token_hash', '=', tokenHash)
    .where('api_token.revoked_at', 'is', null)
    .where('app_user.disabled_at', 'is', null)
    .executeTakeFirst();
}
