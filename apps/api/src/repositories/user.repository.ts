import { roles, type TRole } from '@crosstally/shared';
import { sql } from 'kysely';
import type { DbOrTrx } from './election.repository.js';

export type TUserRow = {
  id: number;
  username: string;
  role: TRole;
  password_hash: string;
  disabled_at: Date | null;
};

export const isRole = (value: string): value is TRole => (roles as readonly string[]).includes(value);

export async function findUserByName(db: DbOrTrx, username: string): Promise<TUserRow | undefined> {
  return db
    .selectFrom('app_user')
    .select(['id', 'username', 'role', 'password_hash', 'disabled_at'])
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
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
