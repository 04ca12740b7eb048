import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Reads a secret kept outside the database, creating it (32 random bytes, mode 0600) on
 * first start. A file that others can read is refused: whoever reads it can reverse voters'
 * pseudonyms by trying phone numbers.
 */
export async function loadOrCreateSecret(path: string): Promise<Buffer> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(randomBytes(32).toString('base64') + '\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  }
  const info = await stat(path);
  if ((info.mode & 0o077) !== 0) {
    throw new Error(`secret file ${path} must be readable by its owner only (chmod 600)`);
  }
  const secret = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
  if (secret.length < 32) throw new Error(`secret file ${path} holds fewer than 32 bytes`);
  return secret;
}
