import { z } from 'zod';
import { crc32Hex } from '../crc32.js';
import { identityKinds, type TIdentityKind } from '../vocabulary.js';
import { defaultPolicy, type TPolicy } from './engine-types.js';

const ZShare = z.number().min(0).max(1);

/**
 * A policy as people write it (the election JSON's `policy`, the admin API, the CLI): any
 * part of it, merged over the defaults. Objects are strict, so a misspelt key is refused
 * with its name instead of silently meaning the default.
 */
export const ZPolicyInput = z.strictObject({
  /** A name for the policy; the id every finding records is this name and a digest of the rules. */
  name: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,40}$/, '1–40 letters, digits, ".", "_" or "-"')
    .optional(),
  verification: z
    .strictObject({
      /** The identity kinds that may count as verified voters. */
      identities: z.array(z.enum(identityKinds)).max(identityKinds.length).optional(),
      ballotPhotoRequired: z.boolean().optional(),
      ballotPhotoUnique: z.boolean().optional(),
      /** How many people must agree that a ballot photo shows a vote for the report's candidate. */
      ballotChecks: z.number().int().min(0).max(3).optional(),
    })
    .optional(),
  sybil: z
    .strictObject({
      windowMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .optional(),
      freshMinutes: z
        .number()
        .int()
        .min(0)
        .max(30 * 24 * 60)
        .optional(),
      burstReports: z.number().int().min(0).max(1_000_000).optional(),
      burstShare: ZShare.optional(),
      unverifiedReports: z.number().int().min(0).max(1_000_000).optional(),
      unverifiedShare: ZShare.optional(),
    })
    .optional(),
  trustedPartners: z.array(z.string().min(1).max(200)).max(100).optional(),
  minGap: z.number().int().min(1).max(1_000_000).optional(),
  minOcrConfidence: ZShare.optional(),
  publicationThreshold: z.number().int().min(1).max(1000).optional(),
});
export type TPolicyInput = z.infer<typeof ZPolicyInput>;

/**
 * The whole policy: the input over the defaults. Its id is the default's when nothing
 * differs from it; otherwise the name (or "custom") and a digest of the rules, so that two
 * different policies never share an id, whatever their authors called them.
 */
export function resolvePolicy(input: TPolicyInput): TPolicy {
  const rules = {
    verification: {
      ...defaultPolicy.verification,
      ...input.verification,
      identities: sortedKinds(input.verification?.identities ?? defaultPolicy.verification.identities),
    },
    sybil: { ...defaultPolicy.sybil, ...input.sybil },
    trustedPartners: [...new Set(input.trustedPartners ?? defaultPolicy.trustedPartners)].sort(),
    minGap: input.minGap ?? defaultPolicy.minGap,
    minOcrConfidence: input.minOcrConfidence ?? defaultPolicy.minOcrConfidence,
    publicationThreshold: input.publicationThreshold ?? defaultPolicy.publicationThreshold,
  };
  if (!input.name && rulesText(rules) === rulesText(defaultPolicy)) return defaultPolicy;
  return { id: `${input.name ?? 'custom'}/${crc32Hex(rulesText(rules)).toLowerCase()}`, ...rules };
}

/**
 * The policy an election holds in its column (the input it was set with): null is the
 * default, and a partial policy written by hand means its defaults, never a crash or a
 * threshold of NaN. An `id` there is ignored: it is made again from the rules. A policy that
 * is not valid stops the work that needs it with a message naming the field.
 */
export function storedPolicy(stored: unknown): TPolicy {
  if (stored === null || stored === undefined) return defaultPolicy;
  const rest = { ...(typeof stored === 'object' ? stored : { value: stored }) } as Record<string, unknown>;
  delete rest.id;
  const parsed = ZPolicyInput.safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`the election's stored policy is not valid: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return resolvePolicy(parsed.data);
}

function rulesText(p: Omit<TPolicy, 'id'>): string {
  return JSON.stringify([
    sortedKinds(p.verification.identities),
    p.verification.ballotPhotoRequired,
    p.verification.ballotPhotoUnique,
    p.verification.ballotChecks,
    [
      p.sybil.windowMinutes,
      p.sybil.freshMinutes,
      p.sybil.burstReports,
      p.sybil.burstShare,
      p.sybil.unverifiedReports,
      p.sybil.unverifiedShare,
    ],
    [...p.trustedPartners].sort(),
    p.minGap,
    p.minOcrConfidence,
    p.publicationThreshold,
  ]);
}

/** Kinds once each, in the vocabulary's order: the same set is always written the same way. */
function sortedKinds(kinds: readonly TIdentityKind[]): TIdentityKind[] {
  return identityKinds.filter((k) => kinds.includes(k));
}
