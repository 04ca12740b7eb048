import { describe, it, expect } from 'vitest';
import { ZElectionDefinition, type TElectionDefinitionInput } from './election-definition.js';
import { presidentialDefinition } from './fixtures/presidential-form.js';

type TMutable = { -readonly [K in keyof TElectionDefinitionInput]: TElectionDefinitionInput[K] } & Record<
  string,
  unknown
>;

/** A deep copy of the fixture, changed by `edit`, then validated; issues as {path, message}. */
function issuesAfter(edit: (def: TMutable) => void): { path: PropertyKey[]; message: string }[] {
  const def = structuredClone(presidentialDefinition) as TMutable;
  edit(def);
  const r = ZElectionDefinition.safeParse(def);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path, message: i.message }));
}

describe('ZElectionDefinition accepts', () => {
  it('the presidential fixture, unchanged', () => {
    expect(ZElectionDefinition.parse(presidentialDefinition)).toEqual(presidentialDefinition);
  });

  it('a definition without qrFormat, defaulting to crosstally-v1', () => {
    const { qrFormat: _omitted, ...rest } = presidentialDefinition;
    expect(ZElectionDefinition.parse(rest).qrFormat).toBe('crosstally-v1');
  });

  it('a definition with part of a policy, kept as written', () => {
    const def = { ...presidentialDefinition, policy: { trustedPartners: ['Zubr'] } };
    expect(ZElectionDefinition.parse(def).policy).toEqual({ trustedPartners: ['Zubr'] });
  });

  it('a definition with no relations', () => {
    expect(issuesAfter((d) => (d.form.relations = []))).toEqual([]);
  });
});

describe('ZElectionDefinition reports the offending field', () => {
  it.each<[string, (d: TMutable) => void, PropertyKey[], RegExp]>([
    ['code with capitals', (d) => (d.code = 'Demo-2020'), ['code'], /slug/],
    ['code of one character', (d) => (d.code = 'a'), ['code'], /slug/],
    ['code starting with -', (d) => (d.code = '-demo'), ['code'], /slug/],
    ['name without be', (d) => (d.name = { ru: 'x', en: 'x' } as never), ['name', 'be'], /./],
    ['blank name', (d) => (d.name.ru = '   '), ['name', 'ru'], /./],
    ['unknown field', (d) => (d['qr_format'] = 'crosstally-v1'), [], /qr_format/],
    ['misspelt policy key', (d) => (d['policy'] = { trustedPartner: ['Zubr'] } as never), ['policy'], /trustedPartner/],
    ['policy gap of 0', (d) => (d['policy'] = { minGap: 0 }), ['policy', 'minGap'], /./],
    ['unknown qrFormat', (d) => (d.qrFormat = 'pdf417' as never), ['qrFormat'], /./],
    ['no candidates', (d) => (d.candidates = []), ['candidates'], /./],
    ['candidate key with a dash', (d) => (d.candidates[2]!.key = 'hry-nevich'), ['candidates', 2, 'key'], /lowercase/],
    ['no lines', (d) => (d.form.lines = []), ['form', 'lines'], /./],
    ['line key with capitals', (d) => (d.form.lines[3]!.key = 'Issued_home'), ['form', 'lines', 3, 'key'], /lowercase/],
    ['line number 0', (d) => (d.form.lines[0]!.number = 0), ['form', 'lines', 0, 'number'], /./],
    ['line number 201', (d) => (d.form.lines[0]!.number = 201), ['form', 'lines', 0, 'number'], /./],
    ['line number 1.5', (d) => (d.form.lines[0]!.number = 1.5), ['form', 'lines', 0, 'number'], /./],
    ['empty relation text', (d) => (d.form.relations[1] = ''), ['form', 'relations', 1], /./],
    [
      'duplicate candidate key',
      (d) => (d.candidates[3]!.key = 'adamovich'),
      ['candidates', 3, 'key'],
      /duplicate candidate key 'adamovich', first at candidates\[0\]/,
    ],
    [
      'duplicate line key',
      (d) => (d.form.lines[13]!.key = 'invalid'),
      ['form', 'lines', 13, 'key'],
      /duplicate line key 'invalid', first at form.lines\[12\]/,
    ],
    [
      'duplicate line number',
      (d) => (d.form.lines[13]!.number = 2),
      ['form', 'lines', 13, 'number'],
      /duplicate line number 2, first at form.lines\[1\]/,
    ],
    ['line key of digits only', (d) => (d.form.lines[13]!.key = '14'), ['form', 'lines', 13, 'key'], /only digits/],
    [
      'line for an unknown candidate',
      (d) => (d.form.lines[6]!.candidate = 'nobody'),
      ['form', 'lines', 6, 'candidate'],
      /unknown candidate 'nobody'/,
    ],
    [
      'candidate with two lines',
      (d) => (d.form.lines[11]!.candidate = 'adamovich'),
      ['form', 'lines', 11, 'candidate'],
      /candidate 'adamovich' already has line form.lines\[6\]/,
    ],
    [
      'candidate without a line',
      (d) => delete d.form.lines[10]!.candidate,
      ['candidates', 4, 'key'],
      /candidate 'karpovich' has no line/,
    ],
    [
      'relation naming an unknown line',
      (d) => (d.form.relations[2] = 'took_part <= voters'),
      ['form', 'relations', 2],
      /unknown line key 'voters'/,
    ],
    [
      'relation without comparison',
      (d) => (d.form.relations[0] = 'took_part'),
      ['form', 'relations', 0],
      /needs one of/,
    ],
  ])('%s', (_name, edit, path, message) => {
    // Some edits have a second, true consequence (renaming a candidate orphans its line),
    // so the test asks for the expected issue among at most two.
    const issues = issuesAfter(edit);
    expect(issues.length).toBeLessThanOrEqual(2);
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('does not blame relations for broken lines', () => {
    // With two lines keyed "took_part", every relation would otherwise be reported too.
    const issues = issuesAfter((d) => (d.form.lines[0]!.key = 'took_part'));
    expect(issues.map((i) => i.path)).toEqual([['form', 'lines', 5, 'key']]);
  });

  it('reports every problem at once', () => {
    const issues = issuesAfter((d) => {
      d.candidates[1]!.key = 'adamovich';
      d.form.lines[13]!.number = 1;
    });
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        ['candidates', 1, 'key'],
        ['form', 'lines', 13, 'number'],
      ]),
    );
  });
});
