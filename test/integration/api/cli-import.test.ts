import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presidentialDefinition } from '@crosstally/shared';
import { officialCsv, stationsCsv } from '../../support/election-fixture.js';
import { runCli } from '../../support/cli.js';
import { createTestDatabase, type TTestDatabase } from '../../support/test-database.js';

let database: TTestDatabase;
let dir: string;
const stationCount = 100_000;
const code = presidentialDefinition.code;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'crosstally-cli-'));
  await writeFile(join(dir, 'election.json'), JSON.stringify(presidentialDefinition, null, 2));
  await writeFile(join(dir, 'stations.csv'), stationsCsv(stationCount));
  const codes = Array.from({ length: stationCount }, (_, i) => String(i + 1).padStart(4, '0'));
  await writeFile(join(dir, 'official.csv'), officialCsv(codes));
  await writeFile(join(dir, 'official-bad.csv'), officialCsv(codes.slice(0, 500)).replace('\n0250,', '\n0250x,'));
});
afterAll(async () => {
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCli({ databaseUrl: database.url, storageDir: dir }, ...args);

describe('the import CLI', () => {
  it(`imports an election with ${stationCount} stations and their official results, then refuses a bad file`, async () => {
    const election = await cli('import', 'election', join(dir, 'election.json'));
    expect(election.output).toContain(`election ${code}: created`);

    const stations = await cli('import', 'stations', code, join(dir, 'stations.csv'));
    expect(stations.code, stations.output).toBe(0);
    expect(stations.output).toContain(`stations: ${stationCount} rows, ${stationCount} created`);
    expect(stations.output).toMatch(/importing stations: 100%/);
    console.log(`import of ${stationCount} stations: ${stations.ms} ms (process start included)`);

    const official = await cli('import', 'official', code, join(dir, 'official.csv'), '--source', 'CEC wave 1');
    expect(official.code, official.output).toBe(0);
    expect(official.output).toContain(`official results: ${stationCount} rows, ${stationCount} new versions`);
    console.log(`import of ${stationCount} official results: ${official.ms} ms`);

    const again = await cli('import', 'stations', code, join(dir, 'stations.csv'));
    expect(again.output).toContain(`0 created, 0 updated, ${stationCount} unchanged`);

    const bad = await cli('import', 'official', code, join(dir, 'official-bad.csv'));
    expect(bad.code).toBe(1);
    expect(bad.output).toMatch(/error: line 251, column station_code: no station 0250x/);
    const versions = await database.db
      .selectFrom('official_result')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(versions.n)).toBe(stationCount);
    // Four CLI processes over 100,000 rows, the official import also refreshing the forensic
    // signals of every station: a minute and more while the rest of the suite runs beside it.
  }, 180_000);

  it('prints usage for an unknown command and names a missing argument', async () => {
    expect((await cli('import', 'stations')).output).toMatch(/missing the election code/);
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain('unknown command "frobnicate"');
    expect(unknown.output).toContain('usage:');
    const help = await cli('help');
    expect(help.code).toBe(0);
    expect(help.output).toContain('usage:');
  });
});
