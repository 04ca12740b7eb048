import { apportion } from './distributions.js';
import type { Rng } from './prng.js';

/**
 * The synthetic region tree: oblasts → districts, stations only in districts (the leaves),
 * as the station import requires. Sizes follow the station count so that a 5-station test
 * election and a 100,000-station benchmark both get a sensible tree.
 */

export type TPlace = { lat: string; be: string; ru: string };

export type TDistrict = {
  /** Index into the election's oblast list. */
  oblast: number;
  /** Index into the election's district list (all oblasts), for per-district draws. */
  index: number;
  /** Number within its oblast, from 1: the middle part of a station code. */
  number: number;
  place: TPlace;
  path: string[];
};

/** One station's place in the tree, before any numbers are drawn. */
export type TStationSlot = { code: string; district: TDistrict; number: number };

/** `lat` names the region in paths; `be`/`ru` are full names for addresses. */
const oblastPlaces: readonly TPlace[] = [
  { lat: 'Stalichnaja', be: 'Сталічная вобласць', ru: 'Столичная область' },
  { lat: 'Paunochnaja', be: 'Паўночная вобласць', ru: 'Северная область' },
  { lat: 'Zakhodniaja', be: 'Заходняя вобласць', ru: 'Западная область' },
  { lat: 'Uskhodniaja', be: 'Усходняя вобласць', ru: 'Восточная область' },
  { lat: 'Paudniovaja', be: 'Паўднёвая вобласць', ru: 'Южная область' },
  { lat: 'Tsentralnaja', be: 'Цэнтральная вобласць', ru: 'Центральная область' },
  { lat: 'Paazerskaja', be: 'Паазерская вобласць', ru: 'Поозерская область' },
];

const districtPlaces: readonly TPlace[] = [
  { lat: 'Lipauski', be: 'Ліпаўскі', ru: 'Липовский' },
  { lat: 'Baravy', be: 'Баравы', ru: 'Боровой' },
  { lat: 'Azerny', be: 'Азёрны', ru: 'Озёрный' },
  { lat: 'Kamenski', be: 'Каменскі', ru: 'Каменский' },
  { lat: 'Rechytski', be: 'Рэчыцкі', ru: 'Речицкий' },
  { lat: 'Lugavy', be: 'Лугавы', ru: 'Луговой' },
  { lat: 'Dubrouski', be: 'Дуброўскі', ru: 'Дубровский' },
  { lat: 'Beraznianski', be: 'Беразнянскі', ru: 'Березнянский' },
  { lat: 'Krynichny', be: 'Крынічны', ru: 'Криничный' },
  { lat: 'Palyavy', be: 'Палявы', ru: 'Полевой' },
  { lat: 'Sasnouski', be: 'Сасноўскі', ru: 'Сосновский' },
  { lat: 'Mlynski', be: 'Млынскі', ru: 'Мельничный' },
];

/** Every station slot, grouped by district, in code order. */
export function buildRegionTree(rng: Rng, stationCount: number): { districts: TDistrict[]; slots: TStationSlot[] } {
  const oblastCount = Math.min(stationCount, Math.max(2, Math.min(oblastPlaces.length, Math.ceil(stationCount / 300))));
  // The capital is the largest oblast, the rest vary; each oblast gets at least one station.
  const weights = Array.from({ length: oblastCount }, (_, i) => (i === 0 ? 2 : rng.between(0.7, 1.3)));
  const perOblast = apportion(stationCount - oblastCount, weights).map((n) => n + 1);
  const districts: TDistrict[] = [];
  const slots: TStationSlot[] = [];
  perOblast.forEach((inOblast, oblast) => {
    // About 50 stations per district; at most 999 so the code's middle part keeps 3 digits.
    const districtCount = Math.max(1, Math.min(999, Math.round(inOblast / 50), inOblast));
    const first = districts.length;
    for (let d = 0; d < districtCount; d += 1) {
      const place = districtPlace(d);
      districts.push({
        oblast,
        index: first + d,
        number: d + 1,
        place,
        path: Object.freeze([oblastPlace(oblast).lat, place.lat]) as string[],
      });
    }
    const numberInDistrict = new Array<number>(districtCount).fill(0);
    for (let j = 0; j < inOblast; j += 1) {
      // Contiguous blocks: every district gets at least one station since districtCount ≤ inOblast.
      const d = Math.floor((j * districtCount) / inOblast);
      const district = districts[first + d];
      if (district === undefined) throw new Error('buildRegionTree: district out of range');
      const number = (numberInDistrict[d] ?? 0) + 1;
      numberInDistrict[d] = number;
      slots.push({ code: stationCode(oblast + 1, district.number, number), district, number });
    }
  });
  return { districts, slots };
}

/** The oblast names in the election's order (Cyrillic forms for addresses). */
export function oblastPlace(oblast: number): TPlace {
  return (
    oblastPlaces[oblast] ?? { lat: `Oblast${oblast + 1}`, be: `Вобласць ${oblast + 1}`, ru: `Область ${oblast + 1}` }
  );
}

/** `01-003-0042`: oblast, district within the oblast, station within the district. */
export function stationCode(oblast: number, district: number, station: number): string {
  return `${pad(oblast, 2)}-${pad(district, 3)}-${pad(station, 4)}`;
}

/** More districts than names: the name repeats with a number, so paths stay unique. */
function districtPlace(d: number): TPlace {
  const base = districtPlaces[d % districtPlaces.length] ?? { lat: 'Raion', be: 'Раённы', ru: 'Районный' };
  const round = Math.floor(d / districtPlaces.length);
  if (round === 0) return base;
  const n = String(round + 1);
  return { lat: `${base.lat} ${n}`, be: `${base.be} ${n}`, ru: `${base.ru} ${n}` };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
