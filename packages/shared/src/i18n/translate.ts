import { intakeMessages, type TIntakeMessageKey } from './intake-messages.js';
import type { TLanguage } from './languages.js';
import { webMessages } from './web-messages.js';
import { webDeskMessages } from './web-desk-messages.js';
import { webDigitizeMessages } from './web-digitize-messages.js';
import { webReportMessages } from './web-report-messages.js';
import { webFiguresMessages } from './web-figures-messages.js';
import { identityMessages } from './identity-messages.js';
import { botMessages } from './bot-messages.js';

const catalogs = {
  ...intakeMessages,
  ...webMessages,
  ...webDeskMessages,
  ...webDigitizeMessages,
  ...webReportMessages,
  ...webFiguresMessages,
  ...identityMessages,
  ...botMessages,
};

export type TMessageKey = TIntakeMessageKey | keyof typeof catalogs;
export type TMessage = { key: TMessageKey; params?: Record<string, string | number> };

/** The message in the language asked for, its {placeholders} filled in. */
export function translate(message: TMessage, language: TLanguage): string {
  const template = catalogs[message.key][language];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    message.params && name in message.params ? String(message.params[name]) : whole,
  );
}
