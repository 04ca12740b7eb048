import { z } from 'zod';

const ZLogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Settings both processes read; each app extends this with its own. */
export const ZCommonEnv = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://postgres@127.0.0.1:5432/crosstally'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  STORAGE_DIR: z.string().min(1).optional(),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ or - only')
    .default('crosstally'),
  LOG_LEVEL: ZLogLevel.default('info'),
});

/** One line naming every bad variable: the process stops on it before doing anything. */
export function formatEnvError(error: z.ZodError): string {
  const parts = error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  return `invalid configuration: ${parts.join('; ')}`;
}

export const ZIntFromEnv = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
