import type { TLanguage } from './languages.js';

type TCatalog = Record<string, Record<TLanguage, string>>;

// The digitize pages of the web. {name} is filled in.
export const webDigitizeMessages = {
  'web.digitize.title': { be: '–', ru: '–', en: '–' },
} satisfies TCatalog;
