import { describe, expect, it } from 'vitest';
import { judgeDoubleEntry, type TDigitizationEntry } from './double-entry.js';
import { presidentialDefinition, presidentialSampleValues } from './fixtures/index.js';
import { compileFormTemplate } from './form-template.js';

const { relations } = compileFormTemplate(presidentialDefinition);
const honest = { ...presidentialSampleValues };
const slip = { ...honest, votes_adamovich: honest.votes_adamovich! + 10 };
const entry = (
  id: string,
  values: Record<string, number>,
  stationCode: string | null = '0001',
): TDigitizationEntry => ({
  id,
  stationCode,
  values,
});

describe('judgeDoubleEntry', () => {
  it.each([
    ['no entry yet', [], { status: 'needs_entry', reason: 'first' }],
    ['one entry', [entry('1', honest)], { status: 'needs_entry', reason: 'second' }],
    [
      'two agree, arithmetic holds',
      [entry('1', honest), entry('2', honest)],
      { status: 'agreed', entryIds: ['1', '2'] },
    ],
    ['two disagree', [entry('1', honest), entry('2', slip)], { status: 'needs_entry', reason: 'disagree' }],
    [
      'a third breaks the tie',
      [entry('1', honest), entry('2', slip), entry('3', honest)],
      { status: 'agreed', entryIds: ['1', '3'] },
    ],
    [
      'two agree on a sum that does not hold',
      [entry('1', slip), entry('2', slip)],
      { status: 'needs_entry', reason: 'arithmetic' },
    ],
    [
      'three agree on it: the protocol itself is wrong',
      [entry('1', slip), entry('2', slip), entry('3', slip)],
      { status: 'agreed' },
    ],
    [
      'same numbers, another station code',
      [entry('1', honest), entry('2', honest, '0002')],
      { status: 'needs_entry', reason: 'disagree' },
    ],
  ] as const)('%s', (_name, entries, expected) => {
    expect(judgeDoubleEntry(entries as unknown as TDigitizationEntry[], relations)).toMatchObject(expected);
  });

  it('does not depend on the order of entries', () => {
    const entries = [entry('1', honest), entry('2', slip), entry('3', honest)];
    expect(judgeDoubleEntry([...entries].reverse(), relations)).toEqual(judgeDoubleEntry(entries, relations));
  });
});
