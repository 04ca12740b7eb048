import { describe, expect, it } from 'vitest';
import { FiguresCache } from './figures-cache.js';

describe('FiguresCache', () => {
  it('computes once per key while fresh, again for a new key, and forgets failures', async () => {
    const cache = new FiguresCache<number>(60_000);
    let runs = 0;
    const compute = async () => ++runs;
    expect(await Promise.all([cache.get('a', compute), cache.get('a', compute)])).toEqual([1, 1]);
    expect(await cache.get('b', compute)).toBe(2);
    await expect(cache.get('c', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await cache.get('c', compute)).toBe(3);
  });

  it('recomputes once the entry is older than its time to live', async () => {
    const cache = new FiguresCache<number>(0);
    let runs = 0;
    await cache.get('a', async () => ++runs);
    await cache.get('a', async () => ++runs);
    expect(runs).toBe(2);
  });
});
