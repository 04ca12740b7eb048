import { readFileSync } from 'node:fs';

const fixtures = new URL('../fixtures/telegram/', import.meta.url);
let nextUpdateId = 200_000_000;

type TJson = Record<string, unknown>;
export type TFixture = 'start' | 'contact-own' | 'contact-forwarded' | 'text' | 'callback' | 'photo' | 'document';

/**
 * A recorded update (test/fixtures/telegram) with a fresh update_id, from another user when
 * `user` is given (their chat is their id, as in a private chat), and its text, contact
 * number, language or callback data changed.
 */
export function telegramUpdate(
  fixture: TFixture,
  change: {
    user?: number;
    lang?: string;
    text?: string;
    phone?: string;
    data?: string;
    updateId?: number;
    /** The file: the largest photo's, or the document's; its size and (document) type. */
    file?: { id: string; size?: number; mime?: string };
  } = {},
): TJson {
  const update = JSON.parse(readFileSync(new URL(`${fixture}.json`, fixtures), 'utf8')) as TJson;
  update.update_id = change.updateId ?? ++nextUpdateId;
  const body = (update.message ?? update.callback_query) as TJson;
  const from = body.from as TJson;
  const chat = ((body.chat ?? (body.message as TJson).chat) as TJson) ?? {};
  if (change.user !== undefined) {
    const sameContact = (body.contact as TJson | undefined)?.user_id === from.id;
    from.id = change.user;
    chat.id = change.user;
    if (sameContact) (body.contact as TJson).user_id = change.user;
  }
  if (change.lang !== undefined) from.language_code = change.lang;
  if (change.text !== undefined) {
    body.text = change.text;
    // A command's entity spans the command, as Telegram marks it (grammY matches on it).
    const command = (body.entities as TJson[] | undefined)?.find((e) => e.type === 'bot_command' && e.offset === 0);
    if (command) command.length = change.text.split(/\s/)[0]!.length;
  }
  if (change.phone !== undefined) (body.contact as TJson).phone_number = change.phone;
  if (change.data !== undefined) body.data = change.data;
  if (change.file !== undefined) {
    const photos = body.photo as TJson[] | undefined;
    const target = photos ? photos[photos.length - 1]! : (body.document as TJson);
    target.file_id = change.file.id;
    if (change.file.size !== undefined) target.file_size = change.file.size;
    if (change.file.mime !== undefined) target.mime_type = change.file.mime;
  }
  return update;
}
