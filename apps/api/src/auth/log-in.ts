import type { Db } from '@crosstally/shared';
import type { TApiConfig } from '../config.js';
import { findUserByName } from '../repositories/user.repository.js';
import type { LoginThrottle } from './login-throttle.js';
import { checkPassword } from './passwords.js';
import { newSecret } from './secrets.js';

export type TLogInOutcome =
  | { kind: 'ok'; secret: string; username: string; role: string; maxAgeSeconds: number }
  | { kind: 'wait'; seconds: number }
  | { kind: 'failed' };

/**
 * Checks a name and password and opens a session. The JSON API and the login page share it,
 * and share one throttle, so a form cannot be used to get around the API's back-off.
 */
export async function logIn(
  db: Db,
  config: TApiConfig,
  throttle: LoginThrottle,
  username: string,
  password: string,
): Promise<TLogInOutcome> {
  const wait = throttle.lockedFor(username);
  if (wait > 0) return { kind: 'wait', seconds: Math.ceil(wait / 1000) };
  const user = await findUserByName(db, username);
  const ok = await checkPassword(user?.disabled_at ? undefined : user?.password_hash, password);
  if (!ok || !user) {
    throttle.fail(username);
    // One answer for a wrong password and for nobody by that name.
    return { kind: 'failed' };
  }
  throttle.succeed(username);
  const { secret, hash } = newSecret('cts');
  await db
    .insertInto('user_session')
    .values({ user_id: user.id, token_hash: hash, expires_at: new Date(Date.now() + config.sessionHours * 3600_000) })
    .execute();
  return { kind: 'ok', secret, username: user.username, role: user.role, maxAgeSeconds: config.sessionHours * 3600 };
}
