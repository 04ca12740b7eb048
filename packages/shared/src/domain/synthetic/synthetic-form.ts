import type { TCandidate, TElectionDefinition, TFormLine, TLocalizedText } from '../election-definition.js';

/**
 * The synthetic election's definition: the presidential form of the fixture, with k
 * candidates. Candidate names are fictional (as in the fixture) so that generated data never
 * reads as taking sides; keys are neutral letters (cand_a, cand_b, …) so that a test can name
 * a candidate without knowing the name list.
 */
export const MIN_CANDIDATES = 2;
export const MAX_CANDIDATES = 12;

const text = (be: string, ru: string, en: string): TLocalizedText => ({ be, ru, en });

const names: readonly TLocalizedText[] = [
  text('Янка Лявонавіч', 'Янка Леонович', 'Yanka Lyavonavich'),
  text('Марына Сакалоўская', 'Марина Соколовская', 'Maryna Sakaloŭskaja'),
  text('Павел Цішкевіч', 'Павел Тишкевич', 'Paval Tsishkevich'),
  text('Алена Мароз', 'Елена Мороз', 'Alena Maroz'),
  text('Віктар Зянковіч', 'Виктор Зенкович', 'Viktar Zyankovich'),
  text('Тамара Шылава', 'Тамара Шилова', 'Tamara Shylava'),
  text('Рыгор Бельскі', 'Григорий Бельский', 'Ryhor Belski'),
  text('Надзея Кавалёва', 'Надежда Ковалёва', 'Nadzeya Kavalyova'),
  text('Антон Гаўрыленка', 'Антон Гавриленко', 'Anton Haŭrylenka'),
  text('Святлана Лук’янава', 'Светлана Лукьянова', 'Sviatlana Lukyanava'),
  text('Мікалай Ярмоленка', 'Николай Ярмоленко', 'Mikalai Yarmolenka'),
  text('Іна Дашкевіч', 'Инна Дашкевич', 'Ina Dashkevich'),
];

/** cand_a, cand_b, … in ballot order; the first one is the favourite (see true-votes.ts). */
export function candidateKeys(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `cand_${String.fromCharCode(97 + i)}`);
}

/** The protocol line that holds a candidate's votes. */
export function votesLine(candidate: string): string {
  return `votes_${candidate}`;
}

export function buildSyntheticDefinition(seed: number, candidateCount: number): TElectionDefinition {
  if (!Number.isInteger(candidateCount) || candidateCount < MIN_CANDIDATES || candidateCount > MAX_CANDIDATES) {
    throw new RangeError(`candidates must be an integer from ${MIN_CANDIDATES} to ${MAX_CANDIDATES}`);
  }
  const candidates: TCandidate[] = candidateKeys(candidateCount).map((key, i) => ({
    key,
    name: names[i] ?? text(key, key, key),
  }));
  const after = 7 + candidateCount; // the first line number after the candidate lines
  const lines: TFormLine[] = [
    line(
      'voters_on_list',
      1,
      'Колькасць выбаршчыкаў, уключаных у спіс',
      'Число избирателей, включённых в список',
      'Voters on the list',
    ),
    line('received', 2, 'Атрымана бюлетэняў', 'Получено бюллетеней', 'Ballots received'),
    line('issued_early', 3, 'Выдадзена датэрмінова', 'Выдано досрочно', 'Ballots issued early'),
    line('issued_home', 4, 'Выдадзена па месцы знаходжання', 'Выдано по месту нахождения', 'Ballots issued at home'),
    line('issued_day', 5, 'Выдадзена ў дзень выбараў', 'Выдано в день выборов', 'Ballots issued on election day'),
    line('took_part', 6, 'Прынялі ўдзел у галасаванні', 'Приняли участие в голосовании', 'Voters who took part'),
    ...candidates.map((c, i) => ({ key: votesLine(c.key), number: 7 + i, label: c.name, candidate: c.key })),
    line('against_all', after, 'Супраць усіх', 'Против всех', 'Against all'),
    line('invalid', after + 1, 'Несапраўдныя бюлетэні', 'Недействительные бюллетени', 'Invalid ballots'),
    line('unused', after + 2, 'Пагашана бюлетэняў', 'Погашено бюллетеней', 'Unused (cancelled) ballots'),
  ];
  return {
    code: `synthetic-${seed}`,
    name: text(`Сінтэтычныя выбары ${seed}`, `Синтетические выборы ${seed}`, `Synthetic election ${seed}`),
    candidates,
    form: {
      lines,
      relations: [
        'took_part = issued_early + issued_home + issued_day',
        'took_part = sum(candidates) + against_all + invalid',
        'took_part <= voters_on_list',
        'received = issued_early + issued_home + issued_day + unused',
      ],
    },
    qrFormat: 'crosstally-v1',
    // Synthetic voters have no channel that could confirm them and no one checks their drawn
    // ballots: the synthetic election's policy counts claimed identities and unchecked ballots
    // as verified, under a name that says so wherever a finding records it. Its whole feed is
    // sent in a few minutes, as no real crowd arrives: the sybil patterns are off. A real
    // election keeps the default.
    policy: {
      name: 'synthetic-unchecked-claims',
      verification: {
        identities: ['telegram_contact', 'invitation_code', 'typed_phone', 'claimed_bot', 'claimed_code'],
        ballotChecks: 0,
      },
      sybil: { burstReports: 0, unverifiedReports: 0 },
    },
  };
}

function line(key: string, number: number, be: string, ru: string, en: string): TFormLine {
  return { key, number, label: text(be, ru, en) };
}
