import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSecret, translate } from '@crosstally/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonymizeVoter } from '../../apps/api/src/intake/voter-pseudonym.js';
import { sql } from 'kysely';
import sharp from 'sharp';
import { electionCode } from '../support/election-fixture.js';
import { jpegWithGps } from '../support/images.js';
import { waitUntil } from '../support/processes.js';
import { startBotApiStandIn } from '../support/telegram-stand-in.js';
import { telegramUpdate, type TFixture } from '../support/telegram-updates.js';
import { createTestApi, type TTestApi } from '../support/test-api.js';
import { setupWebElection } from '../support/web-election.js';

// The Telegram bot end to end, offline: recorded Updates in the Bot API's shapes posted to the
// real webhook route of the real API (real PostgreSQL), the bot's answers going to a local
// stand-in for Telegram's Bot API reached through grammY's apiRoot. The real service cannot be
// reached from here; the stand-in speaks its protocol.
const token = '123456789:AAtest-token-for-the-stand-in';
let api: TTestApi;
let telegram: Awaited<ReturnType<typeof startBotApiStandIn>>;
let secretDir: string;
let webhookSecret: string;

beforeAll(async () => {
  telegram = await startBotApiStandIn(token);
  secretDir = await mkdtemp(join(tmpdir(), 'crosstally-bot-'));
  await writeFile(join(secretDir, 'token'), `${token}\n`, { mode: 0o600 });
  // With the worker's relays in process: they move the bot's file jobs to its queue.
  api = await createTestApi(
    {
      TELEGRAM_TOKEN_FILE: join(secretDir, 'token'),
      TELEGRAM_ELECTION: electionCode,
      TELEGRAM_API_ROOT: telegram.url,
    },
    { pipeline: true },
  );
  await setupWebElection(api); // stations with real-looking names: 0001 Школа № 12, 0004 Школа № 1
  webhookSecret = api.deps.telegram!.webhookSecret;
});
afterAll(async () => {
  await api?.close();
  await telegram?.close();
  await rm(secretDir, { recursive: true, force: true });
});

const post = (update: unknown, secret: string | null = webhookSecret) =>
  api.app.inject({
    method: 'POST',
    url: '/v1/telegram/webhook',
    headers: secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret },
    payload: update as Record<string, unknown>,
  });
/** Posts an update and returns what the bot sent back to that chat. */
async function say(fixture: TFixture, change: Parameters<typeof telegramUpdate>[1] = {}) {
  const before = telegram.sent().length;
  const res = await post(telegramUpdate(fixture, change));
  expect(res.statusCode, res.body).toBe(200);
  return telegram.sent().slice(before);
}
const be = (key: Parameters<typeof translate>[0]['key'], params?: Record<string, string>) =>
  translate({ key, ...(params ? { params } : {}) }, 'be');
/** Waits for the bot's next message to `chat` that contains `text` (a job answers later). */
async function waitForMessage(chat: number, text: string): Promise<string> {
  let found: string | undefined;
  await waitUntil(
    async () => {
      found = telegram.sent().find((m) => m.chat_id === chat && m.text.includes(text) && !answered.has(m))?.text;
      return found !== undefined;
    },
    20_000,
    50,
  );
  answered.add(telegram.sent().find((m) => m.chat_id === chat && m.text === found)!);
  return found!;
}
const answered = new Set<object>();
const ballotOf = (station: string) =>
  api.database.db
    .selectFrom('self_report')
    .innerJoin('station', 'station.id', 'self_report.station_id')
    .innerJoin('candidate', 'candidate.id', 'self_report.candidate_id')
    .innerJoin('ballot_photo', 'ballot_photo.id', 'self_report.ballot_photo_id')
    .select(['candidate.key', 'self_report.identity_kind', 'self_report.channel', 'ballot_photo.sha256'])
    .where('station.code', '=', station)
    .execute();
const reports = () =>
  api.database.db
    .selectFrom('self_report')
    .innerJoin('station', 'station.id', 'self_report.station_id')
    .innerJoin('candidate', 'candidate.id', 'self_report.candidate_id')
    .select([
      'station.code',
      'candidate.key',
      'self_report.identity_kind',
      'self_report.channel',
      'self_report.voter_hash',
      'self_report.revision',
    ])
    .execute();

