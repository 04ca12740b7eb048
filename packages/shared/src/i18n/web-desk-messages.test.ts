import { describe, expect, it } from 'vitest';
import { languages } from './languages.js';
import { webDeskMessages } from './web-desk-messages.js';

describe('the desk catalogue', () => {
  it('has every message in every language, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, texts] of Object.entries(webDeskMessages)) {
      for (const language of languages) {
        expect(texts[language].trim().length, `${key}.${language}`).toBeGreaterThan(0);
        expect(placeholders(texts[language]), `${key}.${language}`).toEqual(placeholders(texts.en));
      }
    }
  });
});
