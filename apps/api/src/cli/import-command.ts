import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { pipeline, Transform, type Readable } from 'node:stream';
import { ZElectionDefinition } from '@crosstally/shared';
import { AppError } from '../errors.js';
import {
  defineElection,
  importOfficialFile,
  importPartnerFile,
  importStationsFile,
  type TElectionAdminDeps,
} from '../elections/election-imports.js';
import { cliActor } from './cli-actor.js';
import { createProgressBar } from './progress-bar.js';
import { importPublishedUsage, runImportPublished } from './import-published.js';

export const importUsage = `npm run cli -- import election <election.json>
npm run cli -- import stations <election code> <stations.csv>
npm run cli -- import official <election code> <results.csv> [--source "<name of the publication>"]
npm run cli -- import partners <election code> <tallies.csv>
${importPublishedUsage}`;

export async function runImport(deps: TElectionAdminDeps, args: string[]): Promise<string> {
  const [what, ...rest] = args;
  switch (what) {
    case 'election': {
      const file = required(rest[0], 'the election JSON file');
      const parsed = ZElectionDefinition.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new AppError('bad_request', `${file}: ${issue.path.join('.')}: ${issue.message}`);
      }
      const outcome = await defineElection(deps, cliActor, parsed.data);
      return `election ${outcome.code}: ${outcome.status}`;
    }
    case 'stations': {
      const code = required(rest[0], 'the election code');
      const file = required(rest[1], 'the stations CSV file');
      const input = await readWithProgress(file, 'reading stations');
      const outcome = await importStationsFile(deps, cliActor, code, () => input, createProgressBar);
      return `stations: ${outcome.rows} rows, ${outcome.created} created, ${outcome.updated} updated, ${outcome.unchanged} unchanged`;
    }
    case 'official': {
      const code = required(rest[0], 'the election code');
      const file = required(rest[1], 'the results CSV file');
      const sourceAt = rest.indexOf('--source');
      const sourceName = sourceAt >= 0 ? required(rest[sourceAt + 1], 'the source name') : file.split('/').pop()!;
      const input = await readWithProgress(file, 'reading results');
      const outcome = await importOfficialFile(deps, cliActor, code, () => input, sourceName, createProgressBar);
      return (
        `official results: ${outcome.rows} rows, ${outcome.changed} new versions, ${outcome.unchanged} unchanged` +
        (outcome.changed > 0 ? '; the workers refresh the forensic signals' : '')
      );
    }
    case 'partners': {
      const code = required(rest[0], 'the election code');
      const file = required(rest[1], 'the partner tallies CSV file');
      const input = await readWithProgress(file, 'reading partner tallies');
      const outcome = await importPartnerFile(deps, cliActor, code, () => input);
      return `partner tallies: ${outcome.rows} rows, ${outcome.changed} changed, ${outcome.unchanged} unchanged`;
    }
    case 'published':
      return runImportPublished(rest, { db: deps.db, actor: cliActor, readWithProgress });
    default:
      throw new AppError('bad_request', `unknown import "${what ?? ''}"; usage:\n${importUsage}`);
  }
}

/**
 * The file as a stream that counts what is read on a progress bar. Nothing flows until the
 * import reads it (a transform, not a 'data' listener): the election is looked up first.
 */
async function readWithProgress(file: string, label: string): Promise<Readable> {
  const { size } = await stat(file);
  const bar = createProgressBar(label, size);
  let read = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      read += chunk.length;
      bar.update(read);
      done(null, chunk);
    },
    flush(done) {
      bar.finish();
      done();
    },
  });
  pipeline(createReadStream(file), counter, () => undefined);
  return counter;
}

function required(value: string | undefined, what: string): string {
  if (!value || value.startsWith('--')) throw new AppError('bad_request', `missing ${what}; usage:\n${importUsage}`);
  return value;
}
