import { describe, expect, it } from 'vitest';
import { intakeMessages, languages, negotiateLanguage, translate } from './index.js';

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'ru-RU,ru;q=0.9,en;q=0.8', 'ru'],
    [undefined, 'de-DE,be;q=0.5,ru;q=0.7', 'ru'],
    [undefined, 'de-DE,fr;q=0.5', 'en'],
    ['be', 'ru', 'be'],
    ['xx', 'be-BY', 'be'],
    [undefined, undefined, 'en'],
    [undefined, 'ru;q=0, en', 'en'],
  ])('lang=%s, Accept-Language %s → %s', (explicit, header, expected) => {
    expect(negotiateLanguage(explicit, header)).toBe(expected);
  });
});

describe('the intake catalogue', () => {
  it('has every message in every language, with the same placeholders', () => {
    for (const [key, texts] of Object.entries(intakeMessages)) {
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const language of languages) {
        expect(texts[language].trim().length, `${key}.${language}`).toBeGreaterThan(0);
        expect(placeholders(texts[language]), `${key}.${language}`).toEqual(placeholders(texts.en));
      }
    }
  });

  it('fills in parameters', () => {
    expect(translate({ key: 'station.notFound', params: { station: '0042', election: 'x' } }, 'ru')).toBe(
      'Участка 0042 на выборах x нет.',
    );
  });
});
