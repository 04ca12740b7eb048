import type { TLanguage } from './languages.js';

type TCatalog = Record<string, Record<TLanguage, string>>;

// The report pages of the web. {name} is filled in.
export const webReportMessages = {
  'web.report.title': { be: '–', ru: '–', en: '–' },
} satisfies TCatalog;
