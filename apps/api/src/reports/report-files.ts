import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { createGzip, type Gzip } from 'node:zlib';

/** What a built report needs besides its body: headers stated when it was built (the audit head). */
export type TReportBuild = { headers: Record<string, string>; body: AsyncIterable<string | Buffer> };

/** A report written to disk: served from there however slowly the reader reads. */
export type TReportFile = {
  /** A strong validator: the body's SHA-256, so the same content has the same tag whatever built it. */
  etag: string;
  headers: Record<string, string>;
  size: number;
  gzipSize: number;
};

/**
 * One reader's hold on a report file: the file stays on disk until the stream is closed, or
 * `done` is called by a reader that needs no body (a 304).
 */
export type TReportLease = TReportFile & { stream: (gzip: boolean) => ReadStream; done: () => void };

type TEntry = {
  version: string;
  built: Promise<TBuilt>;
};

type TBuilt = { lease: () => TReportLease; release: () => void };

/**
 * Reports built once per data version and kept as files. A report read through a database
 * cursor straight into a socket holds a pooled connection for as long as the reader takes,
 * and a reader that never reads holds it forever: ten of them took every connection and with
 * it the whole platform. Here the database is read as fast as it answers, into a file (and
 * its gzip), and readers are served from the file; readers who ask while it is being built
 * wait for the same build, and later readers get the same file while the version stands.
 */
export class ReportFiles {
  private readonly entries = new Map<string, TEntry>();
  private dir: Promise<string> | undefined;
  private serial = 0;

  constructor(private readonly maxEntries = 16) {}

  /**
   * The report `key` (what it is: election, format, filter, the reader's scope) as of
   * `version` (what it rests on): the kept file when the version is the same, else a new build.
   */
  async get(key: string, version: string, build: () => Promise<TReportBuild>): Promise<TReportLease> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      // Most recently used last: the oldest entry is the first to go.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return (await hit.built).lease();
    }
    const entry: TEntry = { version, built: this.build(build) };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (hit)
      void hit.built.then(
        (b) => b.release(),
        () => undefined,
      );
    entry.built.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      const [oldest, old] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      void old.built.then(
        (b) => b.release(),
        () => undefined,
      );
    }
    // Leased in the same turn as the build is known: a release queued after this call runs later.
    return (await entry.built).lease();
  }

  /** Removes every file; streams already open finish reading. */
  async close(): Promise<void> {
    const dir = this.dir;
    this.entries.clear();
    this.dir = undefined;
    if (dir) await rm(await dir, { recursive: true, force: true }).catch(() => undefined);
  }

  private async build(make: () => Promise<TReportBuild>): Promise<TBuilt> {
    this.dir ??= mkdtemp(join(tmpdir(), 'crosstally-reports-'));
    const base = join(await this.dir, `report-${process.pid}-${(this.serial += 1)}`);
    const paths = { plain: `${base}.body`, gzip: `${base}.gz` };
    const plain = createWriteStream(paths.plain);
    const gzip = createGzip();
    const gzipped = createWriteStream(paths.gzip);
    gzip.pipe(gzipped);
    try {
      const { headers, body } = await make();
      const hash = createHash('sha256');
      // Rows are small: written one by one, each file write and each wait for it to drain is a
      // trip through the thread pool (5,000 rows took 3 s); gathered, a build is the database's pace.
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async () => {
        const bytes = Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
        await Promise.all([write(plain, bytes), write(gzip, bytes)]);
      };
      for await (const chunk of body) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        hash.update(bytes);
        pending.push(bytes);
        pendingBytes += bytes.length;
        if (pendingBytes >= writeBatchBytes) await flush();
      }
      await flush();
      plain.end();
      gzip.end();
      await Promise.all([finished(plain), finished(gzipped)]);
      const [size, gzipSize] = await Promise.all([stat(paths.plain), stat(paths.gzip)]);
      return servedFrom(paths, {
        etag: `"${hash.digest('hex').slice(0, 32)}"`,
        headers,
        size: size.size,
        gzipSize: gzipSize.size,
      });
    } catch (error) {
      plain.destroy();
      gzip.destroy();
      gzipped.destroy();
      await Promise.all([unlink(paths.plain).catch(() => undefined), unlink(paths.gzip).catch(() => undefined)]);
      throw error;
    }
  }
}

const writeBatchBytes = 256 * 1024;

async function write(stream: WriteStream | Gzip, bytes: Buffer): Promise<void> {
  if (!stream.write(bytes)) await once(stream, 'drain');
}

/**
 * A built file with a count of its open readers: released (replaced by a newer version, or
 * evicted) it is deleted once the last reader's stream has closed, never under a reader.
 */
function servedFrom(paths: { plain: string; gzip: string }, meta: TReportFile): TBuilt {
  let readers = 0;
  let released = false;
  const removeIfDone = () => {
    if (released && readers === 0) {
      void unlink(paths.plain).catch(() => undefined);
      void unlink(paths.gzip).catch(() => undefined);
    }
  };
  return {
    lease: () => {
      readers += 1;
      let held = true;
      const done = () => {
        if (!held) return;
        held = false;
        readers -= 1;
        removeIfDone();
      };
      return {
        ...meta,
        done,
        stream: (gzip) => {
          const stream = createReadStream(gzip ? paths.gzip : paths.plain);
          stream.once('close', done);
          return stream;
        },
      };
    },
    release: () => {
      released = true;
      removeIfDone();
    },
  };
}
