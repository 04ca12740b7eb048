import type { TLanguage } from '../../i18n/languages.js';
import type { TFindingKind, TStrength } from '../engine/engine-types.js';

/** How each finding is made and how strong it is: printed with every report. */
export const findingMethods: Record<TFindingKind, { strength: TStrength[]; text: Record<TLanguage, string> }> = {
  crowd_exceeds_official: {
    strength: ['proof', 'strong', 'signal'],
    text: {
      en: 'More distinct verified voters said they voted for a candidate at the station than the official count gives that candidate. No honest count can do that: the official figure is too low by at least the difference. Proof when the counts come from our own verified reports or a trusted partner; strong for other partners; a signal when only unverified reports exceed. Counts from different sources are never added together.',
      ru: 'Больше разных проверенных избирателей сообщили, что голосовали за кандидата на участке, чем даёт ему официальный подсчёт. Честный подсчёт так не может: официальная цифра занижена по меньшей мере на разницу. Доказательство — когда подсчёт из наших проверенных сообщений или от доверенного партнёра; сильное свидетельство — от других партнёров; сигнал — когда официальную цифру превышают только непроверенные сообщения. Подсчёты разных источников никогда не складываются.',
      be: 'Больш розных правераных выбаршчыкаў паведамілі, што галасавалі за кандыдата на ўчастку, чым дае яму афіцыйны падлік. Сумленны падлік так не можа: афіцыйная лічба заніжаная прынамсі на розніцу. Доказ — калі падлік з нашых правераных паведамленняў або ад давернага партнёра; моцнае сведчанне — ад іншых партнёраў; сігнал — калі афіцыйную лічбу перавышаюць толькі неправераныя паведамленні. Падлікі розных крыніц ніколі не складаюцца.',
    },
  },
  protocol_mismatch: {
    strength: ['strong', 'signal'],
    text: {
      en: 'The protocol photographed at the station differs from the numbers the commission published for it, line by line. Strong when the photo was read from its QR code or by two people who agree; a signal when read by OCR alone.',
      ru: 'Протокол, сфотографированный на участке, отличается от цифр, опубликованных комиссией, построчно. Сильное свидетельство, если фото прочитано по QR-коду или двумя людьми, чьи вводы совпали; сигнал — если только распознаванием текста.',
      be: 'Пратакол, сфатаграфаваны на ўчастку, адрозніваецца ад лічбаў, апублікаваных камісіяй, па радках. Моцнае сведчанне, калі фота прачытана па QR-кодзе або двума людзьмі, чые ўводы супалі; сігнал — калі толькі распазнаваннем тэксту.',
    },
  },
  conflicting_protocols: {
    strength: ['strong', 'signal'],
    text: {
      en: 'Two photos of the same station’s protocol show different numbers.',
      ru: 'Две фотографии протокола одного участка показывают разные цифры.',
      be: 'Два фота пратакола аднаго ўчастка паказваюць розныя лічбы.',
    },
  },
  arithmetic: {
    strength: ['strong', 'signal'],
    text: {
      en: 'The published or photographed numbers break a control relation of the protocol form, or turnout exceeds 100%.',
      ru: 'Опубликованные или сфотографированные цифры нарушают контрольное соотношение протокола, или явка больше 100%.',
      be: 'Апублікаваныя або сфатаграфаваныя лічбы парушаюць кантрольныя суадносіны пратакола, або яўка большая за 100%.',
    },
  },
  official_revised: {
    strength: ['signal'],
    text: {
      en: 'The commission changed the station’s published numbers after first publishing them. A signal only: revisions can be honest corrections.',
      ru: 'Комиссия изменила опубликованные цифры участка после первой публикации. Только сигнал: исправления бывают честными.',
      be: 'Камісія змяніла апублікаваныя лічбы ўчастка пасля першай публікацыі. Толькі сігнал: выпраўленні бываюць сумленнымі.',
    },
  },
  wrong_station: {
    strength: ['signal'],
    text: {
      en: 'A photo uploaded for the station shows the protocol of another station: it is not used as this station’s reading.',
      ru: 'Фото, загруженное для участка, показывает протокол другого участка: оно не используется как прочтение этого участка.',
      be: 'Фота, загружанае для ўчастка, паказвае пратакол іншага ўчастка: яно не выкарыстоўваецца як прачытанне гэтага ўчастка.',
    },
  },
  duplicate_photo: {
    strength: ['signal'],
    text: {
      en: 'The same photo, or a near copy, was uploaded for other stations too: at most one of them is what it claims to be.',
      ru: 'То же фото или почти его копия загружены и для других участков: не больше одного из них — то, за что себя выдаёт.',
      be: 'Тое ж фота або амаль яго копія загружаныя і для іншых участкаў: не больш за адно з іх — тое, за што сябе выдае.',
    },
  },
  sybil_signal: {
    strength: ['signal'],
    text: {
      en: 'The station’s self-reports arrived as a fabricated crowd would: many identities nobody had seen until minutes before, in a few minutes, making most of the station’s reports; or a flood of identities the policy does not verify. Not a finding against the commission: until an analyst has looked, what our own reports would prove at the station stays strong, not proof, and states no theft. New arrivals of the same kind put it on hold again.',
      ru: 'Сообщения участка пришли так, как пришла бы поддельная толпа: много личностей, которых никто не видел до последних минут, за несколько минут и большая часть сообщений участка; или поток личностей, которые политика не считает проверенными. Не вывод против комиссии: пока аналитик не посмотрел, то, что наши сообщения доказали бы на участке, остаётся сильным свидетельством, а не доказательством, и не называет украденных голосов. Новые такие поступления снова ставят его на проверку.',
      be: 'Паведамленні ўчастка прыйшлі так, як прыйшоў бы падроблены натоўп: шмат асоб, якіх ніхто не бачыў да апошніх хвілін, за некалькі хвілін і большая частка паведамленняў участка; або паток асоб, якіх палітыка не лічыць правераным. Не вывад супраць камісіі: пакуль аналітык не паглядзеў, тое, што нашы паведамленні даказалі б на ўчастку, застаецца моцным сведчаннем, а не доказам, і не называе скрадзеных галасоў. Новыя такія паступленні зноў ставяць яго на праверку.',
    },
  },
  insufficient_evidence: {
    strength: ['info'],
    text: {
      en: 'Not a finding against the station: says what evidence is missing for a verdict.',
      ru: 'Не вывод против участка: говорит, каких свидетельств не хватает для заключения.',
      be: 'Не вывад супраць участка: кажа, якіх сведчанняў не хапае для заключэння.',
    },
  },
  forensic_signal: {
    strength: ['signal'],
    text: {
      en: 'A statistical anomaly, found by comparing the station’s official numbers with the other stations of its region, not from any evidence about the station itself: turnout or the leader’s share far above the region’s median (in robust standard deviations), or a turnout or share that is an exact whole percentage where that is unlikely at the station’s size. The score is the negative decimal logarithm of the chance that an honest station shows all its signs. Never an accusation: it says where to look first.',
      ru: 'Статистическая аномалия, найденная сравнением официальных цифр участка с другими участками его региона, а не по свидетельствам о самом участке: явка или доля лидера намного выше медианы региона (в робастных стандартных отклонениях) или явка либо доля, равная ровно целому проценту там, где это маловероятно при размере участка. Балл — минус десятичный логарифм вероятности, что честный участок покажет все эти признаки. Никогда не обвинение: говорит, куда смотреть в первую очередь.',
      be: 'Статыстычная анамалія, знойдзеная параўнаннем афіцыйных лічбаў участка з іншымі ўчасткамі яго рэгіёна, а не па сведчаннях пра сам участак: яўка або доля лідара значна вышэй за медыяну рэгіёна (у робастных стандартных адхіленнях) або яўка ці доля, роўная роўна цэламу працэнту там, дзе гэта малаверагодна пры памеры ўчастка. Бал — мінус дзесятковы лагарыфм імавернасці, што сумленны ўчастак пакажа ўсе гэтыя прыкметы. Ніколі не абвінавачванне: кажа, куды глядзець у першую чаргу.',
    },
  },
};

/** Every finding kind, in the order the method lists them (the record above is exhaustive). */
export const findingKinds = Object.keys(findingMethods) as [TFindingKind, ...TFindingKind[]];

/** The kinds that say something against a station: those a report lists and analysts review. */
export const reportedKinds = findingKinds.filter((k) => !findingMethods[k].strength.every((s) => s === 'info')) as [
  TFindingKind,
  ...TFindingKind[],
];

export const selfSelectionWarning: Record<TLanguage, string> = {
  en: 'Crowd evidence is self-selected, not a random sample: a station without a finding is not thereby shown to be honest.',
  ru: 'Свидетельства участников — не случайная выборка: отсутствие вывода по участку не доказывает, что там считали честно.',
  be: 'Сведчанні ўдзельнікаў — не выпадковая выбарка: адсутнасць вываду па ўчастку не даказвае, што там лічылі сумленна.',
};
