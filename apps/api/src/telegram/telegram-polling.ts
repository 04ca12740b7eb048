import type { Db } from '@crosstally/shared';
import type { Bot } from 'grammy';
import type { Logger } from 'pino';
import { handleTelegramUpdate } from './telegram-updates.js';

/**
 * Long polling, for running the bot where Telegram cannot reach a webhook (a laptop, a test
 * bench): getUpdates in a loop, each update through the very handler the webhook uses (claimed
 * once by its update_id, the same answers). grammY's own bot.start() is not used because it
 * would skip that claim. An update is confirmed to Telegram (the next offset) only once it is
 * handled; one that cannot be handled now is asked for again after a pause, never skipped.
 */
export function startTelegramPolling(
  deps: { db: Db; bot: Bot; ready: () => Promise<void>; log: Logger },
  options: { timeoutSeconds?: number; retryMs?: number } = {},
): { stop: () => Promise<void> } {
  const timeout = options.timeoutSeconds ?? 30;
  const retryMs = options.retryMs ?? 2000;
  const abort = new AbortController();
  // grammY types its signal with a polyfill's AbortSignal; Node's is the same at run time.
  const signal = abort.signal as Parameters<Bot['api']['getUpdates']>[1];
  let offset: number | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      abort.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  const loop = (async () => {
    let webhookDeleted = false;
    while (!abort.signal.aborted) {
      try {
        // Telegram refuses getUpdates while a webhook is set: polling replaces it.
        if (!webhookDeleted) {
          await deps.bot.api.deleteWebhook({ drop_pending_updates: false }, signal);
          webhookDeleted = true;
        }
        const updates = await deps.bot.api.getUpdates(
          { ...(offset === undefined ? {} : { offset }), timeout, allowed_updates: ['message', 'callback_query'] },
          signal,
        );
        for (const update of updates) {
          await handleTelegramUpdate(deps, update);
          offset = update.update_id + 1;
        }
      } catch (error) {
        if (abort.signal.aborted) break;
        deps.log.warn({ err: error }, 'telegram polling: will ask again');
        await pause(retryMs);
      }
    }
  })();
  return {
    stop: async () => {
      abort.abort();
      await loop;
    },
  };
}
