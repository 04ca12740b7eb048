import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, statfs, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const extensions: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * protocol and ballot files are named by the sha256 of their bytes; a view (the photo turned
 * upright for people) by its photo's, and can be made again from it.
 */
export type TEvidenceKind = 'protocol' | 'ballot' | 'view';

export type TStoredRead = { ok: true; bytes: Buffer } | { ok: false; reason: 'missing' | 'mismatch' };

/**
 * Content-addressed evidence files: <root>/<kind>/<sha[0:2]>/<sha>.<ext>.
 *
 * A write is durable before it returns: written under a temporary name, renamed into place,
 * then the file and its folder fsynced together (one journal commit rather than two in a
 * row). A crash before that may leave a partial file under the final name; that is never
 * trusted, because every read checks the bytes against the name.
 */
export class EvidenceStore {
  /** Folders known to exist: creating them is a few system calls per upload otherwise. */
  private readonly folders = new Set<string>();

  constructor(readonly root: string) {}

  pathFor(kind: TEvidenceKind, sha256: string, mime: string): string {
    const ext = extensions[mime] ?? 'bin';
    return join(this.root, kind, sha256.slice(0, 2), `${sha256}.${ext}`);
  }

  /** The stored bytes, checked against their name for content-addressed kinds. */
  async read(kind: TEvidenceKind, sha256: string, mime: string): Promise<TStoredRead> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.pathFor(kind, sha256, mime));
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return { ok: false, reason: 'missing' };
      throw error;
    }
    if (kind !== 'view' && createHash('sha256').update(bytes).digest('hex') !== sha256) {
      return { ok: false, reason: 'mismatch' };
    }
    return { ok: true, bytes };
  }

  /** Writes `bytes` under its hash; a file already there and intact is left as it is. */
  async put(kind: TEvidenceKind, sha256: string, mime: string, bytes: Uint8Array): Promise<string> {
    const target = this.pathFor(kind, sha256, mime);
    if (kind !== 'view' && (await this.read(kind, sha256, mime).catch(() => undefined))?.ok) return target;
    const dir = join(this.root, kind, sha256.slice(0, 2));
    if (!this.folders.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.folders.add(dir);
    }
    const temp = join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    const file = await open(temp, 'wx', 0o600);
    let placed = false;
    try {
      await file.writeFile(bytes);
      await rename(temp, target);
      placed = true;
      await Promise.all([file.sync(), syncDirectory(dir)]);
    } catch (error) {
      // A write that failed (a full disk: 613 temporary files were left on one) leaves nothing.
      if (!placed) await unlink(temp).catch(() => undefined);
      throw error;
    } finally {
      await file.close();
    }
    return target;
  }

  /** Bytes an unprivileged writer can still put in the store. */
  async freeBytes(): Promise<number> {
    const fs = await statfs(this.root);
    return fs.bavail * fs.bsize;
  }

  /**
   * Removes temporary files older than `olderThanMs`: what a process killed in the middle of
   * a write left behind. Younger ones may be another process's write in progress.
   */
  async removeStaleTemporaryFiles(olderThanMs = 10 * 60_000): Promise<number> {
    const before = Date.now() - olderThanMs;
    let removed = 0;
    for (const kind of evidenceKinds) {
      const prefixes = await readdir(join(this.root, kind)).catch(() => [] as string[]);
      for (const prefix of prefixes) {
        const dir = join(this.root, kind, prefix);
        const names = await readdir(dir).catch(() => [] as string[]);
        for (const name of names) {
          if (!name.startsWith('.') || !name.endsWith('.tmp')) continue;
          const path = join(dir, name);
          const info = await stat(path).catch(() => undefined);
          if (info && info.mtimeMs < before && (await unlink(path).then(() => true, () => false))) removed += 1;
        }
      }
    }
    return removed;
  }
}

const evidenceKinds: readonly TEvidenceKind[] = ['protocol', 'ballot', 'view'];

/** The disk or the quota under the store is full: the write failed and left nothing. */
export function isStoreFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
