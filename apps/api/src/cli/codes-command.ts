import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isLanguage, type Db } from '@crosstally/shared';
import type { RegistryCache } from '../elections/registry-cache.js';
import { AppError } from '../errors.js';
import { invitationCodeCounts, issueInvitationCodes } from '../identities/invitation-codes.js';
import { cliActor } from './cli-actor.js';
import { codesCsv, codesSheet } from './code-sheet.js';

export const codesUsage = `npm run cli -- codes issue <election code> --count N [--region <path>] [--out <dir>] [--lang be|ru|en]
  (writes <dir>/<election>-<batch>.csv and a printable .html sheet; the codes are shown nowhere else)
npm run cli -- codes count <election code>`;

/** Issues one-time invitation codes (audited), or counts those issued and redeemed. */
export async function runCodes(
  deps: { db: Db; registry: RegistryCache; secret: () => Promise<Buffer> },
  args: string[],
): Promise<string> {
  const [what, code, ...rest] = args;
  const fail = (problem: string) => new AppError('bad_request', `${problem}; usage:\n${codesUsage}`);
  if (what !== 'issue' && what !== 'count') throw fail(`unknown codes command "${what ?? ''}"`);
  if (!code || code.startsWith('--')) throw fail('missing the election code');
  if (what === 'count') {
    const batches = await invitationCodeCounts(deps, code);
    if (batches.length === 0) return `no codes issued for ${code}`;
    return batches.map((b) => `${b.batch}: ${b.issued} issued, ${b.redeemed} redeemed`).join('\n');
  }
  const option = (name: string): string | undefined => {
    const at = rest.indexOf(`--${name}`);
    if (at < 0) return undefined;
    const value = rest[at + 1];
    if (value === undefined || value.startsWith('--')) throw fail(`--${name} needs a value`);
    return value;
  };
  const countText = option('count');
  if (countText === undefined) throw fail('missing --count');
  if (!/^\d+$/.test(countText)) throw fail(`--count: "${countText}" is not a whole number`);
  const lang = option('lang') ?? 'be';
  if (!isLanguage(lang)) throw fail(`--lang: "${lang}" is not be, ru or en`);
  const out = resolve(option('out') ?? '.');
  const issued = await issueInvitationCodes({ ...deps, secret: await deps.secret() }, cliActor, code, {
    count: Number(countText),
    region: option('region'),
  });
  await mkdir(out, { recursive: true });
  const base = join(out, `${issued.election}-${issued.batch}`);
  // Readable by the one who issued them only: the files are the only copy of the codes.
  await writeFile(`${base}.csv`, codesCsv(issued), { mode: 0o600 });
  await writeFile(`${base}.html`, codesSheet(issued, lang), { mode: 0o600 });
  return [
    `${issued.codes.length} codes issued for ${issued.election}${issued.region ? ` (${issued.region})` : ''}, batch ${issued.batch}`,
    `  ${base}.csv`,
    `  ${base}.html (print it and cut the cards apart)`,
  ].join('\n');
}
