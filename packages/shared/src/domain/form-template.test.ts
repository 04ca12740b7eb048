import { describe, it, expect } from 'vitest';
import { compileFormTemplate, ZFormTemplate } from './form-template.js';
import { presidentialDefinition } from './fixtures/presidential-form.js';

describe('compileFormTemplate', () => {
  const template = compileFormTemplate(presidentialDefinition);

  it('parses every relation, expanding sum(candidates) to the candidate lines', () => {
    expect(template.relations.map((r) => r.text)).toEqual(presidentialDefinition.form.relations);
    expect(template.relations[1]).toEqual({
      text: 'took_part = sum(candidates) + against_all + invalid',
      op: 'eq',
      terms: [
        { key: 'took_part', coef: 1 },
        { key: 'votes_adamovich', coef: -1 },
        { key: 'votes_barysevich', coef: -1 },
        { key: 'votes_hrynevich', coef: -1 },
        { key: 'votes_dubovik', coef: -1 },
        { key: 'votes_karpovich', coef: -1 },
        { key: 'against_all', coef: -1 },
        { key: 'invalid', coef: -1 },
      ],
      constant: 0,
    });
  });

  it('orders lines by number whatever the order in the definition', () => {
    const shuffled = {
      form: { ...presidentialDefinition.form, lines: [...presidentialDefinition.form.lines].reverse() },
    };
    expect(compileFormTemplate(shuffled).lines.map((l) => l.number)).toEqual([...Array(14).keys()].map((i) => i + 1));
  });

  it('produces what ZFormTemplate reads back from storage', () => {
    const stored: unknown = JSON.parse(JSON.stringify(template));
    expect(ZFormTemplate.parse(stored)).toEqual(template);
  });

  it('throws on a definition that skipped validation', () => {
    const unchecked = { form: { ...presidentialDefinition.form, relations: ['took_part = nobody'] } };
    expect(() => compileFormTemplate(unchecked)).toThrow(/form.relations\[0\].*unknown line key 'nobody'/);
  });
});
