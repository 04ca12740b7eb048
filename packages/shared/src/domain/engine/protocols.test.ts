import { describe, expect, it } from 'vitest';
import { compareStation } from './compare-station.js';
import type { TPhotoReading } from './engine-types.js';
import { form, moved, policy, protocol, reading, station, summary } from './engine-test-kit.js';

// Published: 100 votes moved from barysevich to adamovich. Every relation still holds.
const published = moved('barysevich', 'adamovich', 100);
const crowd = [{ candidate: 'dubovik', verified: 3, unverified: 0 }];
const run = (readings: TPhotoReading[], official = [{ version: 1, values: published }]) =>
  compareStation(form, station({ official, readings, selfReports: crowd }), policy);

describe('which readings count', () => {
  it.each<[string, TPhotoReading, string[]]>([
    ['a QR reading', reading('a1', 'qr'), ['protocol_mismatch strong']],
    ['a double entry', reading('a1', 'double_entry'), ['protocol_mismatch strong']],
    [
      'a confident OCR reading (a signal only)',
      reading('a1', 'ocr', undefined, { confidence: 0.95 }),
      ['protocol_mismatch signal'],
    ],
    [
      'OCR at exactly the threshold',
      reading('a1', 'ocr', undefined, { confidence: 0.9 }),
      ['protocol_mismatch signal'],
    ],
    [
      'a low-confidence OCR reading is ignored',
      reading('a1', 'ocr', undefined, { confidence: 0.5 }),
      ['insufficient_evidence info'],
    ],
    [
      'a NaN confidence is ignored',
      reading('a1', 'ocr', undefined, { confidence: Number.NaN }),
      ['insufficient_evidence info'],
    ],
    [
      'a reading of this station code',
      reading('a1', 'qr', undefined, { stationCodeRead: 'S1' }),
      ['protocol_mismatch strong'],
    ],
    [
      'a wrong-station reading is not compared: it is a finding of its own',
      reading('a1', 'qr', undefined, { stationCodeRead: 'S2' }),
      ['wrong_station signal', 'insufficient_evidence info'],
    ],
  ])('%s', (_name, r, expected) => {
    const findings = run([r]);
    expect(summary(findings)).toEqual(expected);
    const last = findings.at(-1);
    const missing = last?.evidence.kind === 'insufficient_evidence' ? last.evidence.missing : null;
    if (expected.at(-1) === 'insufficient_evidence info') expect(missing).toEqual(['readings']);
  });
});

describe('protocol_mismatch', () => {
  it('lists the photos and the differing lines against the latest version', () => {
    const [finding] = run([reading('b2', 'ocr', sample(), { confidence: 0.99 }), reading('a1', 'qr')]);
    expect(finding).toEqual({
      kind: 'protocol_mismatch',
      strength: 'strong',
      subject: '',
      minStolenVotes: null,
      evidence: {
        kind: 'protocol_mismatch',
        officialVersion: 1,
        photos: [
          { sha256: 'a1', method: 'qr' },
          { sha256: 'b2', method: 'ocr' },
        ],
        lines: [
          { line: 'votes_adamovich', official: 271, photographed: 171 },
          { line: 'votes_barysevich', official: 412, photographed: 512 },
        ],
      },
      policy: policy.id,
    });
  });

  it('compares only the lines both sides have: a partial agreeing reading is no mismatch', () => {
    const partial = reading('a1', 'qr', { votes_hrynevich: 38, took_part: 1298 });
    expect(run([partial])).toEqual([]);
  });

  it('agreeing with the official result is no finding', () => {
    expect(run([reading('a1', 'qr', published)])).toEqual([]);
  });

  it('several differing groups: all their photos, the lines of the largest group', () => {
    const other = moved('barysevich', 'dubovik', 7);
    const readings = [reading('c3', 'ocr'), reading('a1', 'qr', other), reading('d4', 'ocr'), reading('b2', 'ocr')];
    const [mismatch, conflict] = run(readings);
    expect(mismatch?.strength).toBe('strong');
    expect(mismatch?.evidence).toMatchObject({
      photos: ['a1', 'b2', 'c3', 'd4'].map((sha256) => ({ sha256, method: sha256 === 'a1' ? 'qr' : 'ocr' })),
      lines: [
        { line: 'votes_adamovich', official: 271, photographed: 171 },
        { line: 'votes_barysevich', official: 412, photographed: 512 },
      ],
    });
    expect(conflict?.kind).toBe('conflicting_protocols');
  });

  it('a tie in group size: the lines of the group with the first photo', () => {
    const other = moved('barysevich', 'dubovik', 7);
    const [mismatch] = run([reading('b2', 'ocr'), reading('a1', 'ocr', other)]);
    expect(mismatch?.strength).toBe('signal');
    expect(mismatch?.evidence).toMatchObject({
      lines: [
        { line: 'votes_adamovich', official: 271, photographed: 171 },
        { line: 'votes_barysevich', official: 412, photographed: 505 },
        { line: 'votes_dubovik', official: 403, photographed: 410 },
      ],
    });
  });
});

describe('conflicting_protocols', () => {
  const other = moved('hrynevich', 'karpovich', 5);

  it.each<[string, TPhotoReading[], string]>([
    ['two documented groups → strong', [reading('a1', 'qr'), reading('b2', 'double_entry', other)], 'strong'],
    ['documented against OCR → signal', [reading('a1', 'qr'), reading('b2', 'ocr', other)], 'signal'],
    ['two OCR groups → signal', [reading('a1', 'ocr'), reading('b2', 'ocr', other)], 'signal'],
  ])('%s', (_name, readings, strength) => {
    const findings = compareStation(form, station({ official: [], readings }), policy);
    expect(summary(findings)).toEqual([`conflicting_protocols ${strength}`, 'insufficient_evidence info']);
    expect(findings[0]?.evidence).toEqual({
      kind: 'conflicting_protocols',
      groups: [
        { photos: ['a1'], values: { votes_hrynevich: 38, votes_karpovich: 27 } },
        { photos: ['b2'], values: { votes_hrynevich: 33, votes_karpovich: 32 } },
      ],
      lines: ['votes_hrynevich', 'votes_karpovich'],
    });
  });

  it('groups agreeing photos, and a disputed line shows only the groups that read it', () => {
    const readings = [
      reading('c3', 'qr', other),
      reading('a1', 'ocr', { votes_hrynevich: 38 }),
      reading('b2', 'qr', { votes_karpovich: 27, invalid: 51 }),
    ];
    const [finding] = compareStation(form, station({ readings }), policy).filter(
      (f) => f.kind === 'conflicting_protocols',
    );
    expect(finding?.strength).toBe('strong');
    expect(finding?.evidence).toEqual({
      kind: 'conflicting_protocols',
      groups: [
        { photos: ['a1', 'b2'], values: { votes_hrynevich: 38, votes_karpovich: 27 } },
        { photos: ['c3'], values: { votes_hrynevich: 33, votes_karpovich: 32 } },
      ],
      lines: ['votes_hrynevich', 'votes_karpovich'],
    });
  });

  it('one photo sent twice is one photo: its best reading counts', () => {
    const readings = [reading('a1', 'ocr', other, { confidence: 0.95 }), reading('a1', 'qr')];
    expect(summary(compareStation(form, station({ readings, selfReports: crowd }), policy))).toEqual([]);
  });
});

function sample() {
  return protocol();
}
