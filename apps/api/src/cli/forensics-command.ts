import { basename } from 'node:path';
import { defaultForensicOptions, parseCount, summarizeForensics } from '@crosstally/shared';
import { AppError } from '../errors.js';
import { formatForensics } from '../forensics/forensics-text.js';
import { readStationResultsFile } from '../forensics/station-results-csv.js';

export const forensicsUsage =
  'npm run cli -- forensics <results.csv[.gz]> [--seed N] [--reps N] [--bin <pp>] [--leader <column>] [--json]';

/**
 * The forensic summary of an election from its station-level results file, with no crowd and
 * no database: anyone can run it on a commission's published results. Layouts and columns:
 * docs/station-results-csv.md.
 */
export async function runForensics(args: string[]): Promise<string> {
  const [file, ...rest] = args;
  if (!file || file.startsWith('--'))
    throw new AppError('bad_request', `missing the results file; usage:\n${forensicsUsage}`);
  const options = parseOptions(rest);
  const results = await readStationResultsFile(file);
  if (results.stations.length === 0) {
    throw new AppError(
      'unprocessable',
      `${file}: no station with complete results (${results.withoutResults} without results)`,
    );
  }
  if (options.leader !== undefined && !results.candidates.includes(options.leader)) {
    throw new AppError(
      'bad_request',
      `--leader ${options.leader}: no such column; candidates: ${results.candidates.join(', ')}`,
    );
  }
  const summary = summarizeForensics(results.stations, options);
  if (options.json) {
    const { stations: _stations, ...fileInfo } = results;
    return JSON.stringify({ file: { name: basename(file), ...fileInfo }, ...summary });
  }
  return formatForensics(basename(file), results, summary);
}

type TOptions = { seed: number; reps: number; binWidthPp: number; leader: string | undefined; json: boolean };

function parseOptions(args: string[]): TOptions {
  const options: TOptions = {
    seed: defaultForensicOptions.seed,
    reps: defaultForensicOptions.reps,
    binWidthPp: defaultForensicOptions.binWidthPp,
    leader: undefined,
    json: false,
  };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new AppError('bad_request', `${flag} needs a value; usage:\n${forensicsUsage}`);
      return v;
    };
    const count = () => {
      const parsed = parseCount(value());
      if (!parsed.ok) throw new AppError('bad_request', `${flag}: ${parsed.error}`);
      return parsed.value;
    };
    switch (flag) {
      case '--seed':
        options.seed = count();
        break;
      case '--reps':
        options.reps = count();
        break;
      case '--bin': {
        const text = value();
        const pp = /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : NaN;
        if (!(pp > 0 && pp <= 100))
          throw new AppError('bad_request', `--bin ${text}: a width in percentage points, above 0 and at most 100`);
        options.binWidthPp = pp;
        break;
      }
      case '--leader':
        options.leader = value();
        break;
      case '--json':
        options.json = true;
        break;
      default:
        throw new AppError('bad_request', `unknown option ${flag}; usage:\n${forensicsUsage}`);
    }
  }
  return options;
}
