import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended floor.
const options = { algorithm: 2 as const }; // Algorithm.Argon2id (a const enum in the typings)

export const minPasswordLength = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

let dummy: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. For an unknown user it checks against a dummy
 * hash all the same, so the answer takes as long and says nothing about who has an account.
 */
export async function checkPassword(stored: string | undefined, password: string): Promise<boolean> {
  dummy ??= hashPassword('not the password of anyone');
  const target = stored ?? (await dummy);
  const ok = await verify(target, password).catch(() => false);
  return ok && stored !== undefined;
}
