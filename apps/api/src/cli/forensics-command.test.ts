import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateStationResults } from '@crosstally/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { runForensics } from './forensics-command.js';

const dir = mkdtempSync(join(tmpdir(), 'crosstally-forensics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A generated election with some protocols rewritten to whole percentages, as a CrossTally CSV. */
function writeElection(): string {
  const { stations } = generateStationResults({
    seed: 3,
    stations: 1500,
    regions: 5,
    candidates: 3,
    roundedShare: 0.05,
  });
  const keys = ['cand_a', 'cand_b', 'cand_c'];
  const rows = stations.map((s) =>
    [s.region, s.station, s.registered, s.ballotsIssued, s.valid, s.invalid, ...keys.map((k) => s.votes[k])].join(','),
  );
  const path = join(dir, 'election.csv');
  writeFileSync(
    path,
    [`region,station,registered,ballots_issued,valid,invalid,${keys.map((k) => `votes_${k}`).join(',')}`, ...rows].join(
      '\n',
    ),
  );
  return path;
}
const file = writeElection();

describe('npm run cli -- forensics', () => {
  it('prints every figure with its label, the stations it rests on and the p-values', async () => {
    const text = await runForensics([file, '--reps', '200', '--seed', '4']);
    expect(text).toContain('Forensic signals: election.csv (layout crosstally)');
    expect(text).toContain('stations  1,500 with results');
    expect(text).toMatch(/Integer percentages .*\[signal\]/);
    expect(text).toMatch(/turnout or leader +[\d,]+ +[\d,.]+ +[\d,.]+ +[\d,.-]+ +0\.005/);
    expect(text).toContain('p-value from 200 Monte Carlo repetitions (seed 4)');
    for (const part of ['fingerprint', 'Last digits', 'Anomalous votes', 'Station signals'])
      expect(text).toContain(part);
  });

  it('gives the whole summary as JSON, histograms included', async () => {
    const json = JSON.parse(await runForensics([file, '--json', '--reps', '0', '--bin', '0.5', '--leader', 'cand_b']));
    expect(json.file).toMatchObject({ name: 'election.csv', layout: 'crosstally', withoutResults: 0, incomplete: [] });
    expect(json.leader).toBe('cand_b');
    expect(json.histograms.turnout.stations).toHaveLength(200);
    expect(json.integerPercentages.either.pValue).toBeNull();
  });

  it.each([
    [[], 'missing the results file'],
    [['--json'], 'missing the results file'],
    [['x.csv', '--reps', 'ten'], "--reps: unexpected character 't'"],
    [['x.csv', '--bin', '0'], '--bin 0: a width in percentage points'],
    [['x.csv', '--seed'], '--seed needs a value'],
    [['x.csv', '--verbose'], 'unknown option --verbose'],
  ])('refuses %j', async (args, message) => {
    await expect(runForensics(args)).rejects.toThrow(message);
  });

  it('refuses a leader that is not a column', async () => {
    await expect(runForensics([file, '--leader', 'nobody'])).rejects.toThrow('--leader nobody: no such column');
  });
});
