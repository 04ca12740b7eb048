import { describe, expect, it } from 'vitest';
import { compareStation } from '../engine/compare-station.js';
import type { TCrowdCount, TPartnerCount } from '../engine/engine-types.js';
import { form, policy, station } from '../engine/engine-test-kit.js';
import { minimumProvenTheft } from './minimum-proven-theft.js';

// The engine's sample protocol: hrynevich 38, dubovik 403, karpovich 27 official votes.
const self = (candidate: string, verified: number, unverified = 0): TCrowdCount => ({
  candidate,
  verified,
  unverified,
});
const partner = (source: string, candidate: string, verified: number): TPartnerCount => ({
  source,
  candidate,
  verified,
  unverified: 0,
});

/** The engine's real findings for a station with these crowd counts. */
function at(code: string, region: string, selfReports: TCrowdCount[], partners: TPartnerCount[] = []) {
  const evidence = station({ station: { code, votersOnList: 1650 }, selfReports, partners });
  return { station: code, region, findings: compareStation(form, evidence, policy) };
}

const stations = [
  at('S1', 'North', [self('hrynevich', 40)]), // proof: 2
  at('S2', 'North', [self('hrynevich', 50), self('karpovich', 30)]), // proof: 12 and 3
  at('S3', 'South', [self('dubovik', 410)]), // proof: 7
  at('S4', 'South', [], [partner('zubr', 'hrynevich', 60)]), // strong (untrusted partner): 22
  at('S5', 'South', [self('hrynevich', 30, 100)]), // signal only: no number
  at('S6', 'East', [self('hrynevich', 38)]), // nothing
];

describe('minimum proven theft', () => {
  it('adds the proof-strength gaps per candidate, nationally and per region, as a lower bound', () => {
    const result = minimumProvenTheft(stations);
    expect(result.label).toBe('lower bound');
    expect(result.strengths).toEqual(['proof']);
    expect(result.national).toEqual({ hrynevich: 14, karpovich: 3, dubovik: 7 });
    expect(result.stations).toBe(3);
    expect(result.regions).toEqual([
      { region: 'North', stations: 2, votes: { hrynevich: 14, karpovich: 3 } },
      { region: 'South', stations: 1, votes: { dubovik: 7 } },
    ]);
    expect(result.policies).toEqual([policy.id]);
  });

  it('counts strong findings only when asked, and says so; a signal never adds anything', () => {
    const result = minimumProvenTheft(stations, ['proof', 'strong', 'signal']);
    expect(result.strengths).toEqual(['proof', 'strong', 'signal']);
    expect(result.national).toEqual({ hrynevich: 36, karpovich: 3, dubovik: 7 });
    expect(result.regions.find((r) => r.region === 'South')).toEqual({
      region: 'South',
      stations: 2,
      votes: { dubovik: 7, hrynevich: 22 },
    });
  });

  it('refuses a station given twice (its theft would count twice)', () => {
    expect(() => minimumProvenTheft([stations[0]!, stations[0]!])).toThrow(/S1 given twice/);
  });
});
