import { createHash, randomBytes } from 'node:crypto';

/** A secret for a client to hold (session cookie, API token); we keep only its sha256. */
export function newSecret(prefix: string): { secret: string; hash: Buffer } {
  const secret = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashSecret(secret) };
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}
