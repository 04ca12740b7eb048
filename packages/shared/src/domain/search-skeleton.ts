// Cyrillic letters of Belarusian and Russian, as a Latin keyboard would type them, already
// folded the way searchSkeleton folds Latin text (so "г", "h" and "g" all meet at "h").
// prettier-ignore
const cyrillic: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'h', д: 'd', е: 'e', ё: 'io', є: 'e', ж: 'z', з: 'z',
  и: 'i', і: 'i', ї: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ў: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'c', ш: 's', щ: 'sc', ъ: '',
  ы: 'i', ь: '', э: 'e', ю: 'iu', я: 'ia', "'": '', '’': '', ʼ: '',
};

// Longest first: each transliteration convention's spelling of one Cyrillic letter.
const latinFolds: [RegExp, string][] = [
  [/shch|sch/g, 'sc'],
  [/sh|sz/g, 's'],
  [/ch|cz|tch/g, 'c'],
  [/zh|rz/g, 'z'],
  [/kh/g, 'h'],
  [/ts|tz/g, 'c'],
  [/g/g, 'h'],
  [/[yj]/g, 'i'],
  [/w/g, 'u'],
  [/x/g, 'ks'],
  [/q/g, 'k'],
];

/**
 * A loose spelling of a name or address that Belarusian, Russian and the ways people type
 * them on a Latin keyboard all reduce to: "Гродна", "Гродно", "Hrodna" and "Grodno" meet at
 * "hrodna"/"hrodno"; "Фрунзенскі", "Фрунзенский" and "Frunzenskiy" at "frunzenski". It is
 * for finding, never for showing: different words may share a skeleton, which a list of
 * matches to choose from makes harmless.
 */
export function searchSkeleton(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) out += cyrillic[ch] ?? ch;
  out = out.replace(/ł/g, 'l').normalize('NFD').replace(/\p{M}/gu, '');
  for (const [pattern, replacement] of latinFolds) out = out.replace(pattern, replacement);
  return out
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/([a-z])\1+/g, '$1')
    .trim();
}

/** Whether every word of a query (already a skeleton) occurs in a skeleton. */
export function skeletonMatches(haystack: string, query: string): boolean {
  return query.split(' ').every((word) => haystack.includes(word));
}
