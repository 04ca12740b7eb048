import type { Db } from '@crosstally/shared';
import { BotError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { AppError } from '../errors.js';
import { claimTelegramUpdate, releaseTelegramUpdate } from '../repositories/telegram.repository.js';

/**
 * Handles one update from Telegram's webhook, once: Telegram delivers an update again when it
 * thinks the first delivery failed, so its id is claimed first and a redelivery changes
 * nothing. A refusal of what the voter sent (a 4xx) is final: delivering it again would be
 * refused again. Any other failure (Telegram's API unreachable for the answer, the database
 * away) releases the claim and answers 503, so Telegram delivers the update again later.
 */
export async function handleTelegramUpdate(
  deps: { db: Db; bot: Bot; ready: () => Promise<void> },
  update: Update,
): Promise<{ handled: boolean; refused?: string }> {
  if (!(await claimTelegramUpdate(deps.db, update.update_id))) return { handled: false };
  try {
    await deps.ready();
    await deps.bot.handleUpdate(update);
    return { handled: true };
  } catch (thrown) {
    const error = thrown instanceof BotError ? thrown.error : thrown;
    if (error instanceof AppError && error.status < 500) return { handled: true, refused: error.message };
    await releaseTelegramUpdate(deps.db, update.update_id).catch(() => undefined);
    throw new AppError('unavailable', 'the update could not be handled now; Telegram will deliver it again');
  }
}
