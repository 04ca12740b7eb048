import { createHash } from 'node:crypto';
import { compileFormTemplate, type TElectionDefinition } from '@crosstally/shared';
import { AppError } from '../errors.js';
import { findElectionByCode, insertElection } from '../repositories/election.repository.js';
import type { DbOrTrx } from '../repositories/election.repository.js';

export type TElectionImportOutcome = { electionId: number; code: string; status: 'created' | 'unchanged' };

/**
 * Defines an election from its (already validated) JSON definition. The same definition
 * again changes nothing; a different one under the same code is refused, because readings
 * and results already stored were checked against the old form.
 */
export async function importElection(trx: DbOrTrx, definition: TElectionDefinition): Promise<TElectionImportOutcome> {
  const sha256 = createHash('sha256').update(canonicalJson(definition)).digest('hex');
  const existing = await findElectionByCode(trx, definition.code);
  if (existing) {
    if (existing.definition_sha256 === sha256) {
      return { electionId: existing.id, code: existing.code, status: 'unchanged' };
    }
    throw new AppError('conflict', `election ${definition.code} already exists with a different definition`);
  }
  const form = compileFormTemplate(definition);
  const electionId = await insertElection(trx, {
    code: definition.code,
    name: definition.name,
    qrFormat: definition.qrFormat ?? 'crosstally-v1',
    country: definition.country ?? null,
    policy: definition.policy ?? null,
    sha256,
    lines: form.lines,
    relations: form.relations,
    candidates: definition.candidates,
  });
  return { electionId, code: definition.code, status: 'created' };
}

/** JSON with sorted keys, so that reformatting a file does not count as a change. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
