import type { Db } from '@crosstally/shared';
import { BotError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { AppError } from '../errors.js';
import {
  claimTelegramUpdate,
  markTelegramUpdateHandled,
  releaseTelegramUpdate,
} from '../repositories/telegram.repository.js';

/** A claim older than this and not handled was left by a process that died: taken over. */
const staleClaimMs = 60_000;

/**
 * Handles one update from Telegram's webhook, once: Telegram delivers an update again when it
 * thinks the first delivery failed, so its id is claimed first and a redelivery changes
 * nothing. A refusal of what the voter sent (a 4xx) is final: delivering it again would be
 * refused again. Any other failure (Telegram's API unreachable for the answer, the database
 * away) releases the claim and answers 503, so Telegram delivers the update again later; so
 * does a redelivery that arrives while the first delivery is still being handled. A claim left
 * by a process that died half-way is taken over by the next delivery, never lost.
 */
export async function handleTelegramUpdate(
  deps: { db: Db; bot: Bot; ready: () => Promise<void> },
  update: Update,
): Promise<{ handled: boolean; refused?: string }> {
  const claim = await claimTelegramUpdate(deps.db, update.update_id, staleClaimMs);
  if (claim === 'handled') return { handled: false };
  if (claim === 'busy')
    throw new AppError('unavailable', 'this update is being handled; Telegram will deliver it again');
  try {
    await deps.ready();
    await deps.bot.handleUpdate(update);
    await markTelegramUpdateHandled(deps.db, update.update_id);
    return { handled: true };
  } catch (thrown) {
    const error = thrown instanceof BotError ? thrown.error : thrown;
    if (error instanceof AppError && error.status < 500) {
      await markTelegramUpdateHandled(deps.db, update.update_id);
      return { handled: true, refused: error.message };
    }
    await releaseTelegramUpdate(deps.db, update.update_id).catch(() => undefined);
    throw new AppError('unavailable', 'the update could not be handled now; Telegram will deliver it again');
  }
}
