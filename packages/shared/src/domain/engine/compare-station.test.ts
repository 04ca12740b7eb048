import { describe, expect, it } from 'vitest';
import { compareStation } from './compare-station.js';
import type { TCrowdCount, TOfficialVersion, TPhotoReading, TStationEvidence } from './engine-types.js';
import { form, isCanonical, moved, policy, protocol, reading, station, summary } from './engine-test-kit.js';
import { prepareForm } from './prepare-form.js';

const someCrowd: TCrowdCount[] = [{ candidate: 'dubovik', verified: 3, unverified: 0 }];

describe('official_revised', () => {
  it('lists the versions in order and the changed lines; the latest version is the one compared', () => {
    const v2 = moved('barysevich', 'adamovich', 100);
    const evidence = station({
      official: [
        { version: 2, values: { ...v2, note: 7 } },
        { version: 1, values: protocol() },
      ],
      readings: [reading('a1', 'qr')],
      selfReports: someCrowd,
    });
    const findings = compareStation(form, evidence, policy);
    expect(summary(findings)).toEqual(['protocol_mismatch strong', 'official_revised signal']);
    expect(findings[0]?.evidence).toMatchObject({ officialVersion: 2 });
    expect(findings[1]?.evidence).toEqual({
      kind: 'official_revised',
      // Only the form's lines: a key outside the form is not part of the protocol.
      versions: [
        { version: 1, values: protocol() },
        { version: 2, values: v2 },
      ],
      lines: [
        { line: 'votes_adamovich', values: [171, 271] },
        { line: 'votes_barysevich', values: [512, 412] },
      ],
    });
  });

  it.each<[string, TOfficialVersion[], { line: string; values: (number | null)[] }[] | null]>([
    ['two identical versions', [1, 2].map((version) => ({ version, values: protocol() })), null],
    [
      'versions differing only outside the form',
      [
        { version: 1, values: protocol({ note: 1 }) },
        { version: 2, values: protocol() },
      ],
      null,
    ],
    [
      'a line dropped is a change',
      [
        { version: 1, values: protocol() },
        { version: 2, values: protocol({ votes_hrynevich: undefined }) },
      ],
      [{ line: 'votes_hrynevich', values: [38, null] }],
    ],
    [
      'three versions, one line going back and forth',
      [3, 1, 2].map((version) => ({
        version,
        values: protocol({ invalid: version === 2 ? 50 : 51, against_all: version === 2 ? 97 : 96 }),
      })),
      [
        { line: 'against_all', values: [96, 97, 96] },
        { line: 'invalid', values: [51, 50, 51] },
      ],
    ],
  ])('%s', (_name, official, lines) => {
    const findings = compareStation(form, station({ official, selfReports: someCrowd }), policy);
    const revised = findings.find((f) => f.kind === 'official_revised');
    expect(
      revised === undefined ? null : revised.evidence.kind === 'official_revised' && revised.evidence.lines,
    ).toEqual(lines);
  });
});

describe('without an official result', () => {
  it.each<[string, Partial<TStationEvidence>, string[], unknown]>([
    ['nothing at all', {}, ['insufficient_evidence info'], ['official', 'readings', 'crowd']],
    [
      'crowd and an honest photo',
      { selfReports: [{ candidate: 'hrynevich', verified: 900, unverified: 0 }], readings: [reading('a1')] },
      ['insufficient_evidence info'],
      ['official'],
    ],
    [
      'a photo breaking a relation',
      { readings: [reading('a1', 'qr', protocol({ invalid: 61 }))] },
      ['arithmetic strong photo:a1:took_part = sum(candidates) + against_all + invalid'],
      null,
    ],
    [
      'conflicting photos',
      { readings: [reading('a1'), reading('b2', 'qr', moved('adamovich', 'dubovik', 4))], selfReports: someCrowd },
      ['conflicting_protocols strong', 'insufficient_evidence info'],
      ['official'],
    ],
  ])('%s', (_name, overrides, expected, missing) => {
    const findings = compareStation(form, station({ ...overrides, official: [] }), policy);
    expect(summary(findings)).toEqual(expected);
    const last = findings[findings.length - 1];
    if (missing !== null) expect(last?.evidence).toEqual({ kind: 'insufficient_evidence', missing });
  });
});