describe('the Telegram bot', () => {
  it('refuses a webhook call without the secret, or with a wrong one, and stores nothing', async () => {
    for (const secret of [null, 'wrong', `${webhookSecret}x`]) {
      const res = await post(telegramUpdate('start'), secret);
      expect(res.statusCode).toBe(401);
      expect(res.json().message).toContain('X-Telegram-Bot-Api-Secret-Token');
    }
    const bad = await post({ message: { text: 'no update id' } });
    expect(bad.statusCode).toBe(400);
    expect(await api.database.db.selectFrom('telegram_update').selectAll().execute()).toEqual([]);
    expect(telegram.sent()).toEqual([]);
  });

  it('takes a vote in Belarusian: own contact only, station by a word of its name, candidate by a button', async () => {
    const [welcome] = await say('start');
    expect(welcome).toMatchObject({ chat_id: 5550001001, text: be('bot.welcome') });
    expect(welcome!.reply_markup).toMatchObject({ keyboard: [[{ request_contact: true }]] });

    // Someone else's contact, forwarded: refused, and nothing about it is kept.
    const [forwarded] = await say('contact-forwarded');
    expect(forwarded!.text).toBe(be('bot.notYourContact'));
    const refusedState = await api.database.db.selectFrom('telegram_chat').selectAll().executeTakeFirstOrThrow();
    expect(refusedState.voter_hash).toBeNull();

    const [confirmed] = await say('contact-own');
    expect(confirmed!.text).toBe(be('bot.askStation'));
    const secret = await loadOrCreateSecret(api.config.secretFile);
    const voterHash = pseudonymizeVoter(secret, electionCode, 'phone', '+375291234567');
    const state = await api.database.db.selectFrom('telegram_chat').selectAll().executeTakeFirstOrThrow();
    expect(state.voter_hash?.equals(voterHash)).toBe(true);

    const [choose] = await say('text', { text: 'школа' });
    expect(choose!.text).toBe(be('bot.chooseStation'));
    expect(choose!.reply_markup).toEqual({
      inline_keyboard: [
        [{ text: '0001 — Школа № 12', callback_data: 's:0001' }],
        [{ text: '0004 — Школа № 1', callback_data: 's:0004' }],
      ],
    });
    const [candidates] = await say('callback', { data: 's:0001' });
    expect(candidates!.text).toBe(be('bot.askCandidate', { station: '0001' }));
    const buttons = (candidates!.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] })
      .inline_keyboard;
    expect(buttons[0]).toEqual([{ text: 'Алесь Адамовіч', callback_data: 'c:adamovich' }]);

    const vote = telegramUpdate('callback', { data: 'c:adamovich' });
    const before = telegram.sent().length;
    expect((await post(vote)).json()).toEqual({ ok: true, duplicate: false });
    expect(
      telegram
        .sent()
        .slice(before)
        .map((m) => m.text),
    ).toEqual([be('bot.recorded', { station: '0001', candidate: 'Алесь Адамовіч' })]);
    const [row] = await reports();
    expect(row).toMatchObject({
      code: '0001',
      key: 'adamovich',
      identity_kind: 'telegram_contact',
      channel: 'telegram',
    });
    expect(row!.voter_hash.equals(voterHash)).toBe(true);

    // Telegram delivers the same update again: handled once, no second answer, no new revision.
    const again = await post(vote);
    expect(again.json()).toEqual({ ok: true, duplicate: true });
    expect(telegram.sent()).toHaveLength(before + 1);
    expect((await reports())[0]!.revision).toBe(1);
    // Callback buttons are answered, as Telegram expects.
    expect(telegram.calls.filter((c) => c.method === 'answerCallbackQuery')).toHaveLength(2);
  });

  it('is one voter with the web: the same number typed into the form cannot replace the confirmed vote', async () => {
    const typed = await api.app.inject({
      method: 'POST',
      url: `/v1/elections/${electionCode}/self-reports`,
      payload: { station: '0002', candidate: 'dubovik', voterKind: 'phone', voterToken: '+375 29 123-45-67' },
    });
    expect(typed.statusCode).toBe(201);
    expect(await reports()).toMatchObject([{ code: '0001', key: 'adamovich', identity_kind: 'telegram_contact' }]);
  });

  it('answers in Russian and in English, and finds a station by its code', async () => {
    for (const [user, lang, phone] of [
      [5550002002, 'ru', '+375 33 100-20-30'],
      [5550003003, 'en-GB', '375441112233'],
    ] as const) {
      const t = (key: Parameters<typeof translate>[0]['key'], params?: Record<string, string>) =>
        translate({ key, ...(params ? { params } : {}) }, lang === 'ru' ? 'ru' : 'en');
      expect((await say('start', { user, lang })).map((m) => m.text)).toEqual([t('bot.welcome')]);
      expect((await say('contact-own', { user, lang, phone })).map((m) => m.text)).toEqual([t('bot.askStation')]);
      expect((await say('text', { user, lang, text: '0003' })).map((m) => m.text)).toEqual([
        t('bot.askCandidate', { station: '0003' }),
      ]);
      const name = lang === 'ru' ? 'Ольга Борисевич' : 'Volha Barysevich';
      expect((await say('callback', { user, lang, data: 'c:barysevich' })).map((m) => m.text)).toEqual([
        t('bot.recorded', { station: '0003', candidate: name }),
      ]);
    }
    expect((await reports()).filter((r) => r.code === '0003').map((r) => r.identity_kind)).toEqual([
      'telegram_contact',
      'telegram_contact',
    ]);
  });

  it('keeps no Telegram user id, chat id or phone number anywhere', async () => {
    const db = api.database.db;
    const dump = JSON.stringify([
      await db.selectFrom('telegram_chat').selectAll().execute(),
      await db.selectFrom('telegram_update').selectAll().execute(),
      await db.selectFrom('self_report').selectAll().execute(),
      await db.selectFrom('audit_log').selectAll().execute(),
    ]);
    for (const id of ['5550001001', '5550002002', '5550003003', '5550009999', '375291234567', '375297654321']) {
      expect(dump).not.toContain(id);
    }
    const chats = await db.selectFrom('telegram_chat').select('chat_key').execute();
    expect(chats).toHaveLength(3);
    for (const c of chats) expect(c.chat_key).toHaveLength(32);
  });

  it('fetches a ballot photo in a job, takes it in as a web upload, and answers with its fingerprint', async () => {
    const photo = await jpegWithGps(77, { width: 640, height: 480 });
    telegram.addFile('ballot-photo-1', photo);
    const [received] = await say('photo', { file: { id: 'ballot-photo-1', size: photo.length } });
    expect(received!.text).toBe(be('bot.photoReceived'));
    // The webhook only queued the fetch: Telegram's file is downloaded by the job.
    const receipt = await waitForMessage(5550001001, 'SHA-256');
    const [row] = await ballotOf('0001');
    expect(row).toMatchObject({ identity_kind: 'telegram_contact', channel: 'telegram', key: 'adamovich' });
    expect(receipt).toBe(be('bot.ballotRecorded', { sha256: row!.sha256 }));
    // Stored as a web upload stores it: metadata (GPS) stripped, content-addressed.
    const stored = await readFile(api.deps.store.pathFor('ballot', row!.sha256, 'image/jpeg'));
    expect(createHash('sha256').update(stored).digest('hex')).toBe(row!.sha256);
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(telegram.calls.filter((c) => c.method === 'getFile').map((c) => c.body.file_id)).toEqual(['ballot-photo-1']);
  });

  it('takes the station’s result protocol after /protocol, as a web upload of a protocol photo', async () => {
    const user = 5550001001; // voted at 0001 above
    // The ballot's receipt tells the voter how to send the protocol.
    expect(await waitForMessage(user, '/protocol')).toBe(be('bot.protocolHint'));
    const asked = await say('start', { user, text: '/protocol' });
    expect(asked.map((m) => m.text)).toEqual([be('bot.askProtocol', { station: '0001' })]);
    const sheet = await jpegWithGps(78, { width: 900, height: 1200 });
    telegram.addFile('protocol-photo-1', sheet);
    const [received] = await say('photo', { user, file: { id: 'protocol-photo-1', size: sheet.length } });
    expect(received!.text).toBe(be('bot.photoReceived'));
    const receipt = await waitForMessage(user, 'SHA-256');
    const photos = await api.database.db
      .selectFrom('protocol_photo')
      .innerJoin('station', 'station.id', 'protocol_photo.station_id')
      .select(['station.code', 'protocol_photo.sha256', 'protocol_photo.status'])
      .execute();
    expect(photos).toEqual([{ code: '0001', sha256: expect.any(String), status: 'queued' }]);
    expect(receipt).toBe(be('bot.protocolRecorded', { sha256: photos[0]!.sha256, station: '0001' }));
    // Stripped of its GPS as a web upload is; the next photo is a ballot again.
    const stored = await readFile(api.deps.store.pathFor('protocol', photos[0]!.sha256, 'image/jpeg'));
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    const chat = await api.database.db.selectFrom('telegram_chat').select('photo_for').execute();
    expect(chat.every((c) => c.photo_for === 'ballot')).toBe(true);
    // Before a station is named, /protocol asks for one.
    const stranger = 5550007007;
    await say('start', { user: stranger });
    await say('contact-own', { user: stranger, phone: '+375 29 555-66-77' });
    expect((await say('start', { user: stranger, text: '/protocol' })).map((m) => m.text)).toEqual([
      be('bot.protocolStationFirst'),
    ]);
  });

  it('takes an image sent as a file, refuses what is no image, and never asks for more than 20 MB', async () => {
    const user = 5550002002; // voted in Russian above
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#357' } })
      .png()
      .toBuffer();
    telegram.addFile('ballot-file-2', png);
    await say('document', { user, lang: 'ru', file: { id: 'ballot-file-2', size: png.length, mime: 'image/png' } });
    expect(await waitForMessage(user, 'SHA-256')).toContain('Фото бюллетеня сохранено');
    const tooLarge = await say('document', { user, lang: 'ru', file: { id: 'huge', size: 21 * 1024 * 1024 } });
    expect(tooLarge.map((m) => m.text)).toEqual([translate({ key: 'bot.photoTooLarge' }, 'ru')]);
    const pdf = await say('document', { user, lang: 'ru', file: { id: 'doc', size: 100, mime: 'application/pdf' } });
    expect(pdf.map((m) => m.text)).toEqual([translate({ key: 'bot.notAnImage' }, 'ru')]);
    // A file Telegram calls an image but is none: downloaded, checked, refused with the reason.
    telegram.addFile('fake-image', Buffer.from('this is not an image at all'));
    await say('document', { user, lang: 'ru', file: { id: 'fake-image', size: 27, mime: 'image/jpeg' } });
    expect(await waitForMessage(user, 'Фото не принято')).toContain('Фото не принято');
    expect(telegram.calls.filter((c) => c.method === 'getFile').map((c) => c.body.file_id)).not.toContain('huge');
    const fileJobs = () =>
      api.database.db
        .selectFrom('outbox')
        .select(['payload', 'done_at'])
        .where('topic', '=', 'fetch-telegram-file')
        .execute();
    // A job answers the voter first and records itself done just after: wait for the record.
    await waitUntil(async () => (await fileJobs()).every((row) => row.done_at !== null), 10_000, 50);
    const outbox = await fileJobs();
    // The ballot and the protocol above, this ballot, and the file that was no image.
    expect(outbox).toHaveLength(4);
    for (const row of outbox) expect(row.done_at).not.toBeNull();
    // The chat to answer travels sealed: no chat id in the outbox.
    expect(JSON.stringify(outbox)).not.toContain(String(user));
  });

  it('takes over an update a dead process claimed but never handled; a live claim waits', async () => {
    const db = api.database.db;
    // As if the API had been killed after claiming this update and before answering it.
    const orphan = telegramUpdate('start', { user: 5550005005, lang: 'en' });
    await sql`insert into telegram_update (update_id, received_at)
      values (${String(orphan.update_id)}, now() - interval '2 minutes')`.execute(db);
    const before = telegram.sent().length;
    const res = await post(orphan);
    expect(res.json()).toEqual({ ok: true, duplicate: false });
    expect(
      telegram
        .sent()
        .slice(before)
        .map((m) => m.text),
    ).toEqual([translate({ key: 'bot.welcome' }, 'en')]);
    const row = await db
      .selectFrom('telegram_update')
      .select('handled_at')
      .where('update_id', '=', String(orphan.update_id))
      .executeTakeFirstOrThrow();
    expect(row.handled_at).not.toBeNull();
    // Claimed a moment ago by a request still at work: Telegram is asked to deliver it again.
    const busy = telegramUpdate('start', { user: 5550006006 });
    await sql`insert into telegram_update (update_id) values (${String(busy.update_id)})`.execute(db);
    expect((await post(busy)).statusCode).toBe(503);
    expect(telegram.sent()).toHaveLength(before + 1);
  });

  it('answers 503 and lets Telegram deliver again when the Bot API cannot be reached', async () => {
    await telegram.close();
    const update = telegramUpdate('start', { user: 5550004004 });
    const res = await post(update);
    expect(res.statusCode).toBe(503);
    const claimed = await api.database.db
      .selectFrom('telegram_update')
      .select('update_id')
      .where('update_id', '=', String(update.update_id))
      .execute();
    expect(claimed).toEqual([]);
  });
});
