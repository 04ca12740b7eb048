import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * A chat id sealed for the one job that must answer it later (after the bot fetched a photo):
 * AES-256-GCM under a key derived from the API's secret, so the outbox and Redis hold no chat
 * id a copy of the database could read.
 */
function keyOf(secret: Buffer): Buffer {
  return createHmac('sha256', secret).update('telegram-chat-seal').digest();
}

export function sealChat(secret: Buffer, chatId: number): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const sealed = Buffer.concat([cipher.update(String(chatId), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The chat id, or undefined when the seal was not made with this secret or was altered. */
export function openChat(secret: Buffer, sealed: string): number | undefined {
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length < 29) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    const text = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    const id = Number(text);
    return Number.isSafeInteger(id) ? id : undefined;
  } catch {
    return undefined;
  }
}