describe('insufficient_evidence', () => {
  const proof: TCrowdCount[] = [{ candidate: 'hrynevich', verified: 40, unverified: 0 }];
  const signalOnly: TCrowdCount[] = [{ candidate: 'hrynevich', verified: 0, unverified: 40 }];
  const mismatching: TPhotoReading[] = [reading('a1', 'qr', moved('adamovich', 'dubovik', 4))];

  it.each<[string, Partial<TStationEvidence>, string[], unknown]>([
    ['everything present and honest → no finding', { readings: [reading('a1')], selfReports: someCrowd }, [], null],
    ['no readings, no crowd', {}, ['insufficient_evidence info'], ['readings', 'crowd']],
    ['a crowd proof is enough', { selfReports: proof }, ['crowd_exceeds_official proof hrynevich'], null],
    [
      'a crowd signal is not',
      { selfReports: signalOnly },
      ['crowd_exceeds_official signal hrynevich', 'insufficient_evidence info'],
      ['readings'],
    ],
    [
      'an untrusted partner is not either',
      { partners: [{ source: 'zubr', candidate: 'hrynevich', verified: 40, unverified: 0 }] },
      ['crowd_exceeds_official strong hrynevich', 'insufficient_evidence info'],
      ['readings'],
    ],
    ['a mismatch is enough', { readings: mismatching }, ['protocol_mismatch strong'], null],
    [
      'rows of zeros are no crowd',
      { readings: [reading('a1')], selfReports: [{ candidate: 'dubovik', verified: 0, unverified: 0 }] },
      ['insufficient_evidence info'],
      ['crowd'],
    ],
    [
      'rows for a candidate not on the form are no crowd',
      { readings: [reading('a1')], selfReports: [{ candidate: 'x', verified: 9, unverified: 0 }] },
      ['insufficient_evidence info'],
      ['crowd'],
    ],
    [
      'an electorate nobody published: the turnout check is not made, and that is said',
      { station: { code: 'S1', votersOnList: null }, readings: [reading('a1')], selfReports: someCrowd },
      ['insufficient_evidence info'],
      ['electorate'],
    ],
    [
      'an unknown electorate is said even beside a decisive finding, and is never taken for 0',
      { station: { code: 'S1', votersOnList: null }, selfReports: proof },
      ['crowd_exceeds_official proof hrynevich', 'insufficient_evidence info'],
      ['electorate'],
    ],
  ])('%s', (_name, overrides, expected, missing) => {
    const findings = compareStation(form, station(overrides), policy);
    expect(summary(findings)).toEqual(expected);
    if (missing !== null)
      expect(findings[findings.length - 1]?.evidence).toEqual({ kind: 'insufficient_evidence', missing });
  });
});

describe('compareStation', () => {
  const busy = station({
    station: { code: 'S1', votersOnList: 1200 },
    official: [
      { version: 2, values: protocol({ votes_karpovich: 7, votes_hrynevich: 8, invalid: 40 }) },
      { version: 1, values: protocol() },
    ],
    readings: [
      reading('b2', 'ocr', protocol(), { confidence: 0.95 }),
      reading('a1', 'qr', moved('dubovik', 'adamovich', 3)),
    ],
    selfReports: [
      { candidate: 'karpovich', verified: 20, unverified: 1 },
      { candidate: 'hrynevich', verified: 30, unverified: 0 },
    ],
    partners: [{ source: 'golos', candidate: 'adamovich', verified: 1, unverified: 0 }],
  });

  it('returns findings by kind, then by subject, every one carrying the policy', () => {
    const findings = compareStation(form, busy, policy);
    expect(summary(findings)).toEqual([
      'crowd_exceeds_official proof hrynevich',
      'crowd_exceeds_official proof karpovich',
      'protocol_mismatch strong',
      'conflicting_protocols signal',
      'arithmetic strong official:took_part = sum(candidates) + against_all + invalid',
      'arithmetic strong official:turnout',
      'arithmetic strong photo:a1:turnout',
      'arithmetic signal photo:b2:turnout',
      'official_revised signal',
    ]);
    expect(isCanonical(findings)).toBe(true);
    expect(findings.every((f) => f.policy === policy.id)).toBe(true);
  });

  it('gives the same findings for a raw form and its prepared form', () => {
    expect(compareStation(prepareForm(form), busy, policy)).toEqual(compareStation(form, busy, policy));
    expect(prepareForm(prepareForm(form))).toBe(prepareForm(form));
  });
});
