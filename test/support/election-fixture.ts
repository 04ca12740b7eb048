import { presidentialDefinition } from '@crosstally/shared';

export const election = presidentialDefinition;
export const electionCode = presidentialDefinition.code;

export const stationsHeader = 'code,region_path,name_be,name_ru,address_be,address_ru,voters_on_list';

/** n stations spread over two oblasts and four districts, codes 0001.. */
export function stationsCsv(n: number, votersOnList = 1500): string {
  const rows = [stationsHeader];
  for (let i = 1; i <= n; i += 1) {
    const code = String(i).padStart(4, '0');
    const region = `${i % 2 ? 'Minsk' : 'Brest'}/District ${i % 4}`;
    rows.push(
      `${code},${region},УВК №${i},УИК №${i},"вул. Незалежнасці, ${i}","ул. Независимости, ${i}",${votersOnList}`,
    );
  }
  return rows.join('\n') + '\n';
}

export const officialLineKeys = presidentialDefinition.form.lines.map((l) => l.key);

/** A consistent protocol for a station: the control relations of the form hold. */
export function honestProtocol(seed: number): Record<string, number> {
  const votes = [400 + (seed % 50), 120, 80, 40 + (seed % 7), 30];
  const againstAll = 20;
  const invalid = 10;
  const tookPart = votes.reduce((a, b) => a + b, 0) + againstAll + invalid;
  const early = Math.floor(tookPart * 0.3);
  const home = 15;
  const values: Record<string, number> = {
    voters_on_list: 1500,
    issued_early: early,
    issued_home: home,
    issued_day: tookPart - early - home,
    took_part: tookPart,
    against_all: againstAll,
    invalid,
    unused: 1600 - tookPart,
    received: 1600,
  };
  presidentialDefinition.candidates.forEach((c, i) => (values[`votes_${c.key}`] = votes[i]!));
  return values;
}

export function officialCsv(
  codes: string[],
  adjust: (code: string, v: Record<string, number>) => void = () => {},
): string {
  const rows = [['station_code', ...officialLineKeys].join(',')];
  codes.forEach((code, i) => {
    const values = honestProtocol(i);
    adjust(code, values);
    rows.push([code, ...officialLineKeys.map((k) => String(values[k]))].join(','));
  });
  return rows.join('\n') + '\n';
}
