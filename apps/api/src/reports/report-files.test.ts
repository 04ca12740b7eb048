import { existsSync } from 'node:fs';
import { buffer, text } from 'node:stream/consumers';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ReportFiles, type TReportBuild } from './report-files.js';

const files = new ReportFiles(2);
afterEach(async () => files.close());

function counted(body: string, delayMs = 0) {
  let builds = 0;
  const build = async (): Promise<TReportBuild> => {
    builds += 1;
    async function* chunks() {
      await new Promise((r) => setTimeout(r, delayMs));
      for (const line of body.split('\n')) yield `${line}\n`;
    }
    return { headers: { 'x-made': String(builds) }, body: chunks() };
  };
  return { build, builds: () => builds };
}

/** Where a lease's file is, read off the stream it opens. */
async function pathOf(lease: Awaited<ReturnType<ReportFiles['get']>>, gzip = false): Promise<string> {
  const stream = lease.stream(gzip);
  const path = String(stream.path);
  stream.destroy();
  await new Promise<void>((r) => stream.once('close', () => r()));
  return path;
}

describe('report files', () => {
  it('builds once for readers who ask at the same time, and serves the same file while the version stands', async () => {
    const report = counted('a,b\n1,2\n3,4', 30);
    const leases = await Promise.all([1, 2, 3].map(() => files.get('k', 'v1', report.build)));
    expect(report.builds()).toBe(1);
    expect(new Set(leases.map((l) => l.etag)).size).toBe(1);
    const later = await files.get('k', 'v1', report.build);
    expect(report.builds()).toBe(1);
    expect(await text(later.stream(false))).toBe('a,b\n1,2\n3,4\n');
    expect(gunzipSync(await buffer(later.stream(true))).toString()).toBe('a,b\n1,2\n3,4\n');
    expect(later.headers).toEqual({ 'x-made': '1' });
    for (const l of leases) l.done();
  });

  it('builds again when the version moves, and deletes the old file once its last reader is done', async () => {
    const report = counted('x\ny');
    const first = await files.get('k', 'v1', report.build);
    const oldPath = await pathOf(await files.get('k', 'v1', report.build));
    const reading = first.stream(false);
    const second = await files.get('k', 'v2', report.build);
    expect(report.builds()).toBe(2);
    // Same content, same tag: a reader holding it gets a 304 even across versions.
    expect(second.etag).toBe(first.etag);
    await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(oldPath)).toBe(true);
    expect(await text(reading)).toBe('x\ny\n');
    await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(oldPath)).toBe(false);
    second.done();
  });

  it('keeps no failed build', async () => {
    let fail = true;
    const build = async (): Promise<TReportBuild> => {
      async function* chunks() {
        yield 'part';
        if (fail) throw new Error('the database went away');
      }
      return { headers: {}, body: chunks() };
    };
    await expect(files.get('k', 'v1', build)).rejects.toThrow('the database went away');
    fail = false;
    const lease = await files.get('k', 'v1', build);
    expect(await text(lease.stream(false))).toBe('part');
  });

  it('keeps at most its number of reports, the least recently used going first', async () => {
    const a = await pathOf(await files.get('a', 'v', counted('a').build));
    await files.get('b', 'v', counted('b').build);
    await files.get('a', 'v', counted('a').build);
    const c = counted('c');
    await files.get('c', 'v', c.build);
    await new Promise((r) => setTimeout(r, 20));
    // 'b' went (least recently used); 'a' was used again and stays.
    expect(existsSync(a)).toBe(true);
    const b = counted('b');
    await files.get('b', 'v', b.build);
    expect(b.builds()).toBe(1);
  });
});
