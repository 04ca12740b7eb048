import { describe, expect, it } from 'vitest';
import { station } from './forensics-test-kit.js';
import { fingerprintHistogram, leaderShareHistogram, turnoutHistogram } from './histograms.js';
import { toStationColumns } from './station-columns.js';

const stations = [
  station('S1', 100, 57, [40, 17]), // turnout 57 % (exactly: bin 57, not 56), leader 70.2 %
  station('S2', 200, 200, [150, 50]), // 100 %: the last bin; leader 75 %
  station('S3', 100, 101, [60, 41]), // above 100 %: counted apart
  station('S4', 1000, 333, [333, 0]), // 33.3 %, leader 100 %
];
const columns = toStationColumns(stations, 'cand_a');

describe('histograms', () => {
  it('put each station in its percentage bin, 100 % in the last, above 100 % apart', () => {
    const h = turnoutHistogram(columns, 1);
    expect(h.stations).toHaveLength(100);
    expect(h.stations[57]).toBe(1);
    expect(h.stations[99]).toBe(1);
    expect(h.stations[33]).toBe(1);
    expect(h.above100).toBe(1);
    expect(h.stations.reduce((s, x) => s + x, 0)).toBe(3);
    expect(h.voters[33]).toBe(1000);
  });

  it('take any bin width, and keep whole percentages in their own bin', () => {
    const h = turnoutHistogram(columns, 0.1);
    expect(h.stations).toHaveLength(1000);
    expect(h.stations[570]).toBe(1);
    expect(h.stations[333]).toBe(1);
    const wide = leaderShareHistogram(columns, 25);
    expect(wide.stations).toEqual([0, 0, 2, 2]); // S3 has a leader share (59.4 %) though not a turnout
  });

  it('draw the fingerprint as turnout rows and leader-share columns', () => {
    const f = fingerprintHistogram(columns, 10);
    expect(f.stations[5]?.[7]).toBe(1);
    expect(f.stations[9]?.[7]).toBe(1);
    expect(f.stations[3]?.[9]).toBe(1);
    expect(f.above100).toBe(1);
  });

  it.each([0, -1, 101, NaN])('refuse a bin width of %f', (w) => {
    expect(() => turnoutHistogram(columns, w)).toThrow(RangeError);
  });
});
