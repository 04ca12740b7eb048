import type { TLanguage } from './languages.js';

type TCatalog = Record<string, Record<TLanguage, string>>;

// What voters and observers read when they report or upload. {name} is filled in.
export const intakeMessages = {
  'selfReport.recorded': {
    be: 'Ваша паведамленне запісана.',
    ru: 'Ваше сообщение записано.',
    en: 'Your report is recorded.',
  },
  'selfReport.replaced': {
    be: 'Ваша ранейшае паведамленне на гэтых выбарах заменена гэтым.',
    ru: 'Ваше прежнее сообщение на этих выборах заменено этим.',
    en: 'Your earlier report for this election is replaced by this one.',
  },
  'input.unstorableCharacter': {
    be: 'Поле {field} утрымлівае знак, які нельга захаваць (NUL або палову сурагатнай пары). Выпраўце яго і дашліце зноў.',
    ru: 'Поле {field} содержит знак, который нельзя сохранить (NUL или половину суррогатной пары). Исправьте его и отправьте снова.',
    en: 'The field {field} holds a character that cannot be stored (a NUL or half of a surrogate pair). Correct it and send it again.',
  },
  'selfReport.claimOnly': {
    be: 'Яно ўлічваецца як непацверджаная заява: нішто не пацвярджае, што гэты нумар або код ваш. Пацверджаныя галасы — праз Telegram-бот або з выдадзеным запрашальным кодам; голас, пацверджаны праз бот, можна змяніць толькі там.',
    ru: 'Оно учитывается как неподтверждённое заявление: ничто не подтверждает, что этот номер или код ваш. Подтверждённые голоса — через Telegram-бот или с выданным пригласительным кодом; голос, подтверждённый через бот, можно изменить только там.',
    en: 'It counts as an unconfirmed claim: nothing confirms that this number or code is yours. Confirmed votes come through the Telegram bot or with an issued invitation code; a vote confirmed through the bot can be changed only there.',
  },
  'voterToken.codeOtherRegion': {
    be: 'Гэты код выдадзены для іншага рэгіёна: ён не можа паведаміць пра гэты ўчастак.',
    ru: 'Этот код выдан для другого региона: по нему нельзя сообщить об этом участке.',
    en: 'This code was issued for another region: it cannot report for this station.',
  },
  'election.notFound': {
    be: 'Выбараў {election} няма.',
    ru: 'Выборов {election} нет.',
    en: 'There is no election {election}.',
  },
  'station.notFound': {
    be: 'Участка {station} на выбарах {election} няма.',
    ru: 'Участка {station} на выборах {election} нет.',
    en: 'There is no station {station} in election {election}.',
  },
  'candidate.notFound': {
    be: 'Кандыдата {candidate} на выбарах {election} няма.',
    ru: 'Кандидата {candidate} на выборах {election} нет.',
    en: 'There is no candidate {candidate} in election {election}.',
  },
  'voterToken.phone': {
    be: 'Увядзіце нумар тэлефона: 7–15 лічбаў, можна з + на пачатку.',
    ru: 'Введите номер телефона: 7–15 цифр, можно с + в начале.',
    en: 'Enter a phone number: 7–15 digits, optionally starting with +.',
  },
  'voterToken.bot': {
    be: 'Ідэнтыфікатар бота: 1–128 літар, лічбаў або _ . : -',
    ru: 'Идентификатор бота: 1–128 букв, цифр или _ . : -',
    en: 'A bot user id: 1–128 letters, digits or _ . : -',
  },
  'voterToken.code': {
    be: 'Аднаразовы код: 6–64 літары або лічбы (прабелы і злучкі можна)',
    ru: 'Одноразовый код: 6–64 буквы или цифры (пробелы и дефисы можно)',
    en: 'A one-time code: 6–64 letters or digits (spaces and dashes allowed)',
  },
  'field.invalid': {
    be: 'Поле {field}: {problem}',
    ru: 'Поле {field}: {problem}',
    en: 'Field {field}: {problem}',
  },
  'upload.notMultipart': {
    be: 'Дашліце файл як multipart/form-data.',
    ru: 'Отправьте файл как multipart/form-data.',
    en: 'Send the file as multipart/form-data.',
  },
  'upload.missingFile': {
    be: 'Дадайце фота ў поле «{field}».',
    ru: 'Добавьте фото в поле «{field}».',
    en: 'Attach the photo in the field "{field}".',
  },
  'upload.fieldTooLong': {
    be: 'Поле «{field}» даўжэйшае за {limit} знакаў; нічога не запісана.',
    ru: 'Поле «{field}» длиннее {limit} знаков; ничего не записано.',
    en: 'The field "{field}" is longer than {limit} characters; nothing was recorded.',
  },
  'upload.unexpectedFile': {
    be: 'Файл у полі «{field}» не чакаўся.',
    ru: 'Файл в поле «{field}» не ожидался.',
    en: 'A file in the field "{field}" was not expected.',
  },
  'upload.tooLarge': {
    be: 'Файл большы за {limit} МБ. Зрабіце фота з меншай раздзяляльнасцю.',
    ru: 'Файл больше {limit} МБ. Сделайте фото с меньшим разрешением.',
    en: 'The file is larger than {limit} MB. Take the photo at a lower resolution.',
  },
  'upload.empty': {
    be: 'Файл пусты.',
    ru: 'Файл пуст.',
    en: 'The file is empty.',
  },
  'image.unsupportedType': {
    be: 'Гэта не фота JPEG, PNG або WebP.',
    ru: 'Это не фото JPEG, PNG или WebP.',
    en: 'This is not a JPEG, PNG or WebP photo.',
  },
  'image.truncated': {
    be: 'Фота абрэзана: файл загрузіўся не цалкам. Паспрабуйце яшчэ раз.',
    ru: 'Фото обрезано: файл загрузился не полностью. Попробуйте ещё раз.',
    en: 'The photo is cut short: the file did not arrive whole. Please try again.',
  },
  'image.malformed': {
    be: 'Файл фота пашкоджаны.',
    ru: 'Файл фото повреждён.',
    en: 'The photo file is damaged.',
  },
  'image.tooManyPixels': {
    be: 'У фота больш за {limit} мегапікселяў.',
    ru: 'В фото больше {limit} мегапикселей.',
    en: 'The photo has more than {limit} megapixels.',
  },
  'photo.failure.empty': {
    be: 'Файл пусты (0 байтаў). Дашліце фота яшчэ раз.',
    ru: 'Файл пустой (0 байт). Пришлите фото ещё раз.',
    en: 'The file is empty (0 bytes). Please send the photo again.',
  },
  'photo.failure.notImage': {
    be: 'Гэта не здымак, які можна прачытаць. Дашліце фота (JPEG, PNG або WebP).',
    ru: 'Это не снимок, который можно прочитать. Пришлите фото (JPEG, PNG или WebP).',
    en: 'This is not an image that can be read. Please send a photo (JPEG, PNG or WebP).',
  },
  'photo.failure.tooLarge': {
    be: 'Здымак занадта вялікі. Дашліце фота меншага памеру.',
    ru: 'Снимок слишком большой. Пришлите фото меньшего размера.',
    en: 'The image is too large. Please send a smaller photo.',
  },
  'photo.failure.corrupt': {
    be: 'Файл пашкоджаны або абрэзаны. Дашліце фота яшчэ раз.',
    ru: 'Файл повреждён или обрезан. Пришлите фото ещё раз.',
    en: 'The file is damaged or cut short. Please send the photo again.',
  },
  'photo.failure.other': {
    be: 'Фота не ўдалося апрацаваць. Каманда праверыць, што здарылася.',
    ru: 'Фото не удалось обработать. Команда проверит, что случилось.',
    en: 'The photo could not be processed. The team will look into it.',
  },
  'photo.notFound': {
    be: 'Фота {id} няма.',
    ru: 'Фото {id} нет.',
    en: 'There is no photo {id}.',
  },
  'intake.tooMany': {
    be: 'Занадта шмат запытаў з аднаго адраса. Пачакайце хвіліну.',
    ru: 'Слишком много запросов с одного адреса. Подождите минуту.',
    en: 'Too many requests from one address. Please wait a minute.',
  },
  'selfReport.tooOften': {
    be: 'Вы паведамляеце занадта часта. Пачакайце хвіліну.',
    ru: 'Вы сообщаете слишком часто. Подождите минуту.',
    en: 'You are reporting too often. Please wait a minute.',
  },
  'photo.voterQuota': {
    be: 'З аднаго ідэнтыфікатара можна даслаць не больш за {limit} фота на гэтых выбарах.',
    ru: 'С одного идентификатора можно отправить не больше {limit} фото на этих выборах.',
    en: 'One identity may send at most {limit} photos for this election.',
  },
  'photo.viewLater': {
    be: 'Гэтае фота яшчэ рыхтуецца для прагляду. Паспрабуйце праз хвіліну.',
    ru: 'Это фото ещё готовится для просмотра. Попробуйте через минуту.',
    en: 'This photo is still being prepared for viewing. Please try again in a minute.',
  },
  'photo.busy': {
    be: 'Зараз апрацоўваецца занадта шмат фота. Паспрабуйце праз некалькі секунд.',
    ru: 'Сейчас обрабатывается слишком много фото. Попробуйте через несколько секунд.',
    en: 'Too many photos are being processed right now. Please try again in a few seconds.',
  },
  'service.unavailable': {
    be: 'Сэрвіс часова недаступны. Паспрабуйце праз некалькі секунд — нічога з дасланага не страчана.',
    ru: 'Сервис временно недоступен. Попробуйте через несколько секунд — ничего из отправленного не потеряно.',
    en: 'The service is briefly unavailable. Please try again in a few seconds; nothing you sent before was lost.',
  },
  'storage.full': {
    be: 'Сховішча доказаў зараз поўнае: файл не захаваны. Дашліце яго яшчэ раз пазней.',
    ru: 'Хранилище доказательств сейчас заполнено: файл не сохранён. Пришлите его ещё раз позже.',
    en: 'The evidence store is full right now: the file was not kept. Please send it again later.',
  },
  'report.busy': {
    be: 'Зараз рыхтуецца занадта шмат справаздач. Паспрабуйце праз некалькі секунд.',
    ru: 'Сейчас готовится слишком много отчётов. Попробуйте через несколько секунд.',
    en: 'Too many reports are being prepared right now. Please try again in a few seconds.',
  },
  'photo.stationFull': {
    be: 'Для ўчастка {station} ужо чакаюць праверкі {limit} фота. Паспрабуйце пазней.',
    ru: 'Для участка {station} уже ждут проверки {limit} фото. Попробуйте позже.',
    en: 'Station {station} already has {limit} photos waiting to be read. Please try later.',
  },
} satisfies TCatalog;

export type TIntakeMessageKey = keyof typeof intakeMessages;
