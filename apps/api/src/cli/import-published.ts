import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Db } from '@crosstally/shared';
import { AppError } from '../errors.js';
import { importPublishedElection, type TPublishedOptions } from '../elections/published-election.js';
import { readPublishedResults } from '../imports/published-import.js';
import { createProgressBar } from './progress-bar.js';

export const importPublishedUsage =
  'npm run cli -- import published <results.csv[.gz]> --code <election code> [--name "<name>"] [--source "<publication>"]';

type TDeps = { db: Db; actor: string; readWithProgress: (file: string, label: string) => Promise<Readable> };

/** `import published`: reads the file (gzipped or not), hashes it as read, and sets the election up. */
export async function runImportPublished(args: string[], deps: TDeps): Promise<string> {
  const options = parseOptions(args);
  const raw = await deps.readWithProgress(options.file, 'reading results');
  const hash = createHash('sha256');
  raw.on('data', (chunk: Buffer) => hash.update(chunk));
  const file = await readPublishedResults(options.file.endsWith('.gz') ? [raw, createGunzip()] : [raw]);
  const sha256 = hash.digest('hex');
  const outcome = await importPublishedElection(deps, deps.actor, file, options, sha256, createProgressBar);
  const { election, stations, results, registry } = outcome;
  return [
    `election ${options.code}: ${election.status} (${registry.lines.length} lines, ${registry.candidates.length} candidates, ` +
      `relations: ${registry.relations.map((r) => r.text).join('; ') || 'none'})`,
    `stations: ${stations.rows} rows, ${stations.created} created, ${stations.updated} updated, ${stations.unchanged} unchanged` +
      (outcome.withoutVoters > 0 ? `; ${outcome.withoutVoters} rows without voters on the list left out` : ''),
    `official results: ${results.rows} rows, ${results.changed} new versions, ${results.unchanged} unchanged` +
      (results.changed > 0 ? '; the workers refresh the forensic signals' : ''),
  ].join('\n');
}

function parseOptions(args: string[]): TPublishedOptions {
  const [file, ...rest] = args;
  const fail = (problem: string) => new AppError('bad_request', `${problem}; usage:\n${importPublishedUsage}`);
  if (!file || file.startsWith('--')) throw fail('missing the results file');
  const flags: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i]!, rest[i + 1]];
    if (!['--code', '--name', '--source'].includes(flag)) throw fail(`unknown option ${flag}`);
    if (value === undefined || value.startsWith('--')) throw fail(`${flag} needs a value`);
    flags[flag] = value;
  }
  if (flags['--code'] === undefined) throw fail('missing --code <election code>');
  return {
    file,
    code: flags['--code'],
    name: flags['--name'],
    sourceName: flags['--source'] ?? basename(file),
  };
}
