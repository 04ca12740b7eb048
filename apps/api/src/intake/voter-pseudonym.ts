import { createHmac } from 'node:crypto';
import { z } from 'zod';

export const voterKinds = ['phone', 'bot', 'code'] as const;
export type TVoterKind = (typeof voterKinds)[number];

const patterns: Record<TVoterKind, RegExp> = {
  phone: /^\+?[0-9]{7,15}$/,
  bot: /^[A-Za-z0-9_.:-]{1,128}$/,
  code: /^[A-Za-z0-9-]{6,64}$/,
};

/** Spaces, dashes, dots and brackets people type in phone numbers carry no identity. */
export function normalizeVoterToken(kind: TVoterKind, token: string): string | undefined {
  const text = kind === 'phone' ? token.replace(/[\s().-]/g, '') : token.trim();
  const normalized = kind === 'code' ? text.toUpperCase() : text;
  return patterns[kind].test(normalized) ? normalized : undefined;
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
