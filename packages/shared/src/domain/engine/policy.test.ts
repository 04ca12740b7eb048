import { describe, expect, it } from 'vitest';
import { defaultPolicy } from './engine-types.js';
import { resolvePolicy, storedPolicy, ZPolicyInput } from './policy.js';

describe('resolvePolicy', () => {
  it('is the default policy, id and all, when nothing is set', () => {
    expect(resolvePolicy({})).toEqual(defaultPolicy);
    expect(resolvePolicy({ minGap: defaultPolicy.minGap })).toEqual(defaultPolicy);
  });

  it('merges a part over the defaults and names the result by its rules', () => {
    const zubr = resolvePolicy({ name: 'coalition', trustedPartners: ['Zubr'] });
    expect(zubr).toMatchObject({ trustedPartners: ['Zubr'], minGap: 1, verification: defaultPolicy.verification });
    expect(zubr.id).toMatch(/^coalition\/[0-9a-f]{8}$/);
    // Other rules under the same name never share an id; the same rules in another order do.
    expect(resolvePolicy({ name: 'coalition', trustedPartners: ['Zubr', 'Golos'] }).id).not.toBe(zubr.id);
    expect(resolvePolicy({ name: 'coalition', trustedPartners: ['Zubr', 'Zubr'] }).id).toBe(zubr.id);
    // A part of the sybil thresholds keeps the rest, and is a policy of its own.
    const quiet = resolvePolicy({ sybil: { burstReports: 20 } });
    expect(quiet.sybil).toEqual({ ...defaultPolicy.sybil, burstReports: 20 });
    expect(quiet.id).not.toBe(defaultPolicy.id);
    expect(resolvePolicy({ verification: { ballotPhotoRequired: false } })).toMatchObject({
      id: expect.stringMatching(/^custom\//),
      verification: { ballotPhotoRequired: false, ballotPhotoUnique: true },
    });
  });
});

describe('ZPolicyInput', () => {
  it.each([
    [{ trustedPartner: ['Zubr'] }, 'trustedPartner'],
    [{ verification: { ballotPhoto: true } }, 'ballotPhoto'],
    [{ minGap: 0 }, 'minGap'],
    [{ minOcrConfidence: 1.5 }, 'minOcrConfidence'],
    [{ sybil: { burstReport: 3 } }, 'burstReport'],
    [{ sybil: { burstShare: 2 } }, 'burstShare'],
  ])('refuses %j, naming %s', (input, key) => {
    const parsed = ZPolicyInput.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error!.issues)).toContain(key);
  });
});

describe('storedPolicy', () => {
  it('reads a partial policy written by hand as its defaults, never NaN or a crash', () => {
    const policy = storedPolicy({ id: 'by-hand', trustedPartners: ['Zubr'] });
    expect(policy).toMatchObject({ trustedPartners: ['Zubr'], minGap: 1, publicationThreshold: 5 });
    expect(policy.verification).toEqual(defaultPolicy.verification);
    expect(storedPolicy(null)).toBe(defaultPolicy);
  });

  it('stops with a message naming the field when what is stored is not a policy', () => {
    expect(() => storedPolicy({ minGap: 'one' })).toThrow(/minGap/);
  });
});
