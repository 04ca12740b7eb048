import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Update } from 'grammy/types';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { handleTelegramUpdate } from '../../telegram/telegram-updates.js';
import { errorResponses } from '../error-responses.js';

const errors = errorResponses(400, 401, 503);

/**
 * Telegram's webhook: Telegram posts each update here with the secret given to setWebhook in
 * X-Telegram-Bot-Api-Secret-Token; anything else is refused before the body is looked at.
 * Registered only when the bot is configured to be reached by its webhook.
 */
export async function telegramRoutes(app: FastifyInstance): Promise<void> {
  const { telegram, db, config } = app.deps;
  // Polling asks Telegram itself; a webhook route beside it would be a second way in.
  if (!telegram || config.telegram?.mode !== 'webhook') return;
  const expected = Buffer.from(telegram.webhookSecret);
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post('/v1/telegram/webhook', {
    onRequest: async (request) => {
      const given = Buffer.from(String(request.headers['x-telegram-bot-api-secret-token'] ?? ''));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new AppError('unauthorized', 'X-Telegram-Bot-Api-Secret-Token: missing or wrong');
      }
    },
    schema: {
      summary: "Telegram's webhook (an Update of the Bot API); needs X-Telegram-Bot-Api-Secret-Token",
      tags: ['telegram'],
      body: z.looseObject({ update_id: z.number().int().nonnegative() }),
      response: { 200: z.object({ ok: z.literal(true), duplicate: z.boolean() }), ...errors },
    },
    handler: async (request, reply) => {
      const outcome = await handleTelegramUpdate(
        { db, bot: telegram.bot, ready: telegram.ready },
        request.body as unknown as Update,
      );
      if (outcome.refused) request.log.info({ refused: outcome.refused }, 'telegram update refused');
      return reply.send({ ok: true, duplicate: !outcome.handled });
    },
  });
}
