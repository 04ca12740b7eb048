import { createHmac, randomUUID } from 'node:crypto';
import { enqueueJob, isLanguage, translate, type Db, type TLanguage, type TMessageKey } from '@crosstally/shared';
import type { RegistryCache } from '../elections/registry-cache.js';
import { findElectionOrFail } from '../elections/find-election.js';
import { AppError } from '../errors.js';
import type { SelfReportIntake } from '../intake/self-report-intake.js';
import { confirmedPhoneIdentity } from '../intake/voter-identity.js';
import { findChatState, saveChatState, type TChatState } from '../repositories/telegram.repository.js';
import type { StationSearch } from '../stations/station-search.js';
import { sealChat } from './sealed-chat.js';

export type TBotDeps = {
  db: Db;
  registry: RegistryCache;
  search: StationSearch;
  selfReports: SelfReportIntake;
  secret: Buffer;
  /** The election the bot takes statements for. */
  election: string;
};

/** What a voter did, as the bot's face read it off a Telegram update. */
export type TIncoming =
  | { kind: 'start' }
  | { kind: 'choose_language' }
  | { kind: 'language'; lang: string }
  /** `own`: the contact is the sender's (contact.user_id equals from.id). */
  | { kind: 'contact'; phone: string; own: boolean }
  | { kind: 'text'; text: string }
  | { kind: 'station'; code: string }
  | { kind: 'candidate'; key: string }
  /** /protocol: the next photo is the station's result protocol, not the ballot. */
  | { kind: 'protocol' }
  /** A photo or an image file; `mime` null for a photo (Telegram re-encodes those as JPEG). */
  | { kind: 'photo'; fileId: string; fileSize: number | null; mime: string | null };

/** What the bot answers: text, and the buttons under it. */
export type TReply = {
  text: string;
  /** A one-button keyboard that shares the sender's own contact. */
  shareContact?: string;
  /** Buttons under the message; `data` comes back as a callback. */
  choices?: { text: string; data: string }[];
};

const maxChoices = 6;
const maxCallbackBytes = 64;

/**
 * The bot's conversation with one chat, the same steps as the web's vote form: confirm the
 * phone number (the account's own contact), find the station (its code, or a word of its name
 * or address in either spelling), choose the candidate; the statement is recorded through the
 * same use case as the web's, as confirmed. The chat is known only by a keyed hash.
 */
export async function converse(
  deps: TBotDeps,
  chatId: number,
  languageCode: string | undefined,
  incoming: TIncoming,
): Promise<TReply[]> {
  const chatKey = chatKeyOf(deps.secret, chatId);
  const state: TChatState = (await findChatState(deps.db, chatKey)) ?? {
    lang: languageOf(languageCode),
    voterHash: null,
    stationCode: null,
    candidateKey: null,
    photoFor: 'ballot',
  };
  const replies = await step(deps, state, chatId, incoming);
  await saveChatState(deps.db, chatKey, state);
  return replies;
}

/** The keyed hash a chat is known by: its id is never stored. */
export function chatKeyOf(secret: Buffer, chatId: number): Buffer {
  return createHmac('sha256', secret).update(`telegram-chat\n${chatId}`).digest();
}

function languageOf(code: string | undefined): TLanguage {
  const primary = (code ?? '').slice(0, 2).toLowerCase();
  return isLanguage(primary) ? primary : 'en';
}

async function step(deps: TBotDeps, state: TChatState, chatId: number, incoming: TIncoming): Promise<TReply[]> {
  const t = (key: TMessageKey, params?: Record<string, string | number>) =>
    translate({ key, ...(params ? { params } : {}) }, state.lang);
  const askContact = (key: TMessageKey): TReply[] => [{ text: t(key), shareContact: t('bot.shareContact') }];
  switch (incoming.kind) {
    case 'start':
      if (state.voterHash) return [{ text: t('bot.askStation') }];
      return askContact('bot.welcome');
    case 'choose_language':
      return [
        {
          text: t('bot.chooseLanguage'),
          choices: [
            { text: 'Беларуская', data: 'l:be' },
            { text: 'Русский', data: 'l:ru' },
            { text: 'English', data: 'l:en' },
          ],
        },
      ];
    case 'language':
      if (isLanguage(incoming.lang)) state.lang = incoming.lang;
      return [{ text: t('bot.language') }];
    case 'contact': {
      if (!incoming.own) return askContact('bot.notYourContact');
      const { election } = await findElectionOrFail(deps.registry, deps.election);
      const identity = confirmedPhoneIdentity(deps.secret, election, incoming.phone);
      if (!identity) return askContact('bot.badPhone');
      state.voterHash = identity.hash;
      return [{ text: t('bot.askStation') }];
    }
    case 'text':
      if (!state.voterHash) return askContact('bot.startFirst');
      return findStation(deps, state, incoming.text, t);
    case 'station':
      if (!state.voterHash) return askContact('bot.startFirst');
      return findStation(deps, state, incoming.code, t);
    case 'candidate':
      return recordStatement(deps, state, incoming.key, t);
    case 'protocol':
      if (!state.voterHash) return askContact('bot.startFirst');
      if (!state.stationCode) return [{ text: t('bot.protocolStationFirst') }];
      state.photoFor = 'protocol';
      return [{ text: t('bot.askProtocol', { station: state.stationCode }) }];
    case 'photo':
      return state.photoFor === 'protocol'
        ? takeProtocol(deps, state, chatId, incoming, t)
        : takeBallot(deps, state, chatId, incoming, t);
  }
}

