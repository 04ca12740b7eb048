import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Db } from '@crosstally/shared';
import { createUser, ZPassword, ZRole, ZUsername } from '../accounts/users.service.js';
import { AppError } from '../errors.js';

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
  const [name, roleName] = [option('username'), option('role')];
  const role = ZRole.safeParse(roleName);
  if (!role.success) throw new AppError('bad_request', `--role must be admin, analyst, digitizer or journalist`);
  const username = ZUsername.safeParse(name);
  if (!username.success) throw new AppError('bad_request', `--username: ${username.error.issues[0]!.message}`);
  const given = env.CROSSTALLY_PASSWORD;
  const password = ZPassword.safeParse(given ?? randomBytes(15).toString('base64url'));
  if (!password.success) throw new AppError('bad_request', `CROSSTALLY_PASSWORD: ${password.error.issues[0]!.message}`);
  const user = await createUser({ db }, `cli:${userInfo().username}`, {
    username: username.data,
    password: password.data,
    role: role.data,
  });
  return given === undefined
    ? `user ${user.username} (${user.role}) created; password (shown once): ${password.data}`
    : `user ${user.username} (${user.role}) created with the password from CROSSTALLY_PASSWORD`;
}
