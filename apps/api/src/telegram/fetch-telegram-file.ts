import { translate, type TFetchTelegramFileJob, type TMessage } from '@crosstally/shared';
import type { Bot } from 'grammy';
import { AppError } from '../errors.js';
import { acceptImage, type TAcceptedImage } from '../intake/accept-image.js';
import type { SelfReportIntake } from '../intake/self-report-intake.js';
import { maxTelegramFileBytes } from './conversation.js';
import { openChat } from './sealed-chat.js';

export type TFetchDeps = {
  bot: Bot;
  token: string;
  apiRoot: string;
  secret: Buffer;
  selfReports: SelfReportIntake;
  /** Takes a protocol photo in as the web does (takeStationPhoto with the API's deps). */
  stationPhotos: (election: string, station: string, image: TAcceptedImage, voterKey: string) => Promise<unknown>;
  maxPhotoPixels: number;
};

export type TFetchOutcome =
  { kind: 'recorded'; sha256: string } | { kind: 'refused'; reason: string } | { kind: 'no_chat' };

/**
 * The bot's file job: asks Telegram where the file is (getFile), downloads it (at most 20 MB,
 * stopped as soon as it is more), takes it in with the same checks and metadata stripping as a
 * web upload, records it through the same use case as the web (a ballot with the voter's
 * statement, a protocol photo for the station), and tells the voter. What the voter sent
 * wrong is answered and final; anything else is thrown, so the job is tried again.
 */
export async function fetchTelegramFile(deps: TFetchDeps, job: TFetchTelegramFileJob): Promise<TFetchOutcome> {
  const chatId = openChat(deps.secret, job.chat);
  // A seal this secret did not make: nobody to answer, nothing to trust in the job.
  if (chatId === undefined) return { kind: 'no_chat' };
  const say = (message: TMessage) => deps.bot.api.sendMessage(chatId, translate(message, job.lang));
  const file = await deps.bot.api.getFile(job.fileId);
  if (!file.file_path || (file.file_size ?? 0) > maxTelegramFileBytes) {
    await say({ key: 'bot.photoTooLarge' });
    return { kind: 'refused', reason: 'too large' };
  }
  const bytes = await download(`${deps.apiRoot}/file/bot${deps.token}/${file.file_path}`);
  if (bytes === 'too_large') {
    await say({ key: 'bot.photoTooLarge' });
    return { kind: 'refused', reason: 'too large' };
  }
  try {
    if (job.purpose === 'protocol') {
      const photo = acceptImage(bytes, deps.maxPhotoPixels, 'photo');
      await deps.stationPhotos(job.election, job.station, photo, job.voter);
      await say({ key: 'bot.protocolRecorded', params: { sha256: photo.sha256, station: job.station } });
      return { kind: 'recorded', sha256: photo.sha256 };
    }
    const ballot = acceptImage(bytes, deps.maxPhotoPixels, 'ballot');
    await deps.selfReports.submitConfirmed(
      job.election,
      { station: job.station, candidate: job.candidate },
      { kind: 'telegram_contact', hash: Buffer.from(job.voter, 'hex') },
      'telegram',
      ballot,
    );
    await say({ key: 'bot.ballotRecorded', params: { sha256: ballot.sha256 } });
    await say({ key: 'bot.protocolHint' });
    return { kind: 'recorded', sha256: ballot.sha256 };
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500 || error.code === 'too_many_requests') throw error;
    const reason = typeof error.text === 'string' ? error.text : translate(error.text, job.lang);
    await say({ key: 'bot.photoRefused', params: { reason } });
    return { kind: 'refused', reason };
  }
}

/** The file's bytes, or 'too_large' as soon as more than Telegram's 20 MB arrive. */
async function download(url: string): Promise<Buffer | 'too_large'> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`file download answered ${response.status}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxTelegramFileBytes) {
      await response.body.cancel().catch(() => undefined);
      return 'too_large';
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
