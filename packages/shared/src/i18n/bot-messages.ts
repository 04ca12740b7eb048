import type { TLanguage } from './languages.js';

type TCatalog = Record<string, Record<TLanguage, string>>;

// What the Telegram bot says. {station}, {candidate}, {n} are filled in.
export const botMessages = {
  'bot.welcome': {
    be: 'Добры дзень! Тут можна сказаць, за каго вы прагаласавалі. Каб ваш голас лічыўся пацверджаным, падзяліцеся сваім нумарам тэлефона кнопкай ніжэй: мы захоўваем толькі ключавы хэш нумара, не сам нумар. Але Telegram бачыць гэтую размову і ваш нумар; калі гэта для вас небяспечна, выкарыстайце запрашальны код на сайце праз Tor.',
    ru: 'Здравствуйте! Здесь можно сказать, за кого вы проголосовали. Чтобы ваш голос считался подтверждённым, поделитесь своим номером телефона кнопкой ниже: мы храним только ключевой хэш номера, не сам номер. Но Telegram видит этот разговор и ваш номер; если это для вас опасно, используйте пригласительный код на сайте через Tor.',
    en: 'Hello! Here you can say whom you voted for. To have your vote count as confirmed, share your phone number with the button below: we keep only a keyed hash of the number, never the number. But Telegram sees this conversation and your number; if that is a danger to you, use an invitation code on the site over Tor.',
  },
  'bot.shareContact': { be: 'Падзяліцца нумарам', ru: 'Поделиться номером', en: 'Share my number' },
  'bot.notYourContact': {
    be: 'Гэта чужы кантакт. Падзяліцеся сваім нумарам кнопкай ніжэй.',
    ru: 'Это чужой контакт. Поделитесь своим номером кнопкой ниже.',
    en: "That is someone else's contact. Share your own number with the button below.",
  },
  'bot.badPhone': {
    be: 'Гэты нумар не падобны на нумар тэлефона.',
    ru: 'Этот номер не похож на номер телефона.',
    en: 'That does not look like a phone number.',
  },
  'bot.askStation': {
    be: 'Дзякуй, нумар пацверджаны. Напішыце нумар свайго ўчастка або частку яго назвы ці адраса.',
    ru: 'Спасибо, номер подтверждён. Напишите номер своего участка или часть его названия или адреса.',
    en: 'Thank you, your number is confirmed. Send the number of your polling station, or part of its name or address.',
  },
  'bot.stationNotFound': {
    be: 'Такога ўчастка не знайшлося. Паспрабуйце нумар або іншае слова з назвы ці адраса.',
    ru: 'Такой участок не нашёлся. Попробуйте номер или другое слово из названия или адреса.',
    en: 'No such station was found. Try its number, or another word of its name or address.',
  },
  'bot.chooseStation': {
    be: 'Які з гэтых участкаў ваш?',
    ru: 'Какой из этих участков ваш?',
    en: 'Which of these stations is yours?',
  },
  'bot.askCandidate': {
    be: 'Участак {station}. За каго вы прагаласавалі?',
    ru: 'Участок {station}. За кого вы проголосовали?',
    en: 'Station {station}. Whom did you vote for?',
  },
  'bot.recorded': {
    be: 'Запісана: участак {station}, {candidate}. Каб голас лічыўся пацверджаным, дашліце фота свайго бюлетэня (можна як файл).',
    ru: 'Записано: участок {station}, {candidate}. Чтобы голос считался подтверждённым, пришлите фото своего бюллетеня (можно файлом).',
    en: 'Recorded: station {station}, {candidate}. To have it count as confirmed, send a photo of your ballot (as a photo or a file).',
  },
  'bot.startFirst': {
    be: 'Спачатку падзяліцеся сваім нумарам кнопкай ніжэй.',
    ru: 'Сначала поделитесь своим номером кнопкой ниже.',
    en: 'First share your number with the button below.',
  },
  'bot.chooseCandidateFirst': {
    be: 'Спачатку выберыце ўчастак і кандыдата.',
    ru: 'Сначала выберите участок и кандидата.',
    en: 'First choose your station and candidate.',
  },
  'bot.tooOften': {
    be: 'Занадта часта. Паспрабуйце праз хвіліну.',
    ru: 'Слишком часто. Попробуйте через минуту.',
    en: 'Too often. Try again in a minute.',
  },
  'bot.photoReceived': {
    be: 'Фота атрымана, правяраем яго…',
    ru: 'Фото получено, проверяем его…',
    en: 'Photo received, checking it…',
  },
  'bot.photoTooLarge': {
    be: 'Гэты файл большы за 20 МБ: дашліце фота паменш.',
    ru: 'Этот файл больше 20 МБ: пришлите фото поменьше.',
    en: 'That file is over 20 MB: send a smaller photo.',
  },
  'bot.notAnImage': {
    be: 'Гэта не фота. Дашліце фота бюлетэня (JPEG, PNG або WebP).',
    ru: 'Это не фото. Пришлите фото бюллетеня (JPEG, PNG или WebP).',
    en: 'That is not a photo. Send a photo of your ballot (JPEG, PNG or WebP).',
  },
  'bot.ballotRecorded': {
    be: 'Фота бюлетэня захавана (SHA-256 {sha256}). Два чалавекі правераць яго, перш чым ваш голас будзе лічыцца пацверджаным; самога фота ніхто іншы не ўбачыць.',
    ru: 'Фото бюллетеня сохранено (SHA-256 {sha256}). Два человека проверят его, прежде чем ваш голос будет считаться подтверждённым; само фото больше никто не увидит.',
    en: 'Your ballot photo is kept (SHA-256 {sha256}). Two people will check it before your vote counts as confirmed; nobody else will see the photo.',
  },
  'bot.protocolHint': {
    be: 'Сфатаграфавалі пратакол з вынікамі, вывешаны на ўчастку? Дашліце /protocol, а потым фота.',
    ru: 'Сфотографировали протокол с результатами, вывешенный на участке? Пришлите /protocol, а потом фото.',
    en: 'Photographed the result protocol posted at the station? Send /protocol, then the photo.',
  },
  'bot.protocolStationFirst': {
    be: 'Спачатку назавіце ўчастак: яго нумар або слова з назвы ці адраса.',
    ru: 'Сначала назовите участок: его номер или слово из названия или адреса.',
    en: 'First name the station: its number, or a word of its name or address.',
  },
  'bot.askProtocol': {
    be: 'Дашліце фота пратакола ўчастка {station} (можна як файл): увесь аркуш, каб лічбы было відаць.',
    ru: 'Пришлите фото протокола участка {station} (можно файлом): весь лист, чтобы цифры были видны.',
    en: 'Send the photo of the protocol of station {station} (as a photo or a file): the whole sheet, the numbers readable.',
  },
  'bot.protocolRecorded': {
    be: 'Фота пратакола ўчастка {station} захавана (SHA-256 {sha256}). Яго лічбы прачытаюць і параўнаюць з афіцыйнымі. Дзякуй!',
    ru: 'Фото протокола участка {station} сохранено (SHA-256 {sha256}). Его цифры прочитают и сравнят с официальными. Спасибо!',
    en: 'The protocol photo of station {station} is kept (SHA-256 {sha256}). Its numbers will be read and compared with the official ones. Thank you!',
  },
  'bot.photoRefused': {
    be: 'Фота не прынята: {reason}',
    ru: 'Фото не принято: {reason}',
    en: 'The photo was not taken: {reason}',
  },
  'bot.language': { be: 'Мова: беларуская.', ru: 'Язык: русский.', en: 'Language: English.' },
  'bot.chooseLanguage': { be: 'Выберыце мову', ru: 'Выберите язык', en: 'Choose a language' },
} as const satisfies TCatalog;
