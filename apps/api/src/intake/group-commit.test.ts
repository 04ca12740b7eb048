import { describe, expect, it } from 'vitest';
import { GroupCommitter } from './group-commit.js';

/** Submits `items` while the first write is held, so that the rest share one batch. */
async function submitTogether(committer: GroupCommitter<string, string>, release: () => void, items: string[]) {
  const first = committer.submit('first').then(
    (v) => ({ ok: true as const, v }),
    (e: Error) => ({ ok: false as const, e: e.message }),
  );
  const rest = items.map((item) =>
    committer.submit(item).then(
      (v) => ({ ok: true as const, v }),
      (e: Error) => ({ ok: false as const, e: e.message }),
    ),
  );
  release();
  return [await first, ...(await Promise.all(rest))];
}

function heldWriter(fail: (items: string[]) => Error | null) {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const batches: string[][] = [];
  const write = async (items: string[]) => {
    batches.push(items);
    if (items.includes('first')) await held;
    const error = fail(items);
    if (error) throw error;
    return items.map((i) => `ok:${i}`);
  };
  return { write, batches, release: () => release() };
}

describe('GroupCommitter', () => {
  it('fails only the item the database refuses, not the batch it rode in', async () => {
    const writer = heldWriter((items) => (items.includes('poison') ? new Error('violates a constraint') : null));
    const committer = new GroupCommitter<string, string>(writer.write, (i) => [i]);
    const items = Array.from({ length: 99 }, (_, i) => (i === 41 ? 'poison' : `v${i}`));
    const outcomes = await submitTogether(committer, writer.release, items);
    expect(writer.batches[1]).toHaveLength(99);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, e: 'violates a constraint' }]);
    expect(outcomes[42]).toEqual({ ok: false, e: 'violates a constraint' });
    expect(outcomes.filter((o) => o.ok)).toHaveLength(99);
    // Halving: about 2 × log2(99) writes, not one per item.
    expect(writer.batches.length).toBeLessThan(20);
  });

  it('fails a whole batch at once when the database is unreachable', async () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const writer = heldWriter((items) => (items.includes('first') ? null : outage));
    const committer = new GroupCommitter<string, string>(writer.write, (i) => [i]);
    const outcomes = await submitTogether(
      committer,
      writer.release,
      Array.from({ length: 50 }, (_, i) => `v${i}`),
    );
    expect(outcomes.filter((o) => !o.ok)).toHaveLength(50);
    expect(writer.batches).toHaveLength(2);
  });
});
