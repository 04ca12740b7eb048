import { languages, presidentialDefinition, translate, type TLanguage } from '@crosstally/shared';
import { describe, expect, it } from 'vitest';
import type { TPage } from '../../page-context.js';
import { pageOfQueue, pageSize, queueSearch } from './desk-forms.js';
import { evidenceText } from './evidence-text.js';
import { numbersTable, type TStationView } from './numbers-table.js';

function pageIn(lang: TLanguage): TPage {
  return {
    lang,
    t: (key, params) => translate({ key, ...(params && { params }) }, lang),
    say: (m) => (typeof m === 'string' ? m : translate(m, lang)),
    principal: { kind: 'anonymous' },
    here: '/desk',
    href: (path) => `/${lang}${path}`,
    formToken: null,
  };
}

const { lines } = presidentialDefinition.form;
const candidates = presidentialDefinition.candidates.map((c) => ({ key: c.key, name: c.name }));
const form = { lines: lines.map((l) => ({ ...l })), candidates };
const first = candidates[0]!;
const sha = (c: string) => c.repeat(64);

const evidence = {
  crowd: {
    kind: 'crowd_exceeds_official',
    candidate: first.key,
    officialVersion: 2,
    official: 40,
    source: 'self_reports',
    verified: 57,
    unverified: 3,
    crowd: 57,
    gap: 17,
  },
  mismatch: {
    kind: 'protocol_mismatch',
    officialVersion: 1,
    photos: [{ sha256: sha('a'), method: 'qr' }],
    lines: [{ line: 'invalid', official: 15, photographed: 10 }],
  },
  conflict: {
    kind: 'conflicting_protocols',
    groups: [
      { photos: [sha('a')], values: { invalid: 10 } },
      { photos: [sha('b')], values: { invalid: 15 } },
    ],
    lines: ['invalid'],
  },
  arithmetic: {
    kind: 'arithmetic',
    on: 'official',
    officialVersion: 1,
    photoSha256: null,
    relation: 'took_part <= voters_on_list',
    lhs: 1600,
    rhs: 1500,
  },
  revised: {
    kind: 'official_revised',
    versions: [
      { version: 1, values: {} },
      { version: 2, values: {} },
    ],
    lines: [{ line: 'invalid', values: [10, 15] }],
  },
  wrongStation: { kind: 'wrong_station', photos: [{ sha256: sha('c'), stationCodeRead: '0042', method: 'ocr' }] },
  duplicate: { kind: 'duplicate_photo', photos: [{ sha256: sha('d'), otherStations: ['0007', '0009'] }] },
  insufficient: { kind: 'insufficient_evidence', missing: ['official', 'crowd'] },
  sybil: {
    kind: 'sybil_signal',
    bursts: [{ from: '2026-08-09T08:00:00.000Z', to: '2026-08-09T08:04:00.000Z', reports: 31, stationReports: 33 }],
    floods: [{ from: '2026-08-09T12:00:00.000Z', to: '2026-08-09T12:02:00.000Z', reports: 14, stationReports: 50 }],
  },
};

describe('the evidence in words', () => {
  const expectations: Record<keyof typeof evidence, string[]> = {
    crowd: ['57', '40', '17', 'self_reports'],
    mismatch: ['aaaaaaaaaa…', '15', '10'],
    conflict: ['aaaaaaaaaa…', 'bbbbbbbbbb…', '10', '15'],
    arithmetic: ['took_part &lt;= voters_on_list', '1600', '1500'],
    revised: ['10 → 15'],
    wrongStation: ['cccccccccc…', '0042'],
    duplicate: ['0007, 0009'],
    insufficient: [],
    sybil: ['31', '33', '2026-08-09T08:04:00.000Z', '14', '50', '2026-08-09T12:00:00.000Z'],
  };
  for (const lang of languages) {
    for (const [name, e] of Object.entries(evidence)) {
      it(`${name} in ${lang}: every number shown, every placeholder filled, markup escaped`, () => {
        const text = evidenceText(pageIn(lang), e, form).value;
        for (const expected of expectations[name as keyof typeof evidence]) expect(text).toContain(expected);
        expect(text).not.toMatch(/\{\w+\}/);
        if (name === 'crowd') expect(text).toContain(first.name[lang]);
        if (name === 'mismatch') expect(text).toContain(`13. ${lines.find((l) => l.key === 'invalid')!.label[lang]}`);
      });
    }
  }

  it('shows evidence of a kind it does not know as stored, escaped', () => {
    const text = evidenceText(pageIn('en'), { kind: 'turnout_outlier', note: '<b>' }, form).value;
    expect(text).toContain('turnout_outlier');
    expect(text).toContain('&lt;b&gt;');
  });
});

