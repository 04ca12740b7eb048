import { sql } from 'kysely';
import type { DbOrTrx } from './election.repository.js';

export type TChatState = {
  lang: 'be' | 'ru' | 'en';
  voterHash: Buffer | null;
  stationCode: string | null;
  candidateKey: string | null;
  photoFor: 'ballot' | 'protocol';
};

/**
 * Claims an update for handling: 'claimed' for a new one, or for one whose earlier claim was
 * left unhandled longer than `staleMs` (its process died half-way); 'handled' for a redelivery
 * of one already handled; 'busy' while another request is handling it.
 */
export async function claimTelegramUpdate(
  db: DbOrTrx,
  updateId: number,
  staleMs: number,
): Promise<'claimed' | 'handled' | 'busy'> {
  const id = String(updateId);
  const claimed = await db
    .insertInto('telegram_update')
    .values({ update_id: id })
    .onConflict((oc) =>
      oc
        .column('update_id')
        .doUpdateSet({ received_at: sql`now()` })
        .where('telegram_update.handled_at', 'is', null)
        .where(sql<boolean>`telegram_update.received_at < now() - make_interval(secs => ${staleMs / 1000})`),
    )
    .returning('update_id')
    .executeTakeFirst();
  if (claimed) return 'claimed';
  const row = await db
    .selectFrom('telegram_update')
    .select('handled_at')
    .where('update_id', '=', id)
    .executeTakeFirst();
  return row?.handled_at ? 'handled' : 'busy';
}

/** Marks a claimed update handled: a redelivery of it changes nothing from now on. */
export async function markTelegramUpdateHandled(db: DbOrTrx, updateId: number): Promise<void> {
  await db
    .updateTable('telegram_update')
    .set({ handled_at: new Date() })
    .where('update_id', '=', String(updateId))
    .execute();
}

/** Forgets an update whose handling failed, so Telegram's redelivery is handled. */
export async function releaseTelegramUpdate(db: DbOrTrx, updateId: number): Promise<void> {
  await db.deleteFrom('telegram_update').where('update_id', '=', String(updateId)).execute();
}

export async function findChatState(db: DbOrTrx, chatKey: Buffer): Promise<TChatState | undefined> {
  const row = await db
    .selectFrom('telegram_chat')
    .select(['lang', 'voter_hash', 'station_code', 'candidate_key', 'photo_for'])
    .where('chat_key', '=', chatKey)
    .executeTakeFirst();
  return (
    row && {
      lang: row.lang,
      voterHash: row.voter_hash,
      stationCode: row.station_code,
      candidateKey: row.candidate_key,
      photoFor: row.photo_for,
    }
  );
}

export async function saveChatState(db: DbOrTrx, chatKey: Buffer, state: TChatState): Promise<void> {
  const values = {
    lang: state.lang,
    voter_hash: state.voterHash,
    station_code: state.stationCode,
    candidate_key: state.candidateKey,
    photo_for: state.photoFor,
  };
  await db
    .insertInto('telegram_chat')
    .values({ chat_key: chatKey, ...values })
    .onConflict((oc) => oc.column('chat_key').doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}
