import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Db } from '@crosstally/shared';
import { audited } from '../audit/audited.js';
import { hashPassword, minPasswordLength } from '../auth/passwords.js';
import { AppError } from '../errors.js';
import { isRole } from '../repositories/user.repository.js';

export const usersUsage = `npm run cli -- users create --username <name> --role admin|analyst|digitizer|journalist
  (the password is taken from CROSSTALLY_PASSWORD, or generated and printed once)`;

/** Creates an account from the server's shell: how the first admin comes to exist. */
export async function runUsers(db: Db, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const [command, ...rest] = args;
  if (command !== 'create') throw new AppError('bad_request', `unknown users command; usage:\n${usersUsage}`);
  const option = (name: string) => {
    const at = rest.indexOf(`--${name}`);
    const value = at >= 0 ? rest[at + 1] : undefined;
    if (!value || value.startsWith('--')) throw new AppError('bad_request', `missing --${name}; usage:\n${usersUsage}`);
    return value;
  };
  const username = option('username').toLowerCase();
  const role = option('role');
  if (!isRole(role)) throw new AppError('bad_request', `--role must be admin, analyst, digitizer or journalist`);
  if (!/^[a-z0-9._-]{3,40}$/.test(username))
    throw new AppError('bad_request', '--username: 3–40 letters, digits, ".", "_" or "-"');
  const given = env.CROSSTALLY_PASSWORD;
  if (given !== undefined && given.length < minPasswordLength) {
    throw new AppError('bad_request', `CROSSTALLY_PASSWORD must have at least ${minPasswordLength} characters`);
  }
  const password = given ?? randomBytes(15).toString('base64url');
  const passwordHash = await hashPassword(password);
  await audited(
    db,
    `cli:${userInfo().username}`,
    'user.create',
    async (trx) => {
      const created = await trx
        .insertInto('app_user')
        .values({ username, password_hash: passwordHash, role })
        .onConflict((oc) => oc.constraint('app_user_username_uq').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!created) throw new AppError('conflict', `the username ${username} is taken`);
      return created;
    },
    (created) => ({ user: created.id, username, role }),
  );
  return given === undefined
    ? `user ${username} (${role}) created; password (shown once): ${password}`
    : `user ${username} (${role}) created with the password from CROSSTALLY_PASSWORD`;
}
