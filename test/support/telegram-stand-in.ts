import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TBotApiCall = { method: string; body: Record<string, unknown> };

/**
 * A local stand-in for Telegram's Bot API (https://core.telegram.org/bots/api), reached by
 * grammY through `apiRoot`: the real service cannot be reached from the test machine. It
 * answers the methods the bot calls in the official response shapes ({ ok, result }) and
 * records every call. A wrong token is refused as Telegram refuses it (401).
 */
export async function startBotApiStandIn(token: string): Promise<{
  url: string;
  calls: TBotApiCall[];
  /** Serves `bytes` as the file `fileId` (getFile, then its download link). */
  addFile: (fileId: string, bytes: Buffer) => void;
  sent: () => { chat_id: number; text: string; reply_markup?: Record<string, unknown> }[];
  /** Queues an update for getUpdates (long polling), as Telegram holds them for a bot. */
  pushUpdate: (update: Record<string, unknown>) => void;
  close: () => Promise<void>;
}> {
  const calls: TBotApiCall[] = [];
  const files = new Map<string, Buffer>();
  // Updates not yet confirmed by an offset past them, and long polls waiting for one.
  let pending: Record<string, unknown>[] = [];
  const waiting = new Set<() => void>();
  const wake = () => {
    for (const resolve of waiting) resolve();
    waiting.clear();
  };
  let messageId = 1000;
  const server: Server = createServer((request, response) => void serve(request, response));
  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    // A file's download link: https://api.telegram.org/file/bot<token>/<file_path>.
    const download = /^\/file\/bot([^/]+)\/files\/(.+)$/.exec(request.url ?? '');
    if (download) {
      const bytes = download[1] === token ? files.get(decodeURIComponent(download[2]!)) : undefined;
      if (!bytes) return answer(404, { ok: false, error_code: 404, description: 'Not Found' });
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
      response.end(bytes);
      return;
    }
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.url ?? '');
    if (!match) return answer(404, { ok: false, error_code: 404, description: 'Not Found' });
    if (match[1] !== token) return answer(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2]!;
    const body = await readJson(request);
    calls.push({ method, body });
    switch (method) {
      case 'getMe':
        return answer(200, {
          ok: true,
          result: {
            id: 777000777,
            is_bot: true,
            first_name: 'CrossTally',
            username: 'crosstally_test_bot',
            can_join_groups: false,
            can_read_all_group_messages: false,
            supports_inline_queries: false,
          },
        });
      case 'sendMessage':
        return answer(200, {
          ok: true,
          result: {
            message_id: ++messageId,
            from: { id: 777000777, is_bot: true, first_name: 'CrossTally', username: 'crosstally_test_bot' },
            chat: { id: body.chat_id, type: 'private' },
            date: Math.floor(Date.now() / 1000),
            text: body.text,
          },
        });
      case 'answerCallbackQuery':
      case 'deleteWebhook':
        return answer(200, { ok: true, result: true });
      case 'getUpdates': {
        // An offset confirms every update before it; then what is left, or a wait of at most
        // `timeout` seconds (capped here at 5) for one to come.
        const offset = typeof body.offset === 'number' ? body.offset : undefined;
        if (offset !== undefined) pending = pending.filter((u) => (u.update_id as number) >= offset);
        if (pending.length === 0) {
          const seconds = Math.min(5, Number(body.timeout ?? 0));
          await new Promise<void>((resolve) => {
            const timer = setTimeout(() => (waiting.delete(done), resolve()), seconds * 1000);
            const done = () => (clearTimeout(timer), resolve());
            waiting.add(done);
          });
        }
        return answer(200, { ok: true, result: pending.slice(0, 100) });
      }
      case 'getFile': {
        const fileId = String(body.file_id);
        const bytes = files.get(fileId);
        if (!bytes) return answer(400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
        return answer(200, {
          ok: true,
          result: {
            file_id: fileId,
            file_unique_id: `u${fileId}`,
            file_size: bytes.length,
            file_path: `files/${fileId}`,
          },
        });
      }
      default:
        return answer(400, {
          ok: false,
          error_code: 400,
          description: `Bad Request: method ${method} not in the stand-in`,
        });
    }
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    addFile: (fileId, bytes) => files.set(fileId, bytes),
    pushUpdate: (update) => {
      pending.push(update);
      wake();
    },
    sent: () =>
      calls
        .filter((c) => c.method === 'sendMessage')
        .map((c) => c.body as { chat_id: number; text: string; reply_markup?: Record<string, unknown> }),
    close: () => {
      wake();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { raw: text };
  }
}
