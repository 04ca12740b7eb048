import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Bot, type Context } from 'grammy';
import type { InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from 'grammy/types';
import { converse, type TBotDeps, type TIncoming, type TReply } from './conversation.js';

/**
 * The Telegram face: reads what the voter did off an update, asks the conversation, and
 * answers. `apiRoot` is Telegram's Bot API (or, in tests, a local stand-in speaking its
 * protocol).
 */
export function createTelegramBot(token: string, apiRoot: string, deps: TBotDeps): Bot {
  // One kept-alive connection pool for every answer, instead of a TCP (and TLS) handshake each.
  const agent = apiRoot.startsWith('https:') ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const bot = new Bot(token, { client: { apiRoot, baseFetchConfig: { agent, compress: true } } });
  const answer = async (ctx: Context, incoming: TIncoming) => {
    if (!ctx.chat) return;
    // Only private chats: in a group, everyone would see each other's votes.
    if (ctx.chat.type !== 'private') return;
    const replies = await converse(deps, ctx.chat.id, ctx.from?.language_code, incoming);
    for (const r of replies) await ctx.reply(r.text, { reply_markup: markupOf(r) });
  };
  bot.command('start', (ctx) => answer(ctx, { kind: 'start' }));
  bot.command('language', (ctx) => answer(ctx, { kind: 'choose_language' }));
  bot.command('protocol', (ctx) => answer(ctx, { kind: 'protocol' }));
  bot.on('message:contact', (ctx) => {
    const { contact } = ctx.message;
    // A forwarded or picked contact is someone else's: only the sender's own card confirms them.
    const own = contact.user_id !== undefined && contact.user_id === ctx.from.id;
    return answer(ctx, { kind: 'contact', phone: contact.phone_number, own });
  });
  bot.on('message:text', (ctx) => answer(ctx, { kind: 'text', text: ctx.message.text }));
  bot.on('message:photo', (ctx) => {
    // Telegram sends a photo in several sizes, largest last: the largest is the evidence.
    const largest = ctx.message.photo.at(-1)!;
    return answer(ctx, { kind: 'photo', fileId: largest.file_id, fileSize: largest.file_size ?? null, mime: null });
  });
  bot.on('message:document', (ctx) => {
    const { file_id, file_size, mime_type } = ctx.message.document;
    return answer(ctx, { kind: 'photo', fileId: file_id, fileSize: file_size ?? null, mime: mime_type ?? '' });
  });
  bot.on('callback_query:data', async (ctx) => {
    await ctx.answerCallbackQuery();
    const data = ctx.callbackQuery.data;
    const value = data.slice(2);
    if (data.startsWith('s:')) return answer(ctx, { kind: 'station', code: value });
    if (data.startsWith('c:')) return answer(ctx, { kind: 'candidate', key: value });
    if (data.startsWith('l:')) return answer(ctx, { kind: 'language', lang: value });
  });
  return bot;
}

function markupOf(reply: TReply): ReplyKeyboardMarkup | InlineKeyboardMarkup | ReplyKeyboardRemove {
  if (reply.shareContact) {
    return {
      keyboard: [[{ text: reply.shareContact, request_contact: true }]],
      resize_keyboard: true,
      one_time_keyboard: true,
    };
  }
  if (reply.choices) return { inline_keyboard: reply.choices.map((c) => [{ text: c.text, callback_data: c.data }]) };
  return { remove_keyboard: true };
}
