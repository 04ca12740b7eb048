import type { Rng } from './prng.js';
import { oblastPlace, type TStationSlot } from './region-tree.js';

/**
 * What the station registry holds for a synthetic station: names and addresses in be/ru
 * (as the commissions publish them) and the number of voters on the list. Addresses are
 * made up from short lists; they only need to look like addresses to a reviewer and to
 * exercise Cyrillic text through import, storage and pages.
 */

export type TStationRegistryEntry = {
  nameBe: string;
  nameRu: string;
  addressBe: string;
  addressRu: string;
  votersOnList: number;
};

export const MIN_VOTERS_ON_LIST = 300;
export const MAX_VOTERS_ON_LIST = 3000;

const streets: readonly { be: string; ru: string }[] = [
  { be: 'вул. Садовая', ru: 'ул. Садовая' },
  { be: 'вул. Школьная', ru: 'ул. Школьная' },
  { be: 'вул. Цэнтральная', ru: 'ул. Центральная' },
  { be: 'вул. Лясная', ru: 'ул. Лесная' },
  { be: 'вул. Рачная', ru: 'ул. Речная' },
  { be: 'вул. Маладзёжная', ru: 'ул. Молодёжная' },
  { be: 'вул. Палявая', ru: 'ул. Полевая' },
  { be: 'пр. Незалежнасці', ru: 'пр. Независимости' },
  { be: 'вул. Парковая', ru: 'ул. Парковая' },
  { be: 'вул. Вакзальная', ru: 'ул. Вокзальная' },
];

const buildings: readonly { be: string; ru: string }[] = [
  { be: 'сярэдняя школа', ru: 'средняя школа' },
  { be: 'гімназія', ru: 'гимназия' },
  { be: 'дом культуры', ru: 'дом культуры' },
  { be: 'бібліятэка', ru: 'библиотека' },
  { be: 'спартыўны комплекс', ru: 'спортивный комплекс' },
];

export function describeStation(rng: Rng, slot: TStationSlot): TStationRegistryEntry {
  const street = rng.pick(streets);
  const building = rng.pick(buildings);
  const house = rng.int(1, 120);
  const oblast = oblastPlace(slot.district.oblast);
  const district = slot.district.place;
  return {
    nameBe: `Участковая камісія па выбарах № ${slot.number} (${district.be} раён)`,
    nameRu: `Участковая избирательная комиссия № ${slot.number} (${district.ru} район)`,
    addressBe: `${oblast.be}, ${district.be} раён, ${street.be}, ${house}, ${building.be}`,
    addressRu: `${oblast.ru}, ${district.ru} район, ${street.ru}, ${house}, ${building.ru}`,
    votersOnList: drawVotersOnList(rng),
  };
}

/**
 * Log-uniform between 300 and 3000: many small rural stations and fewer large city ones,
 * as in a real registry, rather than a flat spread with a mean of 1,650.
 */
function drawVotersOnList(rng: Rng): number {
  const ratio = MAX_VOTERS_ON_LIST / MIN_VOTERS_ON_LIST;
  const n = Math.round(MIN_VOTERS_ON_LIST * Math.pow(ratio, rng.float()));
  return Math.min(MAX_VOTERS_ON_LIST, Math.max(MIN_VOTERS_ON_LIST, n));
}
