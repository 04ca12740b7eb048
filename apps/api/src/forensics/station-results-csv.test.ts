import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readStationResultsCsv, readStationResultsFile } from './station-results-csv.js';

const generic = `region,station,registered,ballots_issued,valid,invalid,votes_alice,votes_bob
North,N-1,1000,600,590,10,400,190
North,N-2,800,500,495,5,300,195
South,S-1,1200,,,,,
South,S-2,900,450,,,250,200
`;

// The 2012 presidential layout of the CEC scrape (dkobak/elections), two candidates kept.
const ru2012 = `region,tik,uik,"Число избирателей, включенных в список избирателей","Число избирательных бюллетеней, полученных участковой избирательной комиссией","Число избирательных бюллетеней, выданных избирателям, проголосовавшим досрочно","Число избирательных бюллетеней, выданных в помещении для голосования в день голосования","Число избирательных бюллетеней, выданных вне помещения для голосования в день голосования",Число погашенных избирательных бюллетеней,Число недействительных избирательных бюллетеней,Число действительных избирательных бюллетеней,Зюганов Геннадий Андреевич,Путин Владимир Владимирович,url
Республика Адыгея (Адыгея),1 Адыгейская,1,2383,2147,0,1513,77,557,19,1571,382,1189,http://example
Республика Адыгея (Адыгея),1 Адыгейская,2,2865,2586,1,1764,98,724,29,1831,453,1378,http://example
Алтайский край,1 Адыгейская,1,1000,1000,0,500,0,500,0,500,100,400,http://example
`;

const ru2020 = `name,region,tik,uik,"Число участников голосования, включенных в список участников голосования на момент окончания голосования","Число бюллетеней, выданных участникам голосования","Число бюллетеней, содержащихся в ящиках для голосования",Число недействительных бюллетеней,ДА,НЕТ,url
Общероссийское голосование,Республика Адыгея (Адыгея),1 Адыгейская,УИК №1,2277,1925,1925,0,1749,176,http://example
`;

const dir = mkdtempSync(join(tmpdir(), 'crosstally-results-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('station results CSV', () => {
  it('reads the CrossTally layout; an empty cell is missing, never 0', async () => {
    const file = await readStationResultsCsv(generic);
    expect(file.layout).toBe('crosstally');
    expect(file.candidates).toEqual(['alice', 'bob']);
    expect(file.stations).toEqual([
      {
        region: 'North',
        station: 'N-1',
        registered: 1000,
        ballotsIssued: 600,
        valid: 590,
        invalid: 10,
        votes: { alice: 400, bob: 190 },
      },
      {
        region: 'North',
        station: 'N-2',
        registered: 800,
        ballotsIssued: 500,
        valid: 495,
        invalid: 5,
        votes: { alice: 300, bob: 195 },
      },
    ]);
    expect(file.withoutResults).toBe(0);
    expect(file.incomplete).toEqual([
      { line: 4, station: 'S-1', missing: ['ballots_issued', 'valid', 'invalid', 'votes_alice', 'votes_bob'] },
      { line: 5, station: 'S-2', missing: ['valid', 'invalid'] },
    ]);
  });

  it('takes valid and invalid as optional columns', async () => {
    const file = await readStationResultsCsv('region,station,registered,ballots_issued,votes_a\nR,1,100,50,49\n');
    expect(file.stations[0]).toMatchObject({
      ballotsIssued: 50,
      valid: undefined,
      invalid: undefined,
      votes: { a: 49 },
    });
  });

  it('reads the Russian CEC layout: turnout from the three "issued" lines, the station code with its region', async () => {
    const file = await readStationResultsCsv(ru2012);
    expect(file.layout).toBe('ru-cec');
    expect(file.candidates).toEqual(['Зюганов Геннадий Андреевич', 'Путин Владимир Владимирович']);
    expect(file.stations[1]).toEqual({
      region: 'Республика Адыгея (Адыгея)',
      station: 'Республика Адыгея (Адыгея) / 1 Адыгейская / 2',
      registered: 2865,
      ballotsIssued: 1 + 1764 + 98,
      valid: 1831,
      invalid: 29,
      votes: { 'Зюганов Геннадий Андреевич': 453, 'Путин Владимир Владимирович': 1378 },
    });
    // The same TIK and UIK in another region is another station.
    expect(file.stations).toHaveLength(3);
  });

  it('reads the 2020 vote: one "issued" line, no valid line, ДА and НЕТ as the choices', async () => {
    const file = await readStationResultsCsv(ru2020);
    expect(file.candidates).toEqual(['ДА', 'НЕТ']);
    expect(file.stations[0]).toMatchObject({ registered: 2277, ballotsIssued: 1925, valid: undefined, invalid: 0 });
  });

  it('counts rows with every result empty as stations without results', async () => {
    const file = await readStationResultsCsv(`${ru2012}Алтайский край,2 Алейская,554,,,,,,,,,,,\n`);
    expect(file.withoutResults).toBe(1);
    expect(file.stations).toHaveLength(3);
  });

  it('reads a gzipped file as it streams', async () => {
    const path = join(dir, 'results.csv.gz');
    writeFileSync(path, gzipSync(generic));
    expect((await readStationResultsFile(path)).stations).toHaveLength(2);
    const plain = join(dir, 'results.csv');
    writeFileSync(plain, generic);
    expect((await readStationResultsFile(plain)).stations).toHaveLength(2);
  });

  it.each([
    [
      'a count that is not one',
      `${generic}East,E-1,100,5x,50,0,30,20\n`,
      'line 6, column ballots_issued: unexpected character',
    ],
    ['a negative count', `${generic}East,E-1,100,-5,50,0,30,20\n`, 'line 6, column ballots_issued: negative'],
    [
      'a station twice',
      `${generic}North,N-1,100,50,50,0,30,20\n`,
      'line 6, column station: station N-1 already appears on line 2',
    ],
    ['a row of the wrong width', `${generic}East,E-1,100\n`, 'line 6: not valid CSV'],
    [
      'an unknown column',
      'region,station,registered,ballots_issued,votes_a,note\n',
      'line 1, column note: unknown column',
    ],
    [
      'a missing column',
      'region,station,ballots_issued,votes_a\n',
      'line 1, column registered: required column missing',
    ],
    ['no candidate', 'region,station,registered,ballots_issued\n', 'line 1: no candidate column'],
    [
      'a column twice',
      'region,station,registered,ballots_issued,votes_a,votes_a\n',
      'line 1, column votes_a: the column appears twice',
    ],
    ['an empty file', '', 'line 1: the file is empty'],
  ])('names the line and column of %s', async (_, text, message) => {
    await expect(readStationResultsCsv(text)).rejects.toThrow(message);
  });

  it('says what is wrong with a Russian header it cannot map', async () => {
    const twoRegistered = ru2012.replace(
      'Число погашенных избирательных бюллетеней',
      '"Число избирателей, внесенных в список"',
    );
    await expect(readStationResultsCsv(twoRegistered)).rejects.toThrow('found 2 columns of voters on the list');
  });

  it('reports a file that is not there', async () => {
    await expect(readStationResultsFile(join(dir, 'absent.csv'))).rejects.toThrow(/cannot read the file \(ENOENT/);
  });

  it('reports a file that is not gzip at all', async () => {
    const path = join(dir, 'broken.csv.gz');
    writeFileSync(path, generic);
    await expect(readStationResultsFile(path)).rejects.toThrow('not a valid gzip file (incorrect header check)');
  });
});
