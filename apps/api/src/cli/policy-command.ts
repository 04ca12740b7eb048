import { readFile } from 'node:fs/promises';
import { ZPolicyInput } from '@crosstally/shared';
import type { Queue } from 'bullmq';
import { AppError } from '../errors.js';
import type { TElectionAdminDeps } from '../elections/election-imports.js';
import { changeElectionPolicy, showElectionPolicy } from '../elections/election-policy.js';
import { cliActor } from './cli-actor.js';
import { followJobToEnd } from './recompute-command.js';

export const policyUsage = `npm run cli -- policy show <election code>
npm run cli -- policy set <election code> <policy.json> [--no-wait]`;

/** Shows an election's policy, or sets it (audited) and follows the recompute it asks for. */
export async function runPolicy(
  deps: TElectionAdminDeps & { electionJobs: () => Queue },
  args: string[],
): Promise<string> {
  const [what, code, file, ...flags] = args;
  const fail = (problem: string) => new AppError('bad_request', `${problem}; usage:\n${policyUsage}`);
  if (what !== 'show' && what !== 'set') throw fail(`unknown policy command "${what ?? ''}"`);
  if (!code || code.startsWith('--')) throw fail('missing the election code');
  if (what === 'show') return JSON.stringify(await showElectionPolicy(deps, code), null, 2);
  if (!file || file.startsWith('--')) throw fail('missing the policy JSON file');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new AppError('bad_request', `${file}: ${(error as Error).message}`);
  }
  const parsed = ZPolicyInput.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = [...issue.path, ...('keys' in issue ? issue.keys : [])].join('.');
    throw new AppError('bad_request', `${file}: ${where || '(root)'}: ${issue.message}`);
  }
  const changed = await changeElectionPolicy(deps, cliActor, code, parsed.data);
  if (!changed.jobId) return `policy of ${changed.election} unchanged: ${changed.policy.id}`;
  const line = `policy of ${changed.election} is now ${changed.policy.id}`;
  if (flags.includes('--no-wait')) return `${line}; recompute asked for: job ${changed.jobId}`;
  return `${line}\n${await followJobToEnd(deps, changed.jobId)}`;
}
