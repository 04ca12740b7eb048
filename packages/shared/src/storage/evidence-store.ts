import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const extensions: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export type TEvidenceKind = 'protocol' | 'ballot' | 'work';

/**
 * Content-addressed evidence files: <root>/<kind>/<sha[0:2]>/<sha>.<ext>.
 * A write is durable before it returns (file fsynced, renamed into place, directory fsynced),
 * because an upload is acknowledged only after its file is on disk.
 */
export class EvidenceStore {
  /** Folders known to exist: creating them is a few system calls per upload otherwise. */
  private readonly folders = new Set<string>();

  constructor(readonly root: string) {}

  pathFor(kind: TEvidenceKind, sha256: string, mime: string): string {
    const ext = extensions[mime] ?? 'bin';
    return join(this.root, kind, sha256.slice(0, 2), `${sha256}.${ext}`);
  }

  async has(kind: TEvidenceKind, sha256: string, mime: string): Promise<boolean> {
    try {
      await stat(this.pathFor(kind, sha256, mime));
      return true;
    } catch {
      return false;
    }
  }

  /** Writes `bytes` under its hash; a second write of the same content is a no-op. */
  async put(kind: TEvidenceKind, sha256: string, mime: string, bytes: Uint8Array): Promise<string> {
    const target = this.pathFor(kind, sha256, mime);
    if (await this.has(kind, sha256, mime)) return target;
    const dir = join(this.root, kind, sha256.slice(0, 2));
    if (!this.folders.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.folders.add(dir);
    }
    const temp = join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    const file = await open(temp, 'wx', 0o600);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await rename(temp, target);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await syncDirectory(dir);
    return target;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
