import { z } from 'zod';
import { collectRelationContext, ZFormLine, type TElectionDefinition } from './election-definition.js';
import { parseRelation, ZRelation } from './relation.js';

/**
 * What is stored per election: lines in number order and the relations already parsed, so
 * that the worker checks thousands of protocols without reparsing text, and a stored row
 * read back can be validated with ZFormTemplate.
 */
export const ZFormTemplate = z.object({
  lines: z.array(ZFormLine),
  relations: z.array(ZRelation),
});
export type TFormTemplate = z.infer<typeof ZFormTemplate>;

/**
 * Compiles a definition that passed ZElectionDefinition. A relation that fails to parse
 * here means the caller skipped validation: a programmer error, hence a throw.
 */
export function compileFormTemplate(def: Pick<TElectionDefinition, 'form'>): TFormTemplate {
  const lines = [...def.form.lines].sort((a, b) => a.number - b.number);
  const context = collectRelationContext(lines);
  const relations = def.form.relations.map((text, i) => {
    const parsed = parseRelation(text, context);
    if (!parsed.ok) {
      throw new Error(
        `compileFormTemplate: form.relations[${i}] "${text}": ${parsed.error} (validate with ZElectionDefinition first)`,
      );
    }
    return parsed.value;
  });
  return { lines, relations };
}
