import type { TRole } from '@crosstally/shared';
import { sql } from 'kysely';
import type { DbOrTrx } from './election.repository.js';

export type TUserRow = { id: number; username: string; role: TRole; disabled_at: Date | null };
const userColumns = ['id', 'username', 'role', 'disabled_at'] as const;

/** A new account, or undefined when the (lower-cased) name is taken. */
export async function insertUser(
  trx: DbOrTrx,
  user: { username: string; passwordHash: string; role: TRole },
): Promise<TUserRow | undefined> {
  return trx
    .insertInto('app_user')
    .values({ username: user.username, password_hash: user.passwordHash, role: user.role })
    .onConflict((oc) => oc.constraint('app_user_username_uq').doNothing())
    .returning(userColumns)
    .executeTakeFirst();
}

export async function findAllUsers(db: DbOrTrx): Promise<TUserRow[]> {
  return db.selectFrom('app_user').select(userColumns).orderBy('id').execute();
}

export async function userExists(db: DbOrTrx, id: number): Promise<boolean> {
  return (await db.selectFrom('app_user').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Sets what is given (a disabled account gets the time it was disabled); undefined: no such user. */
export async function setUserRoleOrDisabled(
  trx: DbOrTrx,
  id: number,
  change: { role?: TRole | undefined; disabled?: boolean | undefined },
): Promise<TUserRow | undefined> {
  const { role, disabled } = change;
  return trx
    .updateTable('app_user')
    .set({
      ...(role ? { role } : {}),
      ...(disabled === undefined ? {} : { disabled_at: disabled ? sql`now()` : null }),
    })
    .where('id', '=', id)
    .returning(userColumns)
    .executeTakeFirst();
}

export async function findUserByName(db: DbOrTrx, username: string) {
  return db
    .selectFrom('app_user')
    .select([...userColumns, 'password_hash'])
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function insertSession(db: DbOrTrx, userId: number, tokenHash: Buffer, expiresAt: Date): Promise<void> {
  await db
    .insertInto('user_session')
    .values({ user_id: userId, token_hash: tokenHash, expires_at: expiresAt })
    .execute();
}

export async function revokeSession(db: DbOrTrx, tokenHash: Buffer): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ revoked_at: sql`now()` })
    .where('token_hash', '=', tokenHash)
    .execute();
}

/**
 * Revokes every live session and API token of the user; returns how many there were. Tokens
 * go with the sessions: "log out everywhere" left them working, and an account disabled and
 * enabled again got them back.
 */
export async function revokeUserCredentials(
  trx: DbOrTrx,
  userId: number,
): Promise<{ sessions: number; tokens: number }> {
  const sessions = await trx
    .updateTable('user_session')
    .set({ revoked_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  const tokens = await trx
    .updateTable('api_token')
    .set({ revoked_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return { sessions: Number(sessions.numUpdatedRows), tokens: Number(tokens.numUpdatedRows) };
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

export async function insertApiToken(
  trx: DbOrTrx,
  token: { userId: number; name: string; tokenHash: Buffer; days: number },
): Promise<{ id: number; expiresAt: Date }> {
  const { id, expires_at } = await trx
    .insertInto('api_token')
    .values({
      user_id: token.userId,
      name: token.name,
      token_hash: token.tokenHash,
      expires_at: sql<Date>`now() + make_interval(days => ${token.days})`,
    })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
  return { id, expiresAt: expires_at };
}

/** The person's tokens, newest first, revoked and expired ones included (never their secret). */
export async function findUserTokens(db: DbOrTrx, userId: number) {
  return db
    .selectFrom('api_token')
    .select(['id', 'name', 'created_at', 'expires_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
}

/** Revokes the user's own live token; false when there is none such (another's, or gone). */
export async function setApiTokenRevoked(trx: DbOrTrx, id: number, userId: number): Promise<boolean> {
  const result = await trx
    .updateTable('api_token')
    .set({ revoked_at: sql`now()` })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function findTokenUser(db: DbOrTrx, tokenHash: Buffer) {
  return db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select(['app_user.id', 'app_user.username', 'app_user.role'])
    .where('api_token.token_hash', '=', tokenHash)
    .where('api_token.revoked_at', 'is', null)
    .where('api_token.expires_at', '>', sql<Date>`now()`)
    .where('app_user.disabled_at', 'is', null)
    .executeTakeFirst();
}
