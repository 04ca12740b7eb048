import type { TLanguage } from './languages.js';

type TCatalog = Record<string, Record<TLanguage, string>>;

// The digitize pages of the web. {name} is filled in.
export const webDigitizeMessages = {
  'web.digitize.title': { be: 'Увод лічбаў з фота', ru: 'Ввод цифр с фото', en: 'Typing protocols' },
  'web.digitize.chooseElection': {
    be: 'Выберыце выбары, пратаколы якіх будзеце ўводзіць.',
    ru: 'Выберите выборы, протоколы которых будете вводить.',
    en: 'Choose the election whose protocols you will type.',
  },
  'web.digitize.noElections': {
    be: 'Вам пакуль не дадзены рэгіёны ні на адных выбарах. Папрасіце адміністратара.',
    ru: 'Вам пока не выданы регионы ни на одних выборах. Попросите администратора.',
    en: 'You have no regions on any election yet. Ask an administrator.',
  },
  'web.digitize.task': {
    be: 'Пратакол участка {station}',
    ru: 'Протокол участка {station}',
    en: 'Protocol of station {station}',
  },
  'web.digitize.photoAlt': {
    be: 'Фота пратакола, дасланае для ўчастка {station}',
    ru: 'Фото протокола, присланное для участка {station}',
    en: 'Photo of the protocol sent for station {station}',
  },
  'web.digitize.lineAlt': {
    be: 'Радок {number} на фота',
    ru: 'Строка {number} на фото',
    en: 'Line {number} on the photo',
  },
  'web.digitize.fullSize': {
    be: 'Адкрыць фота ў поўны памер',
    ru: 'Открыть фото в полный размер',
    en: 'Open the photo at full size',
  },
  'web.digitize.stationCode': {
    be: 'Нумар участка на фота',
    ru: 'Номер участка на фото',
    en: 'Station code on the photo',
  },
  'web.digitize.stationHint': {
    be: 'Фота даслана для ўчастка {station}. Калі на фота іншы нумар, увядзіце яго; калі не чытаецца — ачысціце поле.',
    ru: 'Фото прислано для участка {station}. Если на фото другой номер, введите его; если не читается — очистите поле.',
    en: 'The photo was sent for station {station}. If the photo shows another code, type it; if it cannot be read, clear the field.',
  },
  'web.digitize.lines': { be: 'Радкі пратакола', ru: 'Строки протокола', en: 'Protocol lines' },
  'web.digitize.keys': {
    be: 'Tab або Enter — да наступнага радка; Enter на апошнім радку захоўвае. Пусты радок пратакола — 0.',
    ru: 'Tab или Enter — к следующей строке; Enter на последней строке сохраняет. Пустая строка протокола — 0.',
    en: 'Tab or Enter moves to the next line; Enter on the last line saves. An empty protocol line is 0.',
  },
  'web.digitize.submit': { be: 'Захаваць і далей', ru: 'Сохранить и дальше', en: 'Save and next' },
  'web.digitize.noneTitle': { be: 'Зараз няма чаго ўводзіць', ru: 'Сейчас нечего вводить', en: 'Nothing to type now' },
  'web.digitize.none': {
    be: 'Усе фота з вашых рэгіёнаў, якія чакаюць людзей, ужо прачытаныя або ўведзеныя вамі. Новыя фота прыходзяць увесь час.',
    ru: 'Все фото из ваших регионов, которые ждут людей, уже прочитаны или введены вами. Новые фото приходят всё время.',
    en: 'Every photo from your regions that waits for people is read already or typed by you. New photos arrive all the time.',
  },
  'web.digitize.reload': { be: 'Паглядзець зноў', ru: 'Проверить снова', en: 'Look again' },
  'web.digitize.next': { be: 'Наступнае фота', ru: 'Следующее фото', en: 'Next photo' },
  'web.digitize.last.waiting': {
    be: 'Захавана; чакае другога ўводу.',
    ru: 'Сохранено; ждёт второго ввода.',
    en: 'Saved; waiting for a second entry.',
  },
  'web.digitize.last.accepted': {
    be: 'Супала з іншым уводам: прынята.',
    ru: 'Совпало с другим вводом: принято.',
    en: 'Agreed with the other entry: accepted.',
  },
  'web.digitize.last.tie': {
    be: 'Не супала з іншым уводам: трэці чалавек вырашыць.',
    ru: 'Не совпало с другим вводом: третий человек рассудит.',
    en: 'Disagreed with the other entry: a third person will break the tie.',
  },
  'web.digitize.last.arithmetic': {
    be: 'Супала з іншым уводам, але лічбы не сыходзяцца: праверыць трэці чалавек.',
    ru: 'Совпало с другим вводом, но цифры не сходятся: проверит третий человек.',
    en: 'Agreed with the other entry, but the numbers do not add up: a third person will check.',
  },
  'web.digitize.error.summary': {
    be: 'Нічога не захавана: выпраўце радкі, пазначаныя ніжэй ({count}).',
    ru: 'Ничего не сохранено: исправьте строки, отмеченные ниже ({count}).',
    en: 'Nothing was saved: fix the lines marked below ({count}).',
  },
  'web.digitize.error.missing': {
    be: 'Увядзіце лік (0, калі радок пусты).',
    ru: 'Введите число (0, если строка пустая).',
    en: 'Type the number (0 if the line is empty).',
  },
  'web.digitize.error.notCount': {
    be: 'Толькі лічбы (тысячы можна аддзяліць прабелам), не больш за 999 999 999.',
    ru: 'Только цифры (тысячи можно отделить пробелом), не больше 999 999 999.',
    en: 'Digits only (thousands may be grouped with a space), at most 999 999 999.',
  },
  'web.digitize.error.stationCode': {
    be: 'Нумар участка — не больш за 64 знакі.',
    ru: 'Номер участка — не больше 64 знаков.',
    en: 'A station code has at most 64 characters.',
  },
  'web.digitize.error.already': {
    be: 'Вы ўжо ўводзілі гэтае фота; застаецца ваш першы ўвод. Два ўводы аднаго фота робяць розныя людзі.',
    ru: 'Вы уже вводили это фото; остаётся ваш первый ввод. Два ввода одного фото делают разные люди.',
    en: 'You have typed this photo already; your first entry stands. The two entries of a photo come from two different people.',
  },
  'web.digitize.error.person': {
    be: 'Лічбы ўводзіць чалавек: увайдзіце пад сваім імем.',
    ru: 'Цифры вводит человек: войдите под своим именем.',
    en: 'Entries are typed by a person: log in with your own account.',
  },
} satisfies TCatalog;
