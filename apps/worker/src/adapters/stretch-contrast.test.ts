import { describe, expect, it } from 'vitest';
import { stretchContrast } from './image.adapter.js';

describe('stretchContrast', () => {
  it('maps the 1st…99th percentile of a dull image onto the full range', () => {
    const grey = Buffer.from(Array.from({ length: 10_000 }, (_, i) => 60 + (i % 101)));
    stretchContrast(grey);
    expect(Math.min(...grey)).toBe(0);
    expect(Math.max(...grey)).toBe(255);
    // Order is kept: a brighter pixel never becomes darker.
    expect(grey[10]!).toBeLessThan(grey[90]!);
  });

  it('leaves a flat image alone', () => {
    const grey = Buffer.alloc(1000, 128);
    stretchContrast(grey);
    expect(grey.every((v) => v === 128)).toBe(true);
  });
});
