import type { Db } from '@crosstally/shared';
import { audited } from '../audit/audited.js';
import type { TApiConfig } from '../config.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { checkPassword } from '../auth/passwords.js';
import { actorOf, type TPrincipal } from '../auth/principal.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { AppError } from '../errors.js';
import {
  findUserByName,
  findUserTokens,
  insertApiToken,
  insertSession,
  revokeSession,
  setApiTokenRevoked,
} from '../repositories/user.repository.js';
import type { TAccountsDeps } from './users.service.js';

// How a person proves who they are: a session opened by logging in (the cookie of the pages
// and the API alike), or an API token for their scripts. Either holds a secret of which
// only the hash is kept.

export type TSessionDeps = { db: Db; config: Pick<TApiConfig, 'sessionHours'>; throttle: LoginThrottle };
export type TIssuedToken = { id: number; name: string; token: string; expiresAt: string };

export type TLogInOutcome =
  | { kind: 'ok'; secret: string; username: string; role: string; maxAgeSeconds: number }
  | { kind: 'wait'; seconds: number }
  | { kind: 'failed' };

/**
 * Checks a name and password and opens a session. The JSON API and the login page share it,
 * and share one throttle, so a form cannot be used to get around the API's back-off.
 */
export async function logIn(
  { db, config, throttle }: TSessionDeps,
  typed: string,
  password: string,
  /** Where the attempt comes from, when that source is throttled too (not loopback behind Tor). */
  source?: string,
): Promise<TLogInOutcome> {
  // Names have no spaces: what a form or an autofill adds around one is not part of it.
  const username = typed.trim();
  const attempt = throttle.begin(username, source);
  if ('waitMs' in attempt) return { kind: 'wait', seconds: Math.ceil(attempt.waitMs / 1000) };
  let user: Awaited<ReturnType<typeof findUserByName>>;
  let ok: boolean;
  try {
    user = await findUserByName(db, username);
    ok = await checkPassword(user?.disabled_at ? undefined : user?.password_hash, password);
  } catch (error) {
    // An attempt that could not be checked (the database away) counts as neither.
    attempt.abandon();
    throw error;
  }
  if (!ok || !user) {
    attempt.fail();
    // One answer for a wrong password and for nobody by that name.
    return { kind: 'failed' };
  }
  attempt.succeed();
  const { secret, hash } = newSecret('cts');
  await insertSession(db, user.id, hash, new Date(Date.now() + config.sessionHours * 3600_000));
  return { kind: 'ok', secret, username: user.username, role: user.role, maxAgeSeconds: config.sessionHours * 3600 };
}

/** Revokes the session the secret opened, on the server: a stolen cookie dies with it. */
export async function logOut({ db }: TAccountsDeps, secret: string | undefined): Promise<void> {
  if (secret) await revokeSession(db, hashSecret(secret));
}

/** Shown once. The server's bootstrap token is nobody, so it gets no tokens to hand out. */
export async function issueApiToken(
  { db }: TAccountsDeps,
  principal: TPrincipal,
  request: { name: string; days: number },
): Promise<TIssuedToken> {
  if (principal.kind !== 'user') throw new AppError('forbidden', 'API tokens belong to a person: log in as one');
  const { secret, hash } = newSecret('ctt');
  const { name, days } = request;
  return audited(
    db,
    actorOf(principal),
    'token.create',
    async (trx) => {
      const { id, expiresAt } = await insertApiToken(trx, { userId: principal.id, name, tokenHash: hash, days });
      return { id, name, token: secret, expiresAt: expiresAt.toISOString() };
    },
    (issued) => ({ token: issued.id, name, expiresAt: issued.expiresAt }),
  );
}

/** The person's own tokens, to see what is out there and revoke what is not needed. */
export async function listApiTokens({ db }: TAccountsDeps, principal: TPrincipal) {
  if (principal.kind !== 'user') throw new AppError('forbidden', 'API tokens belong to a person: log in as one');
  const now = Date.now();
  return (await findUserTokens(db, principal.id)).map((t) => ({
    id: t.id,
    name: t.name,
    createdAt: new Date(t.created_at).toISOString(),
    expiresAt: t.expires_at.toISOString(),
    state: t.revoked_at
      ? ('revoked' as const)
      : t.expires_at.getTime() <= now
        ? ('expired' as const)
        : ('live' as const),
  }));
}

/** Revokes one of the person's own live tokens; anyone else's reads as missing. */
export async function revokeApiToken({ db }: TAccountsDeps, principal: TPrincipal, id: number): Promise<void> {
  const revoked =
    principal.kind === 'user' &&
    (await audited(
      db,
      actorOf(principal),
      'token.revoke',
      (trx) => setApiTokenRevoked(trx, id, principal.id),
      (done) => (done ? { token: id } : null),
    ));
  if (!revoked) throw new AppError('not_found', `no token ${id}`);
}
