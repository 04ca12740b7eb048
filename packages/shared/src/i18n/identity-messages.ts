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
  'web.check.title': { be: 'Праверка фота бюлетэняў', ru: 'Проверка фото бюллетеней', en: 'Checking ballot photos' },
  'web.check.chooseElection': {
    be: 'Выберыце выбары, фота бюлетэняў якіх будзеце правяраць.',
    ru: 'Выберите выборы, фото бюллетеней которых будете проверять.',
    en: 'Choose the election whose ballot photos you will check.',
  },
  'web.check.noElections': {
    be: 'Вам не дадзены ніводзін рэгіён: папытаеце адміністратара.',
    ru: 'Вам не выдан ни один регион: попросите администратора.',
    en: 'You hold no region yet: ask an admin.',
  },
  'web.check.intro': {
    be: 'Глядзіце толькі на фота: кожны правяраючы кажа, што бачыць сам. Два аднолькавыя адказы вырашаюць, трэці разводзіць нязгоду. Адказ нельга змяніць.',
    ru: 'Смотрите только на фото: каждый проверяющий говорит, что видит сам. Два одинаковых ответа решают, третий разрешает несогласие. Ответ нельзя изменить.',
    en: 'Judge from the photo alone: each checker says what they see. Two answers that agree settle it, a third breaks a tie. An answer cannot be changed.',
  },
  'web.check.photoAlt': {
    be: 'Фота бюлетэня, дасланае выбаршчыкам',
    ru: 'Фото бюллетеня, присланное избирателем',
    en: 'A ballot photo a voter sent',
  },
  'web.check.isBallot': {
    be: 'Ці гэта бюлетэнь гэтых выбараў?',
    ru: 'Это бюллетень этих выборов?',
    en: 'Is this a ballot of this election?',
  },
  'web.check.yes': { be: 'Так', ru: 'Да', en: 'Yes' },
  'web.check.no': { be: 'Не', ru: 'Нет', en: 'No' },
  'web.check.candidate': {
    be: 'За каго пастаўлена адзнака?',
    ru: 'За кого поставлена отметка?',
    en: 'Which candidate is marked?',
  },
  'web.check.noCandidate': {
    be: 'Ніхто, некалькі або не відаць',
    ru: 'Никто, несколько или не видно',
    en: 'None, several, or cannot tell',
  },
  'web.check.problems': { be: 'Ці ёсць нешта не так?', ru: 'Что-то не так?', en: 'Is anything wrong?' },
  'web.check.problem.screenshot': {
    be: 'Здымак экрана або фота экрана',
    ru: 'Снимок экрана или фото экрана',
    en: 'A screenshot, or a photo of a screen',
  },
  'web.check.problem.printed': {
    be: 'Надрукавана або намалявана, не сапраўдны бюлетэнь',
    ru: 'Напечатано или нарисовано, не настоящий бюллетень',
    en: 'Printed or drawn, not a real ballot',
  },
  'web.check.problem.two_marks': {
    be: 'Дзве адзнакі або больш (бюлетэнь сапсаваны)',
    ru: 'Две отметки или больше (бюллетень испорчен)',
    en: 'Two marks or more (a spoilt ballot)',
  },
  'web.check.problem.face_or_hand': {
    be: 'Відаць твар або руку чалавека',
    ru: 'Видно лицо или руку человека',
    en: "Someone's face or hand is visible",
  },
  'web.check.submit': { be: 'Адправіць адказ', ru: 'Отправить ответ', en: 'Send my answer' },
  'web.check.error.isBallot': {
    be: 'Скажыце, ці гэта бюлетэнь.',
    ru: 'Скажите, бюллетень ли это.',
    en: 'Say whether this is a ballot.',
  },
  'web.check.error.candidate': {
    be: 'Выберыце кандыдата або «ніхто».',
    ru: 'Выберите кандидата или «никто».',
    en: 'Choose a candidate, or "none".',
  },
  'web.check.error.already': {
    be: 'Вы ўжо правяралі гэта фота: адказ не мяняецца.',
    ru: 'Вы уже проверяли это фото: ответ не меняется.',
    en: 'You have checked this photo already: an answer is never changed.',
  },
  'web.check.error.notNeeded': {
    be: 'Гэтае фота ўжо праверана дастаткова.',
    ru: 'Это фото уже проверено достаточно.',
    en: 'This photo has been checked enough already.',
  },
  'web.check.last.waiting': {
    be: 'Адказ запісаны; фота чакае іншага правяраючага.',
    ru: 'Ответ записан; фото ждёт другого проверяющего.',
    en: 'Answer recorded; the photo waits for another checker.',
  },
  'web.check.last.agreed': {
    be: 'Адказ запісаны; правяраючыя пагадзіліся.',
    ru: 'Ответ записан; проверяющие согласились.',
    en: 'Answer recorded; the checkers agree.',
  },
  'web.check.last.disputed': {
    be: 'Адказ запісаны; правяраючыя не пагадзіліся, фота не пацвярджае нічога.',
    ru: 'Ответ записан; проверяющие не согласились, фото ничего не подтверждает.',
    en: 'Answer recorded; the checkers disagree, so the photo confirms nothing.',
  },
  'web.check.noneTitle': { be: 'Усё праверана', ru: 'Всё проверено', en: 'Nothing to check' },
  'web.check.none': {
    be: 'Зараз няма фота, якія вы можаце праверыць.',
    ru: 'Сейчас нет фото, которые вы можете проверить.',
    en: 'There is no photo for you to check right now.',
  },
  'web.check.reload': { be: 'Паглядзець зноў', ru: 'Посмотреть снова', en: 'Look again' },
  'web.check.next': { be: 'Да наступнага фота', ru: 'К следующему фото', en: 'To the next photo' },
} as const satisfies TCatalog;
