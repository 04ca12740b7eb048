// The four load shapes, each run as a warm-up then a measured autocannon run on loopback.
import autocannon from 'autocannon';
import { cpuWindow } from './cpu.js';
import { CANDIDATES, ELECTION, stationCode } from './fixtures.js';
import { MULTIPART_TYPE, uniquePhotoBodies } from './photos.js';

/**
 * @typedef {{ name: string, rps: number, p50: number, p99: number, total: number,
 *   ok: number, errors: number, non2xx: number, statuses: Record<string, number>,
 *   serverUsPerRequest?: number, machineBusyPct?: number }} TFigures
 */

/**
 * @param {string} name
 * @param {Record<string, unknown>} options autocannon options (url, connections, requests...)
 * @param {{ seconds: number, warmupSeconds: number }} timing
 * @param {number} [serverPid] the process serving `options.url`, for CPU accounting
 * @returns {Promise<TFigures>}
 */
export async function measure(name, options, timing, serverPid) {
  if (timing.warmupSeconds > 0) await autocannon({ ...options, duration: timing.warmupSeconds });
  const endWindow = cpuWindow(serverPid);
  const r = await autocannon({ ...options, duration: timing.seconds });
  const cpu = endWindow(r.requests.total);
  /** @type {Record<string, number>} */
  const statuses = {};
  for (const [code, { count }] of Object.entries(r.statusCodeStats ?? {})) statuses[code] = count;
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    ok: r['2xx'],
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    statuses,
    ...cpu,
  };
}

/** @param {string} base @param {number} connections */
export function helloWorld(base, connections) {
  return { url: `${base}/`, connections };
}

/**
 * Self-reports, each from a voter never seen before (a phone number from a counter), at a
 * station and candidate that vary with it.
 * @param {string} base @param {number} connections @param {number} stations
 */
export function selfReports(base, connections, stations) {
  let n = 0;
  return {
    url: base,
    connections,
    requests: [
      {
        method: 'POST',
        path: `/v1/elections/${ELECTION}/self-reports`,
        headers: { 'content-type': 'application/json' },
        setupRequest: (/** @type {any} */ req) => {
          const i = n++;
          req.body = JSON.stringify({
            station: stationCode(i % stations),
            candidate: CANDIDATES[i % CANDIDATES.length],
            voterKind: 'phone',
            voterToken: `+37529${String(i).padStart(7, '0')}`,
          });
          return req;
        },
      },
    ],
    get sent() {
      return n;
    },
  };
}

/**
 * Self-reports through the Telegram bot's webhook: each connection plays voter after voter,
 * three updates each as Telegram posts them (the voter's own contact, the station's code, the
 * candidate's button), so a third of the requests are statements.
 * @param {string} base @param {number} connections @param {number} stations @param {string} secret
 */
export function botConversations(base, connections, stations, secret) {
  let voters = 0;
  let updates = 0;
  const headers = { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret };
  /**
   * One update of the connection's current voter; `first` starts a new voter.
   * @param {(voter: number, from: any, chat: any) => Record<string, unknown>} body @param {boolean} [first]
   */
  const step = (body, first = false) => ({
    method: 'POST',
    path: '/v1/telegram/webhook',
    headers,
    setupRequest: (/** @type {any} */ req, /** @type {any} */ ctx) => {
      if (first) ctx.voter = voters++;
      const from = { id: 6_000_000_000 + ctx.voter, is_bot: false, first_name: 'V', language_code: 'ru' };
      const chat = { id: from.id, type: 'private' };
      req.body = JSON.stringify({ update_id: ++updates, ...body(ctx.voter, from, chat) });
      return req;
    },
  });
  const phone = (/** @type {number} */ voter) => `37544${String(voter).padStart(7, '0')}`;
  return {
    url: base,
    connections,
    requests: [
      step(
        (voter, from, chat) => ({
          message: {
            message_id: 1,
            from,
            chat,
            date: 0,
            contact: { phone_number: phone(voter), first_name: 'V', user_id: from.id },
          },
        }),
        true,
      ),
      step((voter, from, chat) => ({
        message: { message_id: 2, from, chat, date: 0, text: stationCode(voter % stations) },
      })),
      step((voter, from, chat) => ({
        callback_query: {
          id: String(voter),
          from,
          chat_instance: '1',
          message: { message_id: 3, chat, date: 0 },
          data: `c:${CANDIDATES[voter % CANDIDATES.length]}`,
        },
      })),
    ],
    get sent() {
      return voters;
    },
  };
}

/**
 * Multipart uploads, each a distinct photo; `pathFor(i)` gives the i-th request's path.
 * @param {string} base @param {number} connections @param {Buffer[]} jpegs
 * @param {string} field @param {(i: number) => string} pathFor
 */
export function photoUploads(base, connections, jpegs, field, pathFor) {
  const bodies = uniquePhotoBodies(jpegs, field);
  return {
    url: base,
    connections,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': MULTIPART_TYPE },
        setupRequest: (/** @type {any} */ req) => {
          req.path = pathFor(bodies.sent);
          req.body = bodies.next();
          return req;
        },
      },
    ],
    bodies,
  };
}

/** @param {number} stations */
export const stationPhotoPath = (stations) => (/** @type {number} */ i) =>
  `/v1/elections/${ELECTION}/stations/${stationCode(i % stations)}/photos`;
