import type { TLanguage } from './languages.js';

type TCatalog = Record<string, Record<TLanguage, string>>;

// The election-wide figures on the report page: the PVT estimate, the minimum proven theft,
// the forensic signals. {name} is filled in.
export const webFiguresMessages = {
  'web.figures.estimate.title': {
    be: 'Падлік па сфатаграфаваных пратаколах (ацэнка PVT)',
    ru: 'Подсчёт по сфотографированным протоколам (оценка PVT)',
    en: 'The count from photographed protocols (PVT estimate)',
  },
  'web.figures.estimate.none': {
    be: 'Пакуль замала пратаколаў, прачытаных і ўзгодненых: {stations}.',
    ru: 'Пока слишком мало прочитанных и согласованных протоколов: {stations}.',
    en: 'Too few protocols read and agreed so far: {stations}.',
  },
  'web.figures.estimate.basis': {
    be: 'Абапіраецца на {stations} участкаў з узгодненым пратаколам з {population}. Інтэрвалы паказваюць толькі выпадковую памылку выбаркі.',
    ru: 'Опирается на {stations} участков с согласованным протоколом из {population}. Интервалы показывают только случайную ошибку выборки.',
    en: 'Rests on {stations} stations with an agreed protocol, of {population}. The intervals show sampling error only.',
  },
  'web.figures.estimate.measure': { be: 'Кандыдат', ru: 'Кандидат', en: 'Candidate' },
  'web.figures.estimate.turnout': { be: 'Яўка', ru: 'Явка', en: 'Turnout' },
  'web.figures.estimate.value': { be: 'Ацэнка', ru: 'Оценка', en: 'Estimate' },
  'web.figures.estimate.ci95': { be: '95 % інтэрвал', ru: '95 % интервал', en: '95 % interval' },
  'web.figures.estimate.ci99': { be: '99 % інтэрвал', ru: '99 % интервал', en: '99 % interval' },
  'web.figures.estimate.official': { be: 'Афіцыйна', ru: 'Официально', en: 'Official' },
  'web.figures.estimate.outside': {
    be: 'Афіцыйная лічба па-за {level} % інтэрвалам',
    ru: 'Официальная цифра вне {level} % интервала',
    en: 'Official figure outside the {level} % interval',
  },
  'web.figures.estimate.inside': { be: 'у межах', ru: 'в пределах', en: 'inside' },
  'web.figures.bias.title': {
    be: 'Ці падобныя сфатаграфаваныя ўчасткі на ўсе',
    ru: 'Похожи ли сфотографированные участки на все',
    en: 'Are the photographed stations like all stations?',
  },
  'web.figures.bias.intro': {
    be: 'Афіцыйныя лічбы тых жа ўчасткаў параўнаныя з афіцыйнымі лічбамі ўсіх: розніца паказвае, наколькі выбарка не выпадковая.',
    ru: 'Официальные цифры тех же участков сравнены с официальными цифрами всех: разница показывает, насколько выборка не случайна.',
    en: 'The official numbers of the same stations against the official numbers of all: the difference shows how far the sample is from random.',
  },
  'web.figures.bias.sampled': {
    be: 'Афіцыйна на сфатаграфаваных',
    ru: 'Официально на сфотографированных',
    en: 'Official, photographed stations',
  },
  'web.figures.bias.all': { be: 'Афіцыйна на ўсіх', ru: 'Официально на всех', en: 'Official, all stations' },
  'web.figures.bias.difference': { be: 'Розніца, п. п.', ru: 'Разница, п. п.', en: 'Difference, pp' },
  'web.figures.theft.title': {
    be: 'Мінімум даказана скрадзеных галасоў',
    ru: 'Минимум доказанно украденных голосов',
    en: 'Minimum proven theft',
  },
  'web.figures.theft.intro': {
    be: 'Сума па ўчастках, дзе правераных выбаршчыкаў больш за афіцыйны лік: ніжняя мяжа, не ацэнка ўсяго. Участкаў з доказам: {stations}.',
    ru: 'Сумма по участкам, где проверенных избирателей больше официального числа: нижняя граница, не оценка всего. Участков с доказательством: {stations}.',
    en: 'The sum over stations where more verified voters came forward than the official count: a lower bound, not an estimate of the whole. Stations with proof: {stations}.',
  },
  'web.figures.theft.row': {
    be: '{candidate}: не менш за {votes}',
    ru: '{candidate}: не меньше {votes}',
    en: '{candidate}: at least {votes}',
  },
  'web.figures.theft.none': {
    be: 'Пакуль ніводнага доказу.',
    ru: 'Пока ни одного доказательства.',
    en: 'No proof so far.',
  },
  'web.figures.theft.hidden': {
    be: 'Высновы, якія абапіраюцца на менш за {k} выбаршчыкаў, не публікуюцца і тут не ўлічаныя (колькі іх — таксама не кажам: гэта выдала б іх).',
    ru: 'Выводы, которые опираются на меньше чем {k} избирателей, не публикуются и здесь не учтены (сколько их — тоже не говорим: это выдало бы их).',
    en: 'Findings that rest on fewer than {k} voters are not published and not counted here (nor is how many there are: that would give them away).',
  },
  'web.figures.forensics.title': {
    be: 'Статыстычныя сігналы афіцыйных вынікаў',
    ru: 'Статистические сигналы официальных результатов',
    en: 'Statistical signals in the official results',
  },
  'web.figures.forensics.intro': {
    be: 'Сігналы, не доказы: яны кажуць, куды глядзець, а не што адбылося.',
    ru: 'Сигналы, не доказательства: они говорят, куда смотреть, а не что произошло.',
    en: 'Signals, not proof: they say where to look, not what happened.',
  },
  'web.figures.forensics.none': {
    be: 'Афіцыйных вынікаў яшчэ няма.',
    ru: 'Официальных результатов ещё нет.',
    en: 'No official results yet.',
  },
  'web.figures.forensics.integer': {
    be: 'Цэлыя працэнты (Кобак, Шпількін, Пшанічнікаў, 2016): {observed} участкаў з яўкай або доляй лідара роўна на цэлым працэнце, чакалася {expected} ± {sd}; лішак {excess}, p = {p} ({reps} паўтораў Монтэ-Карла; правераных участкаў {included}).',
    ru: 'Целые проценты (Кобак, Шпилькин, Пшеничников, 2016): {observed} участков с явкой или долей лидера ровно на целом проценте, ожидалось {expected} ± {sd}; избыток {excess}, p = {p} ({reps} повторов Монте-Карло; проверено участков {included}).',
    en: 'Whole percentages (Kobak, Shpilkin & Pshenichnikov 2016): {observed} stations with turnout or the leader’s share on a whole percentage, {expected} ± {sd} expected; excess {excess}, p = {p} ({reps} Monte Carlo repetitions; {included} stations tested).',
  },
  'web.figures.forensics.fingerprint': {
    be: 'Адбітак (Клімек і інш., 2012): {share} % участкаў маюць і яўку, і долю лідара вышэй за 80 % (іх {stations}); звычайнае ядро прадказвае {expected} %.',
    ru: 'Отпечаток (Климек и др., 2012): {share} % участков имеют и явку, и долю лидера выше 80 % (их {stations}); обычное ядро предсказывает {expected} %.',
    en: 'Fingerprint (Klimek et al. 2012): {share} % of stations have both turnout and the leader’s share above 80 % ({stations} stations); the ordinary core predicts {expected} %.',
  },
  'web.figures.forensics.anomalous': {
    be: 'Анамальныя галасы за лідара (паводле метаду Шпількіна): каля {votes} з {leaderVotes} ({share} %), калі лічыць, што ўся яўка звыш звычайнага ядра дасталася лідару.',
    ru: 'Аномальные голоса за лидера (по методу Шпилькина): около {votes} из {leaderVotes} ({share} %), если считать, что вся явка сверх обычного ядра досталась лидеру.',
    en: 'Anomalous votes for the leader (after Shpilkin): about {votes} of {leaderVotes} ({share} %), assuming all turnout above the ordinary core went to the leader.',
  },
  'web.figures.forensics.digits': {
    be: 'Апошнія лічбы {counts} лікаў галасоў: χ² = {chi}, p = {p} (у сумленным падліку яны амаль роўнамерныя).',
    ru: 'Последние цифры {counts} чисел голосов: χ² = {chi}, p = {p} (в честном подсчёте они почти равномерны).',
    en: 'Last digits of {counts} vote counts: χ² = {chi}, p = {p} (nearly uniform in an honest count).',
  },
  'web.figures.forensics.stations': {
    be: '{count} участкаў вылучаюцца ў сваім рэгіёне — гл. знаходкі «Статыстычная анамалія».',
    ru: '{count} участков выделяются в своём регионе — см. находки «Статистическая аномалия».',
    en: '{count} stations stand out in their region — see the findings “Statistical anomaly”.',
  },
  'web.figures.scope': {
    be: 'Для ўсіх участкаў, што вам відаць, незалежна ад фільтра.',
    ru: 'Для всех участков, которые вам видны, независимо от фильтра.',
    en: 'For all stations you may see, whatever the filter.',
  },
} satisfies TCatalog;
