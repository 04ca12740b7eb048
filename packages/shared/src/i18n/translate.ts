import { intakeMessages, type TIntakeMessageKey } from './intake-messages.js';
import type { TLanguage } from './languages.js';

export type TMessageKey = TIntakeMessageKey;
export type TMessage = { key: TMessageKey; params?: Record<string, string | number> };

const catalogs = { ...intakeMessages };

/** The message in the language asked for, its {placeholders} filled in. */
export function translate(message: TMessage, language: TLanguage): string {
  const template = catalogs[message.key][language];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    message.params && name in message.params ? String(message.params[name]) : whole,
  );
}
