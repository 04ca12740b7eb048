export const languages = ['be', 'ru', 'en'] as const;
export type TLanguage = (typeof languages)[number];
export const defaultLanguage: TLanguage = 'en';

/**
 * The language to answer in: an explicit choice (?lang=) first, then the first supported
 * language of Accept-Language by its q-weights, then English.
 */
export function negotiateLanguage(explicit: string | undefined, acceptLanguage: string | undefined): TLanguage {
  if (explicit && isLanguage(explicit)) return explicit;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { base: tag.toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((x) => x.q > 0 && isLanguage(x.base))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (ranked[0]?.base as TLanguage | undefined) ?? defaultLanguage;
}

export function isLanguage(value: string): value is TLanguage {
  return (languages as readonly string[]).includes(value);
}
