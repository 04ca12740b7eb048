import type { TLanguage } from './languages.js';

type TCatalog = Record<string, Record<TLanguage, string>>;

// The desk pages of the web. {name} is filled in.
export const webDeskMessages = {
  'web.desk.title': { be: '–', ru: '–', en: '–' },
} satisfies TCatalog;