/** Telegram's bots may download files of up to 20 MB. */
export const maxTelegramFileBytes = 20 * 1024 * 1024;

/**
 * A ballot photo for the statement just recorded: fetched from Telegram in a job, never inside
 * the webhook, and taken in as a web upload is. The job answers the chat, which it gets sealed.
 */
async function takeBallot(deps: TBotDeps, state: TChatState, chatId: number, file: TPhoto, t: TT): Promise<TReply[]> {
  if (!state.voterHash || !state.stationCode || !state.candidateKey) return [{ text: t('bot.chooseCandidateFirst') }];
  const refused = refusedFile(file, t);
  if (refused) return refused;
  await enqueueJob(deps.db, 'fetch-telegram-file', randomUUID(), {
    ...fileJob(deps, state, state.voterHash, chatId, file),
    station: state.stationCode,
    purpose: 'ballot',
    candidate: state.candidateKey,
  });
  return [{ text: t('bot.photoReceived') }];
}

/**
 * The result protocol posted at the voter's station, after /protocol: fetched in a job as a
 * ballot is, and taken in as a protocol photo uploaded through the web. The next photo is a
 * ballot again.
 */
async function takeProtocol(deps: TBotDeps, state: TChatState, chatId: number, file: TPhoto, t: TT): Promise<TReply[]> {
  if (!state.voterHash || !state.stationCode) return [{ text: t('bot.protocolStationFirst') }];
  const refused = refusedFile(file, t);
  if (refused) return refused;
  await enqueueJob(deps.db, 'fetch-telegram-file', randomUUID(), {
    ...fileJob(deps, state, state.voterHash, chatId, file),
    station: state.stationCode,
    purpose: 'protocol',
  });
  state.photoFor = 'ballot';
  return [{ text: t('bot.photoReceived') }];
}

type TPhoto = Extract<TIncoming, { kind: 'photo' }>;

/** A file that is no image, or more than Telegram lets a bot download, is refused at once. */
function refusedFile(file: TPhoto, t: TT): TReply[] | null {
  if (file.mime !== null && !file.mime.startsWith('image/')) return [{ text: t('bot.notAnImage') }];
  if (file.fileSize !== null && file.fileSize > maxTelegramFileBytes) return [{ text: t('bot.photoTooLarge') }];
  return null;
}

function fileJob(deps: TBotDeps, state: TChatState, voterHash: Buffer, chatId: number, file: TPhoto) {
  return {
    fileId: file.fileId,
    election: deps.election,
    voter: voterHash.toString('hex'),
    chat: sealChat(deps.secret, chatId),
    lang: state.lang,
  };
}

type TT = (key: TMessageKey, params?: Record<string, string | number>) => string;

async function findStation(deps: TBotDeps, state: TChatState, query: string, t: TT): Promise<TReply[]> {
  const found = await findElectionOrFail(deps.registry, deps.election);
  const { hits } = await deps.search.find(found.election.id, query, maxChoices);
  const exact = hits.find((h) => h.code.toLowerCase() === query.trim().toLowerCase());
  if (exact || hits.length === 1) return askCandidate(deps, state, (exact ?? hits[0]!).code, t);
  const choices = hits
    .map((h) => ({ text: `${h.code} — ${h.name[state.lang === 'be' ? 'be' : 'ru']}`, data: `s:${h.code}` }))
    .filter((c) => Buffer.byteLength(c.data) <= maxCallbackBytes);
  if (choices.length === 0) return [{ text: t('bot.stationNotFound') }];
  return [{ text: t('bot.chooseStation'), choices }];
}

async function askCandidate(deps: TBotDeps, state: TChatState, station: string, t: TT): Promise<TReply[]> {
  const found = await findElectionOrFail(deps.registry, deps.election);
  state.stationCode = station;
  state.candidateKey = null;
  const choices = found.candidates.map((c) => ({ text: c.name[state.lang], data: `c:${c.key}` }));
  return [{ text: t('bot.askCandidate', { station }), choices }];
}

async function recordStatement(deps: TBotDeps, state: TChatState, candidate: string, t: TT): Promise<TReply[]> {
  if (!state.voterHash || !state.stationCode) return [{ text: t('bot.chooseCandidateFirst') }];
  const found = await findElectionOrFail(deps.registry, deps.election);
  const name = found.candidates.find((c) => c.key === candidate)?.name[state.lang];
  if (!name) return [{ text: t('bot.chooseCandidateFirst') }];
  try {
    await deps.selfReports.submitConfirmed(
      deps.election,
      { station: state.stationCode, candidate },
      { kind: 'telegram_contact', hash: state.voterHash },
      'telegram',
    );
  } catch (error) {
    if (error instanceof AppError && error.code === 'too_many_requests') return [{ text: t('bot.tooOften') }];
    throw error;
  }
  state.candidateKey = candidate;
  return [{ text: t('bot.recorded', { station: state.stationCode, candidate: name }) }];
}