describe('a page of the queue', () => {
  const flags = Array.from({ length: 120 }, (_, i) => ({
    id: String(i + 1),
    status: (i % 3 === 0 ? 'confirmed' : 'open') as 'confirmed' | 'open',
    assignedTo: i % 4 === 0 ? 'me' : null,
  }));

  it('filters by review status and by assignment before it pages', () => {
    expect(pageOfQueue(flags, { status: 'confirmed' }, 'me').total).toBe(40);
    expect(pageOfQueue(flags, { mine: '1' }, 'me').total).toBe(30);
    expect(pageOfQueue(flags, { mine: '1' }, null).total).toBe(0);
    expect(pageOfQueue(flags, { status: 'confirmed', mine: '1' }, 'me').rows.map((f) => f.id)).toEqual([
      '1',
      '13',
      '25',
      '37',
      '49',
      '61',
      '73',
      '85',
      '97',
      '109',
    ]);
  });

  it('pages in order and keeps a page number past the end on the last page', () => {
    const second = pageOfQueue(flags, { page: 2 }, null);
    expect(second.rows[0]!.id).toBe(String(pageSize + 1));
    expect(second.pages).toBe(3);
    expect(pageOfQueue(flags, { page: 99 }, null).page).toBe(3);
    expect(pageOfQueue([], {}, null)).toMatchObject({ rows: [], page: 1, pages: 1 });
  });

  it('keeps the filters in its links and leaves out page 1', () => {
    expect(queueSearch({ election: 'x', kind: 'arithmetic', page: 3 }, { page: 1 })).toBe(
      '?election=x&kind=arithmetic',
    );
    expect(queueSearch({ mine: '1' }, { page: 2 })).toBe('?mine=1&page=2');
    expect(queueSearch({}, {})).toBe('');
  });
});

describe('the numbers line by line', () => {
  const official = Object.fromEntries(lines.map((l) => [l.key, 100]));
  const view = {
    station: { code: '0001', region: 'R', name: { be: 'a', ru: 'a' }, votersOnList: 1500 },
    official: [{ version: 1, lines: official, publishedAt: '2026-01-01T00:00:00.000Z' }],
    photos: [
      {
        sha256: sha('a'),
        status: 'read',
        failureReason: null,
        failureCode: null,
        readings: [
          { method: 'qr', reader: 'qr', confidence: 1, stationCodeRead: '0001', lines: { ...official, invalid: 90 } },
        ],
      },
    ],
    selfReports: [{ candidate: first.key, verified: 101, total: 120 }],
    partners: [],
    findings: [],
  } as unknown as TStationView;

  it('marks the lines a reading differs on, and a candidate with more verified voters than official votes', () => {
    const table = numbersTable(pageIn('en'), form.lines, view).value;
    const marked = [...table.matchAll(/<tr class="differs" data-line="(\w+)"/g)].map((m) => m[1]);
    expect(marked).toEqual(['invalid']);
    expect(table).toContain('101 / 120');
    expect(table).toContain('more verified voters than official votes');
    expect(table.match(/<td class="differs">/g)).toHaveLength(2);
  });
});
