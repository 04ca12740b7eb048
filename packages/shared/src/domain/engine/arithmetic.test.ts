import { describe, expect, it } from 'vitest';
import { compareStation } from './compare-station.js';
import type { TFinding, TFormForEngine, TLineValues, TPhotoReading } from './engine-types.js';
import { form, policy, protocol, reading, station } from './engine-test-kit.js';

const SUM = 'took_part = sum(candidates) + against_all + invalid';
const crowd = [{ candidate: 'dubovik', verified: 3, unverified: 0 }];

function arithmetic(findings: TFinding[]) {
  return findings
    .filter((f) => f.kind === 'arithmetic')
    .map((f) => (f.evidence.kind === 'arithmetic' ? [f.subject, f.strength, f.evidence.lhs, f.evidence.rhs] : null));
}

describe('arithmetic', () => {
  it.each<[string, TLineValues, TPhotoReading[], number, unknown[]]>([
    ['an honest protocol', protocol(), [], 1650, []],
    [
      'official breaks the sum',
      protocol({ votes_barysevich: 522 }),
      [],
      1650,
      [[`official:${SUM}`, 'strong', 1298, 1308]],
    ],
    [
      'official breaks took_part <= voters_on_list',
      protocol({ voters_on_list: 1200 }),
      [],
      1650,
      [['official:took_part <= voters_on_list', 'strong', 1298, 1200]],
    ],
    ['an unpublished line makes a relation incomplete, not broken', protocol({ took_part: undefined }), [], 1650, []],
    ['official turnout over 100% of the list', protocol(), [], 1000, [['official:turnout', 'strong', 1298, 1000]]],
    ['exactly 100% is no finding', protocol(), [], 1298, []],
    [
      'took_part within the list but candidate votes beyond it',
      protocol({ took_part: 1100, issued_day: 653 }),
      [],
      1120,
      [
        ['official:received = issued_early + issued_home + issued_day + unused', 'strong', 1600, 1402],
        [`official:${SUM}`, 'strong', 1100, 1298],
        ['official:turnout', 'strong', 1151, 1120],
      ],
    ],
    [
      'a documented photo breaking a relation → strong',
      protocol(),
      [reading('a1', 'qr', protocol({ invalid: 61 }))],
      1650,
      [[`photo:a1:${SUM}`, 'strong', 1298, 1308]],
    ],
    [
      'an OCR photo breaking a relation → signal',
      protocol(),
      [reading('a1', 'ocr', protocol({ invalid: 61 }), { confidence: 0.95 })],
      1650,
      [[`photo:a1:${SUM}`, 'signal', 1298, 1308]],
    ],
    [
      'official and photos, sorted by subject',
      protocol({ invalid: 41 }),
      [reading('b2', 'qr', protocol({ took_part: 2000 })), reading('a1', 'qr', protocol({ invalid: 61 }))],
      1650,
      [
        [`official:${SUM}`, 'strong', 1298, 1288],
        [`photo:a1:${SUM}`, 'strong', 1298, 1308],
        ['photo:b2:took_part <= voters_on_list', 'strong', 2000, 1650],
        ['photo:b2:took_part = issued_early + issued_home + issued_day', 'strong', 2000, 1298],
        [`photo:b2:${SUM}`, 'strong', 2000, 1298],
        ['photo:b2:turnout', 'strong', 2000, 1650],
      ],
    ],
  ])('%s', (_name, official, readings, votersOnList, expected) => {
    const evidence = station({
      station: { code: 'S1', votersOnList },
      official: [{ version: 3, values: official }],
      readings,
      selfReports: crowd,
    });
    expect(arithmetic(compareStation(form, evidence, policy))).toEqual(expected);
  });

  it('records the evidence of an official break', () => {
    const evidence = station({ official: [{ version: 3, values: protocol({ votes_barysevich: 522 }) }] });
    const finding = compareStation(form, evidence, policy).find((f) => f.kind === 'arithmetic');
    expect(finding).toEqual({
      kind: 'arithmetic',
      strength: 'strong',
      subject: `official:${SUM}`,
      minStolenVotes: null,
      evidence: {
        kind: 'arithmetic',
        on: 'official',
        officialVersion: 3,
        photoSha256: null,
        relation: SUM,
        lhs: 1298,
        rhs: 1308,
      },
      policy: policy.id,
    });
  });

  it('records the evidence of a photo break, turnout included', () => {
    const evidence = station({ station: { code: 'S1', votersOnList: 1000 }, official: [], readings: [reading('a1')] });
    expect(compareStation(form, evidence, policy)).toEqual([
      {
        kind: 'arithmetic',
        strength: 'strong',
        subject: 'photo:a1:turnout',
        minStolenVotes: null,
        evidence: {
          kind: 'arithmetic',
          on: 'photo',
          officialVersion: null,
          photoSha256: 'a1',
          relation: 'turnout <= 100%',
          lhs: 1298,
          rhs: 1000,
        },
        policy: policy.id,
      },
    ]);
  });

  it('a form without took_part: turnout from the candidate lines, only when all are read', () => {
    const small: TFormForEngine = {
      lines: [
        { key: 'votes_x', number: 1, candidate: 'x' },
        { key: 'votes_y', number: 2, candidate: 'y' },
      ],
      relations: [],
    };
    const at = (values: TLineValues) =>
      arithmetic(
        compareStation(
          small,
          station({ station: { code: 'S1', votersOnList: 100 }, official: [{ version: 1, values }] }),
          policy,
        ),
      );
    expect(at({ votes_x: 60, votes_y: 50 })).toEqual([['official:turnout', 'strong', 110, 100]]);
    expect(at({ votes_x: 60, votes_y: 40 })).toEqual([]);
    expect(at({ votes_x: 160 })).toEqual([]);
  });
});
