import { createHmac } from 'node:crypto';
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';

export const voterKinds = ['phone', 'bot', 'code'] as const;
export type TVoterKind = (typeof voterKinds)[number];

const patterns: Record<TVoterKind, RegExp> = {
  phone: /^\+?[0-9]{7,15}$/,
  bot: /^[A-Za-z0-9_.:-]{1,128}$/,
  code: /^[A-Z0-9]{6,64}$/,
};

/**
 * A voter token in the one form that stands for its voter. Spaces, dashes, dots and brackets
 * people type in phone numbers carry no identity, and a phone number is written in E.164
 * however it was typed: "+375 29 …", "375 29 …", "00375 29 …" and, where the election names
 * its country, "8 029 …" are one voter. A number no plan recognises keeps its digits.
 */
export function normalizeVoterToken(kind: TVoterKind, token: string, country?: string | null): string | undefined {
  if (kind === 'phone') return normalizePhone(token, country ?? null);
  const text = token.trim();
  const normalized = kind === 'code' ? normalizeCode(text) : text;
  return patterns[kind].test(normalized) ? normalized : undefined;
}

/**
 * An invitation code as it was issued: printed in groups and read aloud, so spaces and dashes
 * carry nothing, case carries nothing, and the letters Crockford's alphabet leaves out for
 * looking like digits (O, I, L) are the digits they look like.
 */
export function normalizeCode(text: string): string {
  return text.replace(/[\s-]/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
}

function normalizePhone(token: string, country: string | null): string | undefined {
  const typed = token.replace(/[\s().-]/g, '').replace(/^00/, '+');
  if (!patterns.phone.test(typed)) return undefined;
  const region = country && isSupportedCountry(country) ? (country as CountryCode) : undefined;
  const candidates = typed.startsWith('+') ? [typed] : [typed, `+${typed}`];
  for (const text of candidates) {
    const parsed = parsePhoneNumberFromString(text, region);
    if (parsed?.isValid()) return parsed.number;
  }
  return typed.startsWith('+') ? typed : `+${typed}`;
}

/**
 * The keyed hash that stands for a voter. Scoped to the election, so the same person in two
 * elections cannot be linked, and keyed with a secret kept outside the database, so a copy
 * of the database alone cannot be searched by phone number.
 */
export function pseudonymizeVoter(secret: Buffer, electionCode: string, kind: TVoterKind, normalized: string): Buffer {
  return createHmac('sha256', secret).update(`${electionCode}\n${kind}\n${normalized}`).digest();
}

export const ZVoterKind = z.enum(voterKinds);
