import type { TTelegramStep } from '@crosstally/shared';
import type { DbOrTrx } from './election.repository.js';

export type TChatState = {
  lang: 'be' | 'ru' | 'en';
  voterHash: Buffer | null;
  step: TTelegramStep;
  stationCode: string | null;
  candidateKey: string | null;
};

/** Marks an update handled; false when it was already (a redelivery). */
export async function claimTelegramUpdate(db: DbOrTrx, updateId: number): Promise<boolean> {
  const row = await db
    .insertInto('telegram_update')
    .values({ update_id: String(updateId) })
    .onConflict((oc) => oc.column('update_id').doNothing())
    .returning('update_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Forgets an update whose handling failed, so Telegram's redelivery is handled. */
export async function releaseTelegramUpdate(db: DbOrTrx, updateId: number): Promise<void> {
  await db.deleteFrom('telegram_update').where('update_id', '=', String(updateId)).execute();
}

export async function findChatState(db: DbOrTrx, chatKey: Buffer): Promise<TChatState | undefined> {
  const row = await db
    .selectFrom('telegram_chat')
    .select(['lang', 'voter_hash', 'step', 'station_code', 'candidate_key'])
    .where('chat_key', '=', chatKey)
    .executeTakeFirst();
  return (
    row && {
      lang: row.lang,
      voterHash: row.voter_hash,
      step: row.step,
      stationCode: row.station_code,
      candidateKey: row.candidate_key,
    }
  );
}

export async function saveChatState(db: DbOrTrx, chatKey: Buffer, state: TChatState): Promise<void> {
  const values = {
    lang: state.lang,
    voter_hash: state.voterHash,
    step: state.step,
    station_code: state.stationCode,
    candidate_key: state.candidateKey,
  };
  await db
    .insertInto('telegram_chat')
    .values({ chat_key: chatKey, ...values })
    .onConflict((oc) => oc.column('chat_key').doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}
