import { roles, type Db, type TRole } from '@crosstally/shared';
import { z } from 'zod';
import { audited } from '../audit/audited.js';
import { hashPassword, minPasswordLength } from '../auth/passwords.js';
import { AppError } from '../errors.js';
import {
  findAllUsers,
  insertUser,
  revokeUserCredentials,
  userExists,
  setUserRoleOrDisabled,
  type TUserRow,
} from '../repositories/user.repository.js';

// What a new account must look like, whoever creates it: the admin API and the CLI alike.
export const ZUsername = z.string().regex(/^[a-z0-9._-]{3,40}$/i, '3–40 letters, digits, ".", "_" or "-"');
// The top is the login's: a longer password could be set but never typed in.
export const ZPassword = z.string().min(minPasswordLength, `at least ${minPasswordLength} characters`).max(1000);
export const ZRole = z.enum(roles);
export const ZNewUser = z.object({ username: ZUsername, password: ZPassword, role: ZRole });
export type TNewUser = z.infer<typeof ZNewUser>;

export type TUser = { id: number; username: string; role: TRole; disabled: boolean };
export type TAccountsDeps = { db: Db };

const toUser = (row: TUserRow): TUser => ({
  id: row.id,
  username: row.username,
  role: row.role,
  disabled: row.disabled_at !== null,
});

/**
 * Creates an account under its lower-cased name. `actor` is who the audit log names:
 * actorOf(principal) from the API, `cli:<login>` from the server's shell.
 */
export async function createUser({ db }: TAccountsDeps, actor: string, user: TNewUser): Promise<TUser> {
  const username = user.username.toLowerCase();
  const passwordHash = await hashPassword(user.password);
  const created = await audited(
    db,
    actor,
    'user.create',
    async (trx) => {
      const row = await insertUser(trx, { username, passwordHash, role: user.role });
      if (!row) throw new AppError('conflict', `the username ${username} is taken`);
      return row;
    },
    (row) => ({ user: row.id, username: row.username, role: row.role }),
  );
  return toUser(created);
}

export async function listUsers({ db }: TAccountsDeps): Promise<TUser[]> {
  return (await findAllUsers(db)).map(toUser);
}

/** Changes the role, disables or enables the account; a disabled one is logged out at once. */
export async function changeUser(
  { db }: TAccountsDeps,
  actor: string,
  id: number,
  change: { role?: TRole | undefined; disabled?: boolean | undefined },
): Promise<TUser> {
  const updated = await audited(
    db,
    actor,
    'user.update',
    async (trx) => {
      const row = await setUserRoleOrDisabled(trx, id, change);
      if (!row) throw new AppError('not_found', `no user ${id}`);
      // Logged out and its tokens revoked, for good: enabling it again brings none of them back.
      if (change.disabled) await revokeUserCredentials(trx, row.id);
      return row;
    },
    () => ({ user: id, role: change.role, disabled: change.disabled }),
  );
  return toUser(updated);
}

/**
 * Logs the account out everywhere and revokes its API tokens; returns how many of each ended.
 * An account that does not exist is 404 and leaves no audit entry (it used to answer 200 and
 * record a revocation).
 */
export function logOutEverywhere(
  { db }: TAccountsDeps,
  actor: string,
  userId: number,
): Promise<{ sessions: number; tokens: number }> {
  return audited(
    db,
    actor,
    'user.revoke_sessions',
    async (trx) => {
      if (!(await userExists(trx, userId))) throw new AppError('not_found', `no user ${userId}`);
      return revokeUserCredentials(trx, userId);
    },
    () => ({ user: userId }),
  );
}
