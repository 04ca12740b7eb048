import { compileFormTemplate, presidentialDefinition, presidentialSampleValues } from '@crosstally/shared';
import { describe, expect, it } from 'vitest';
import { judgeLines, seenValues, type TLineVerdict } from './judge-lines.js';
import { parseHocrWords } from './tesseract-pool.js';

const { relations } = compileFormTemplate(presidentialDefinition);
const options = { minConfidence: 0.8, requireCorroboration: true };
const read = (values: Record<string, number>, failed: Record<string, TLineVerdict> = {}) =>
  Object.entries(values).map(([key, value]) => ({
    key,
    verdict: failed[key] ?? ({ ok: true, value, confidence: 0.95 } as const),
  }));

describe('judgeLines', () => {
  it('keeps every line of a sheet whose relations all hold', () => {
    const judged = judgeLines(read(presidentialSampleValues), relations, options);
    expect(judged.lines).toEqual(presidentialSampleValues);
    expect(judged.sheetChecked).toBe(true);
  });

  it('drops every line of a broken relation and infers none', () => {
    const values = { ...presidentialSampleValues, issued_home: 36 };
    const judged = judgeLines(read(values), relations, { ...options, requireCorroboration: false });
    for (const key of ['took_part', 'issued_early', 'issued_home', 'issued_day', 'received', 'unused']) {
      expect(judged.unread[key]).toBe('relation-broken');
    }
    expect(judged.lines).toEqual({
      voters_on_list: 1650,
      votes_adamovich: 171,
      votes_barysevich: 512,
      votes_hrynevich: 38,
      votes_dubovik: 403,
      votes_karpovich: 27,
      against_all: 96,
      invalid: 51,
    });
  });

  it('holds back lines whose equalities cannot be completed, and the unchecked line with them', () => {
    const judged = judgeLines(
      read(presidentialSampleValues, { invalid: { ok: false, reason: 'low-confidence' } }),
      relations,
      options,
    );
    // The votes equality is incomplete: its lines go, took_part too although its other
    // equality holds; the ballots lines are in equalities that all hold.
    expect(Object.keys(judged.lines).sort()).toEqual([
      'issued_day',
      'issued_early',
      'issued_home',
      'received',
      'unused',
    ]);
    expect(judged.unread.took_part).toBe('uncorroborated');
    expect(judged.unread.votes_adamovich).toBe('uncorroborated');
    expect(judged.unread.voters_on_list).toBe('uncorroborated');
    expect(judged.sheetChecked).toBe(false);
  });
});

// As tesseract 5 writes it with lstm_choice_mode 2 (a handwritten 81 read as 31).
const hocr31 = `<div class='ocr_page' id='page_1'>
    <span class='ocrx_word' id='word_1_1' title='bbox 16 16 66 56; x_wconf 84'>31
     <span class='ocrx_cinfo' id='lstm_choices_1_1_1'>
      <span class='ocrx_cinfo' id='choice_1_1_1' title='x_confs 87.238037'>3</span>
      <span class='ocrx_cinfo' id='choice_1_1_2' title='x_confs 73.967377'>8</span>
      <span class='ocrx_cinfo' id='choice_1_1_3' title='x_confs 0'>2</span></span>
     <span class='ocrx_cinfo' id='lstm_choices_1_1_2'>
      <span class='ocrx_cinfo' id='choice_1_1_5' title='x_confs 95.203476'>1</span>
      <span class='ocrx_cinfo' id='choice_1_1_6' title='x_confs 12.5'>7</span></span>
    </span>
</div>`;

describe('the values the OCR saw in a box', () => {
  it("reads word confidences and each character's choices from the hOCR", () => {
    expect(parseHocrWords(hocr31)).toEqual({
      wordConfidences: [84],
      wordChoices: [
        [
          [
            { text: '3', confidence: 87.238037 },
            { text: '8', confidence: 73.967377 },
            { text: '2', confidence: 0 },
          ],
          [
            { text: '1', confidence: 95.203476 },
            { text: '7', confidence: 12.5 },
          ],
        ],
      ],
    });
  });

  it('keeps no choices for a word whose choice spans do not match its characters', () => {
    const mismatched = hocr31.replace('>31\n', '>311\n');
    expect(parseHocrWords(mismatched).wordChoices).toEqual([[]]);
  });

  it('offers the best reading first, then values made of credible other characters only', () => {
    const text = { text: '31', ...parseHocrWords(hocr31) };
    // 8 (74) is credible; 2 (0) and 7 (12.5) are noise. The best keeps its word confidence.
    expect(seenValues(text, { value: 31, confidence: 0.84 })).toEqual([
      { value: 31, confidence: 0.84 },
      { value: 81, confidence: 0.73967377 },
    ]);
  });

  it('offers only the best reading when tesseract gave no choices', () => {
    expect(seenValues({ text: '31', wordConfidences: [84] }, { value: 31, confidence: 0.84 })).toEqual([
      { value: 31, confidence: 0.84 },
    ]);
  });

  it('offers nothing when tesseract barely believes even its best reading', () => {
    expect(seenValues({ text: '31', wordConfidences: [15] }, { value: 31, confidence: 0.15 })).toEqual([]);
  });

  it('keeps digit groups: a grouped number stays a count with a choice swapped in', () => {
    const symbol = (c: string) => [{ text: c, confidence: 90 }];
    const text = {
      text: '1 234',
      wordConfidences: [90, 90],
      wordChoices: [[symbol('1')], [symbol('2'), [...symbol('3'), { text: '8', confidence: 60 }], symbol('4')]],
    };
    expect(seenValues(text, { value: 1234, confidence: 0.9 }).map((s) => s.value)).toEqual([1234, 1284]);
  });
});
