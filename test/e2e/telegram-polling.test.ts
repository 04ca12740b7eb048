import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translate } from '@crosstally/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionCode } from '../support/election-fixture.js';
import { waitUntil } from '../support/processes.js';
import { startBotApiStandIn } from '../support/telegram-stand-in.js';
import { telegramUpdate } from '../support/telegram-updates.js';
import { createTestApi, type TTestApi } from '../support/test-api.js';
import { setupWebElection } from '../support/web-election.js';

// The bot by long polling, for local use where Telegram cannot reach a webhook: the API asks
// a local stand-in for Telegram's Bot API (the real service cannot be reached from here; the
// stand-in answers getUpdates in its official shape) and handles each update as the webhook
// would, once.
const token = '123456789:AApolling-token-for-the-stand-in';
let api: TTestApi;
let telegram: Awaited<ReturnType<typeof startBotApiStandIn>>;
let secretDir: string;

beforeAll(async () => {
  telegram = await startBotApiStandIn(token);
  secretDir = await mkdtemp(join(tmpdir(), 'crosstally-bot-polling-'));
  await writeFile(join(secretDir, 'token'), `${token}\n`, { mode: 0o600 });
  api = await createTestApi({
    TELEGRAM_TOKEN_FILE: join(secretDir, 'token'),
    TELEGRAM_ELECTION: electionCode,
    TELEGRAM_API_ROOT: telegram.url,
    TELEGRAM_MODE: 'polling',
  });
  await setupWebElection(api);
});
afterAll(async () => {
  await api?.close();
  await telegram?.close();
  await rm(secretDir, { recursive: true, force: true });
});

const be = (key: Parameters<typeof translate>[0]['key']) => translate({ key }, 'be');
const to = (chat: number) => telegram.sent().filter((m) => m.chat_id === chat);

describe('the Telegram bot by long polling', () => {
  it('takes updates from getUpdates, answers each once, and has no webhook route', async () => {
    const user = 5550009009;
    const start = telegramUpdate('start', { user });
    // Telegram gives an update again until an offset past it confirms it (after a restart
    // half-way, say): the same update twice in one batch is answered once.
    telegram.pushUpdate(start);
    telegram.pushUpdate(start);
    await waitUntil(async () => to(user).length === 1, 15_000);
    expect(to(user)[0]!.text).toBe(be('bot.welcome'));
    telegram.pushUpdate(telegramUpdate('contact-own', { user }));
    await waitUntil(async () => to(user).length === 2, 15_000);
    expect(to(user)[1]!.text).toBe(be('bot.askStation'));
    expect(to(user)).toHaveLength(2);
    // Polling replaced any webhook, and confirmed what it handled.
    const methods = telegram.calls.map((c) => c.method);
    expect(methods.indexOf('deleteWebhook')).toBeLessThan(methods.indexOf('getUpdates'));
    await waitUntil(
      async () =>
        telegram.calls.some(
          (c) => c.method === 'getUpdates' && (c.body.offset as number) > (start.update_id as number),
        ),
      15_000,
    );
    const webhook = await api.app.inject({ method: 'POST', url: '/v1/telegram/webhook', payload: start });
    expect(webhook.statusCode).toBe(404);
  });
});
