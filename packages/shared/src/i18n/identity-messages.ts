import type { TLanguage } from './languages.js';

type TCatalog = Record<string, Record<TLanguage, string>>;

// How voters are identified: the printed sheet of invitation codes. {n} is filled in.
export const identityMessages = {
  'codes.sheet.title': {
    be: 'Запрашальныя коды',
    ru: 'Пригласительные коды',
    en: 'Invitation codes',
  },
  'codes.sheet.card': {
    be: 'Ваш аднаразовы код',
    ru: 'Ваш одноразовый код',
    en: 'Your one-time code',
  },
  'codes.sheet.howTo': {
    be: 'Выберыце свой участак і кандыдата на сайце або ў Telegram-боце і ўвядзіце гэты код. Адзін код — адзін голас; нікому яго не паказвайце.',
    ru: 'Выберите свой участок и кандидата на сайте или в Telegram-боте и введите этот код. Один код — один голос; никому его не показывайте.',
    en: 'Choose your station and your candidate on the site or in the Telegram bot and enter this code. One code is one vote; show it to nobody.',
  },
  'codes.sheet.region': { be: 'Рэгіён', ru: 'Регион', en: 'Region' },
  'codes.sheet.anywhere': { be: 'любы ўчастак', ru: 'любой участок', en: 'any station' },
  'codes.sheet.count': {
    be: '{n} кодаў; выражце па лініях.',
    ru: '{n} кодов; разрежьте по линиям.',
    en: '{n} codes; cut along the lines.',
  },
} as const satisfies TCatalog;
