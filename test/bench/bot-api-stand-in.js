// A stand-in for Telegram's Bot API for the bench: the bot's answers go here on loopback, so
// the webhook's cost includes its call out, as it would with Telegram (less the network).
import { createServer } from 'node:http';

const me = { id: 777000777, is_bot: true, first_name: 'CrossTally', username: 'crosstally_bench_bot' };

/** @returns {Promise<{ url: string, close: () => Promise<void> }>} */
export async function startBotApiStandIn() {
  let messageId = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const method = /\/(\w+)$/.exec(request.url ?? '')?.[1];
      const result =
        method === 'getMe'
          ? me
          : method === 'sendMessage'
            ? { message_id: ++messageId, date: 0, chat: { id: 1, type: 'private' } }
            : true;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: true, result }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
