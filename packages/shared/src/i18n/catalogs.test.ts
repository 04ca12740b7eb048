import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { botMessages } from './bot-messages.js';
import { identityMessages } from './identity-messages.js';
import { intakeMessages } from './intake-messages.js';
import { languages, type TLanguage } from './languages.js';
import { webDeskMessages } from './web-desk-messages.js';
import { webDigitizeMessages } from './web-digitize-messages.js';
import { webFiguresMessages } from './web-figures-messages.js';
import { webMessages } from './web-messages.js';
import { webReportMessages } from './web-report-messages.js';

type TCatalog = Record<string, Record<TLanguage, string>>;

const catalogs: Record<string, TCatalog> = {
  intakeMessages,
  webMessages,
  webDeskMessages,
  webDigitizeMessages,
  webReportMessages,
  webFiguresMessages,
  identityMessages,
  botMessages,
};

// Names, abbreviations and technical terms that stay in Latin letters in every language.
const keptInLatin = [
  'CrossTally',
  'JavaScript',
  'JPEG',
  'PNG',
  'WebP',
  'HEIC',
  'SHA',
  'CSV',
  'JSON',
  'OCR',
  'QR',
  'GPS',
  'PVT',
  'multipart/form-data',
  'Klimek et al., PNAS',
  'Firefox',
  'Tor Browser',
  'Tor',
  'Telegram',
  'Alt',
  'Shift',
  'Enter',
  'Tab',
  'UTC',
  'lg',
  // A bot command is typed as it is, in every language.
  '/protocol',
  'NUL',
];

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const withoutPlaceholders = (text: string) => text.replace(/\{\w+\}/g, ' ');
/** The Latin words of 3+ letters a reader would have to translate: names, terms, placeholders left out. */
function latinWords(text: string): string[] {
  let rest = withoutPlaceholders(text);
  for (const kept of keptInLatin)
    rest = rest.replace(
      new RegExp(`(?<![A-Za-z])${kept.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![A-Za-z])`, 'g'),
      ' ',
    );
  return rest.match(/[A-Za-z]{3,}/g) ?? [];
}
const cyrillic = /[\u0400-\u04FF]/;

const entries = Object.entries(catalogs).flatMap(([catalog, messages]) =>
  Object.entries(messages).map(([key, texts]) => ({ catalog, key, texts })),
);

describe('the message catalogues', () => {
  it('lists every catalogue that translate() merges', () => {
    const source = readFileSync(new URL('./translate.ts', import.meta.url), 'utf8');
    const merged = [...source.matchAll(/\.\.\.(\w+Messages)\b/g)].map((m) => m[1]).sort();
    expect(merged).toEqual(Object.keys(catalogs).sort());
  });

  it('has every message in be, ru and en, none empty, with the same placeholders', () => {
    const problems: string[] = [];
    for (const { catalog, key, texts } of entries) {
      for (const language of languages) {
        const text = texts[language];
        if (typeof text !== 'string' || text.trim() === '') problems.push(`${catalog} ${key}.${language}: empty`);
        else if (placeholders(text).join() !== placeholders(texts.en).join()) {
          problems.push(`${catalog} ${key}.${language}: {${placeholders(text).join('} {')}}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('never defines one key twice with different texts (the later would silently win)', () => {
    const seen = new Map<string, { catalog: string; texts: Record<TLanguage, string> }>();
    const clashes: string[] = [];
    for (const { catalog, key, texts } of entries) {
      const earlier = seen.get(key);
      if (earlier && languages.some((l) => earlier.texts[l] !== texts[l])) {
        clashes.push(`${key}: ${earlier.catalog} and ${catalog}`);
      }
      seen.set(key, { catalog, texts });
    }
    expect(clashes).toEqual([]);
  });

  it('has be and ru texts in Cyrillic wherever the English one has words', () => {
    const english: string[] = [];
    for (const { key, texts } of entries) {
      if (latinWords(texts.en).length === 0) continue;
      for (const language of ['be', 'ru'] as const) {
        if (!cyrillic.test(withoutPlaceholders(texts[language])))
          english.push(`${key}.${language}: ${texts[language]}`);
      }
    }
    expect(english).toEqual([]);
  });

  it('has no Cyrillic in English, no Russian-only letters in Belarusian and no Belarusian-only ones in Russian', () => {
    const wrong: string[] = [];
    for (const { key, texts } of entries) {
      if (cyrillic.test(texts.en)) wrong.push(`${key}.en: ${texts.en}`);
      // и щ ъ are not Belarusian letters; і ў are not Russian ones: a text copied into the
      // other language's slot shows them.
      if (/[ищъИЩЪ]/.test(texts.be)) wrong.push(`${key}.be: ${texts.be}`);
      if (/[іўІЎ]/.test(texts.ru)) wrong.push(`${key}.ru: ${texts.ru}`);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps the English words only where a name or abbreviation is meant', () => {
    // A Latin word left in a be/ru text (not a name on the list) is an untranslated word.
    const leftovers: string[] = [];
    for (const { key, texts } of entries) {
      for (const language of ['be', 'ru'] as const) {
        const words = latinWords(texts[language]);
        if (words.length > 0) leftovers.push(`${key}.${language}: ${words.join(' ')}`);
      }
    }
    expect(leftovers).toEqual([]);
  });
});
