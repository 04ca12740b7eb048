import { presidentialDefinition } from '@crosstally/shared';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, testPassword } from '../../support/accounts.js';
import { electionCode, officialCsv } from '../../support/election-fixture.js';
import { jpegWithGps } from '../../support/images.js';
import { multipart } from '../../support/multipart.js';
import { recomputeElection } from '../../support/election-jobs.js';
import { uploadPhoto } from '../../support/pipeline.js';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';
import { setupWebElection } from '../../support/web-election.js';
import { isWebRoute } from '../../support/web-routes.js';

// Every page of the web site, fed what a broken client, a crawler or an attacker sends:
// unknown or absurd path parameters, garbage query strings and bodies of every wrong shape,
// by nobody and by people whose role may open the page. The site must answer each with a
// page (never a server error, never JSON), carry its CSP, and write nothing when it refuses.

type TWho = 'anonymous' | 'admin' | 'analyst' | 'digitizer' | 'journalist';
type TRequest = { label: string; url: string; headers?: Record<string, string>; payload?: string | Buffer };

const e = electionCode;
const candidate = presidentialDefinition.candidates[0]!.key;
const who: TWho[] = ['anonymous', 'admin', 'analyst', 'digitizer', 'journalist'];

let api: TTestApi;
const cookies: Partial<Record<TWho, string>> = {};
let photoId: string;
let flagId: string;

// Path segments that name nothing, or cannot be names at all.
const badSegments: Record<string, string> = {
  unknown: 'nope-9999',
  'numeric, huge': '99999999999999999999999999',
  NUL: '%00',
  'encoded slashes': '..%2F..%2Fetc%2Fpasswd',
  'unknown uuid': '00000000-0000-4000-8000-000000000000',
  markup: '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
};
// Segments the router itself refuses before any page runs (a bad URL, a parameter over its
// length limit): they have a test of their own, as one fix in the app answers them all.
const unroutableSegments: Record<string, string> = {
  '5,000 characters': 'x'.repeat(5000),
  'percent garbage': '%ZZ%E0%A4%A',
  'not UTF-8': '%C3%28%FF%FE',
};

const badQueries = [
  'page=-1',
  'page=abc',
  'page=1e999',
  'page=1&page=2',
  'region=%00',
  'region=' + 'Minsk/'.repeat(1000),
  'q=a&q=b',
  'q=' + 'x'.repeat(5000),
  'q=%ZZ',
  'q[a]=b',
  'election=a&election=b',
  'election=' + 'x'.repeat(5000),
  'kind=%FF&strength=%C3%28',
  'status=open&status=dismissed',
  'mine=2',
  'flag=abc',
  'flag=99999999999999999999',
  'saved=x&saved=y',
  'last=%ZZ',
  'known=1&known=1',
  'next=//evil.example/',
  'next=%0D%0ALocation:%20x',
  '%ZZ=%ZZ',
  '&&&==&',
];

const form = { 'content-type': 'application/x-www-form-urlencoded' };
// Field names any of the web's forms reads, so an oversized or repeated value reaches them.
const fieldNames = [
  'decision',
  'reason',
  'text',
  'to',
  'username',
  'password',
  'next',
  'stationCode',
  'line.voters_on_list',
];
const urlencoded = (pairs: [string, string][]) =>
  pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
const notAnImage = { filename: 'p.jpg', contentType: 'image/jpeg', data: Buffer.from('not a photo at all') };

function badBodies(): Omit<TRequest, 'url'>[] {
  const voter = { station: '0001', candidate, voterKind: 'phone', voterToken: '+375291234567' };
  return [
    { label: 'no body' },
    { label: 'empty urlencoded', headers: form, payload: '' },
    { label: 'urlencoded, unknown fields only', headers: form, payload: 'x=1&y=2' },
    {
      label: 'urlencoded, every field twice',
      headers: form,
      payload: urlencoded(fieldNames.flatMap((n) => [[n, '1'] as [string, string], [n, 'confirm']])),
    },
    {
      label: 'urlencoded, every field 6,000 characters',
      headers: form,
      payload: urlencoded(fieldNames.map((n) => [n, 'x'.repeat(6000)])),
    },
    { label: 'urlencoded, over the body limit', headers: form, payload: `text=${'x'.repeat(200_000)}` },
    { label: 'urlencoded, percent garbage', headers: form, payload: 'text=%ZZ%FF&reason=%C3%28&decision=%00&to=%' },
    {
      label: 'urlencoded, not UTF-8',
      headers: form,
      payload: Buffer.concat([Buffer.from('text='), Buffer.from([0xc3, 0x28, 0xff, 0xfe])]),
    },
    {
      label: 'urlencoded, NUL in every field',
      headers: form,
      payload: urlencoded(fieldNames.map((n) => [n, n === 'decision' ? 'confirm' : 'a\u0000b'])),
    },
    { label: 'text/plain', headers: { 'content-type': 'text/plain' }, payload: 'decision=confirm' },
    { label: 'JSON', headers: { 'content-type': 'application/json' }, payload: '{"decision":"confirm","to":"me"}' },
    { label: 'broken JSON', headers: { 'content-type': 'application/json' }, payload: '{"decision":' },
    { label: 'unknown content type', headers: { 'content-type': 'application/x-nonsense' }, payload: '\u0000\u0001' },
    { label: 'multipart, file in the wrong field', ...multipart(voter, [{ field: 'wrong', ...notAnImage }]) },
    { label: 'multipart, photo in the ballot field', ...multipart(voter, [{ field: 'ballot', ...notAnImage }]) },
    { label: 'multipart, ballot in the photo field', ...multipart(voter, [{ field: 'photo', ...notAnImage }]) },
    {
      label: 'multipart, fields of the wrong kind',
      ...multipart({ station: '0001', candidate: 'nobody', voterKind: 'fax', voterToken: '' }),
    },
    {
      label: 'multipart, NUL in the fields',
      ...multipart({ ...voter, candidate: 'a\u0000b', voterToken: '1\u00002' }),
    },
    {
      label: 'multipart, 5,000-character fields',
      ...multipart({ ...voter, voterToken: '9'.repeat(5000), candidate: 'x'.repeat(5000) }),
    },
    {
      label: 'multipart, too many fields',
      ...multipart(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, 'x']))),
    },
    {
      label: 'multipart, two photos',
      ...multipart({}, [
        { field: 'photo', ...notAnImage },
        { field: 'photo', ...notAnImage },
      ]),
    },
    {
      label: 'multipart, cut short',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      payload: '--xyz\r\nContent-Disposition: form-data; name="photo"; filename="p.jpg"\r\n\r\nabc',
    },
    { label: 'multipart without a boundary', headers: { 'content-type': 'multipart/form-data' }, payload: 'abc' },
  ];
}

const badHeaders: Omit<TRequest, 'url'>[] = [
  { label: 'garbage cookie', headers: { cookie: 'ct_session=%ZZ%FF; x=%00' } },
  { label: 'garbage authorization', headers: { authorization: 'Basic %%%' } },
  { label: 'unknown bearer token', headers: { authorization: 'Bearer not-a-token' } },
  { label: 'garbage Accept-Language', headers: { 'accept-language': ';;q=abc,*;q=-1,xx-' } },
];

/** A value for each path parameter that names something real, so one bad one is tested at a time. */
function sampleParam(route: string, name: string): string {
  switch (name) {
    case 'lang':
      return 'en';
    case 'election':
      return e;
    case 'station':
      return '0001';
    case 'photo':
      return photoId;
    case 'id':
      return route.includes('/photos/') ? photoId : flagId;
    default:
      // A page with a parameter this test does not know still gets every bad value below.
      return 'x';
  }
}

const paramsOf = (route: string) => [...route.matchAll(/:(\w+)/g)].map((m) => m[1]!);
function fill(route: string, values: Record<string, string>): string {
  return route.replace(/:(\w+)/g, (_, name: string) => values[name] ?? sampleParam(route, name));
}

function badPaths(route: string, segments: Record<string, string>): TRequest[] {
  return paramsOf(route).flatMap((name) =>
    Object.entries(segments).map(([label, value]) => ({
      label: `:${name} ${label}`,
      url: fill(route, { [name]: value }),
    })),
  );
}

/** Every malformed request for one route: each parameter bad in turn, then queries, bodies, headers. */
function requestsFor(method: string, route: string): TRequest[] {
  const good = fill(route, {});
  const requests = badPaths(route, badSegments);
  for (const query of badQueries) requests.push({ label: `?${query.slice(0, 40)}`, url: `${good}?${query}` });
  for (const header of badHeaders) requests.push({ ...header, url: good });
  if (method === 'POST') for (const body of badBodies()) requests.push({ ...body, url: good });
  return requests;
}

async function counts(): Promise<Record<string, number>> {
  const tables = [
    'self_report',
    'protocol_photo',
    'ballot_photo',
    'flag_review',
    'flag_note',
    'digitization_entry',
    'reading',
    'outbox',
    'user_session',
  ];
  const query = sql<Record<string, string>>`select ${sql.join(
    tables.map((t) => sql`(select count(*) from ${sql.table(t)}) as ${sql.ref(t)}`),
  )}`;
  const row = (await query.execute(api.deps.db)).rows[0]!;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

/** What is wrong with one answer, or nothing. */
function problemsWith(res: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  const type = String(res.headers['content-type'] ?? '');
  if (res.statusCode >= 500) problems.push(`answered ${res.statusCode}`);
  if (type.startsWith('text/html') && !String(res.headers['content-security-policy']).includes("default-src 'none'")) {
    problems.push('an HTML answer without the CSP');
  }
  if (res.statusCode >= 400 && res.statusCode < 500) {
    if (!type.startsWith('text/html')) problems.push(`a ${res.statusCode} as ${type || 'no content type'}`);
    else {
      const alert = /<[^>]+role="alert"[^>]*>([\s\S]*?)<\//.exec(res.body)?.[1]?.trim();
      if (!alert) problems.push(`a ${res.statusCode} page without a message`);
      if (!/<h1[\s>]/.test(res.body)) problems.push(`a ${res.statusCode} page without a heading`);
    }
  }
  return problems;
}

beforeAll(async () => {
  // A small photo limit, so a photo over it is cheap to send.
  api = await createTestApi({ MAX_PHOTO_BYTES: String(2 * 1024 * 1024) }, { pipeline: true });
  await setupWebElection(api);
  // 0001 (Minsk) publishes numbers that do not add up: an arithmetic flag to act on.
  await api.app.inject({
    method: 'POST',
    url: `/v1/admin/elections/${e}/official`,
    headers: { ...adminHeaders, 'content-type': 'text/csv' },
    payload: officialCsv(['0001', '0002', '0003', '0004'], (code, v) => {
      if (code === '0001') v.invalid! += 5;
    }),
  });
  await recomputeElection(api.app, e);
  const flag = await api.deps.db
    .selectFrom('flag')
    .innerJoin('station', 'station.id', 'flag.station_id')
    .select('flag.id')
    .where('station.code', '=', '0001')
    .where('flag.cleared_at', 'is', null)
    .executeTakeFirstOrThrow();
  flagId = String(flag.id);
  const upload = await uploadPhoto(api, '0001', await jpegWithGps());
  photoId = upload.json().id;
  // As the worker leaves a photo no machine could read: it waits for the digitizers.
  await api.deps.db.updateTable('protocol_photo').set({ status: 'unread' }).where('id', '=', photoId).execute();
  const minsk = [{ election: e, region: 'Minsk' }];
  for (const role of ['admin', 'analyst', 'digitizer', 'journalist'] as const) {
    cookies[role] = (await createUser(api, `bad-input-${role}`, role, role === 'admin' ? [] : minsk)).cookie;
  }
});
afterAll(async () => api?.close());

const routes = () =>
  api.app.routeList
    .filter((r) => r.method !== 'HEAD' && isWebRoute(r.url))
    // Logging out ends the session the other requests use; it has its own test below.
    .filter((r) => r.url !== '/:lang/logout');

// The pages known when this was written, each its own test; `every other route` takes the rest.
const namedRoutes = [
  'GET /',
  'GET /:lang/',
  'GET /:lang/search',
  'GET /:lang/e/:election/s/:station',
  'GET /:lang/photos/:id',
  'POST /:lang/e/:election/s/:station/photo',
  'POST /:lang/e/:election/s/:station/vote',
  'GET /:lang/login',
  'POST /:lang/login',
  'GET /:lang/desk',
  'GET /:lang/desk/e/:election/s/:station',
  'POST /:lang/desk/e/:election/s/:station/flags/:id/decision',
  'POST /:lang/desk/e/:election/s/:station/flags/:id/note',
  'POST /:lang/desk/e/:election/s/:station/flags/:id/assign',
  'GET /:lang/digitize',
  'GET /:lang/digitize/e/:election',
  'POST /:lang/digitize/e/:election/p/:photo',
  'GET /:lang/report',
  'GET /:lang/e/:election/report',
];

describe('the web site fed malformed input', () => {
  it('covers pages of every kind', () => {
    const listed = routes().map((r) => `${r.method} ${r.url}`);
    expect(listed).toContain('GET /:lang/e/:election/s/:station');
    expect(listed).toContain('POST /:lang/desk/e/:election/s/:station/flags/:id/decision');
    expect(listed).toContain('POST /:lang/digitize/e/:election/p/:photo');
    expect(listed.length).toBeGreaterThan(15);
  });

  // One test per route, named by it: a new page shows up here on its own.
  it.each(namedRoutes)(
    '%s',
    async (name) => {
      const [method, url] = name.split(' ') as ['GET' | 'POST', string];
      expect(
        routes().some((r) => r.method === method && r.url === url),
        `${name} is registered`,
      ).toBe(true);
      await expectNoFailures(method, requestsFor(method, url));
    },
    300_000,
  );

  it('every other route, a new page included', async () => {
    const named = new Set<string>(namedRoutes);
    for (const r of routes().filter((r) => !named.has(`${r.method} ${r.url}`))) {
      await expectNoFailures(r.method as 'GET' | 'POST', requestsFor(r.method, r.url));
    }
  }, 300_000);

  it('sends a person who logs in only to a page of this site, whatever `next` says', async () => {
    await createUser(api, 'next-tester', 'analyst');
    for (const next of [
      '//evil.example/',
      '/\\evil.example',
      'https://evil.example/',
      '/\r\nSet-Cookie: x=1',
      '/Школа',
    ]) {
      const res = await api.app.inject({
        method: 'POST',
        url: '/en/login',
        headers: form,
        payload: urlencoded([
          ['username', 'next-tester'],
          ['password', testPassword],
          ['next', next],
        ]),
      });
      expect(res.statusCode, next).toBe(303);
      expect(res.headers.location, next).toMatch(/^\/en\/(?![/\\])/);
    }
  });

  it('shows a refused vote on its station’s page, the reason inside the form, in the page’s language', async () => {
    const refused = multipart({ station: '0001', candidate, voterKind: 'phone', voterToken: '12' });
    const res = await api.app.inject({ method: 'POST', url: `/ru/e/${e}/s/0001/vote`, ...refused });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<h1>Участок 0001</h1>');
    expect(res.body).toMatch(/<p class="error" role="alert" id="vote-error">[^<]*[А-Яа-я]/);
    // Its language links lead to the station, not to the address the form was posted to.
    expect(res.body).toContain(`href="/be/e/${e}/s/0001"`);
    expect(res.body).not.toContain('/vote" lang=');
  });

  it('says how large a photo may be when one is too large, on the station’s page', async () => {
    const tooLarge = multipart({}, [{ field: 'photo', ...notAnImage, data: Buffer.alloc(2 * 1024 * 1024 + 1) }]);
    const before = await counts();
    const res = await api.app.inject({ method: 'POST', url: `/en/e/${e}/s/0001/photo`, ...tooLarge });
    expect(res.statusCode).toBe(413);
    expect(res.body).toMatch(/id="photo-error">The file is larger than 2 MB\./);
    expect(await counts()).toEqual(before);
  });

  it('answers an address the router refuses (bad encoding, a parameter too long) with a page', async () => {
    for (const r of routes()) {
      // A garbled language is not the site's address at all: what answers it is the JSON API's
      // "no such route". Every other garbled parameter sits under a language: a page.
      const requests = badPaths(r.url, unroutableSegments).filter((q) => !q.label.startsWith(':lang '));
      await expectNoFailures(r.method as 'GET' | 'POST', requests);
    }
  }, 300_000);

  it('answers an address with no page under a language with a page, not JSON', async () => {
    for (const url of ['/en/no-such-page', `/be/e/${e}/s/0001/nothing`, `/ru/e/${e}/s`]) {
      const res = await api.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(problemsWith(res), url).toEqual([]);
    }
  });

  it('POST /:lang/logout', async () => {
    const failures: string[] = [];
    for (const request of requestsFor('POST', '/:lang/logout')) {
      // A session of its own, so logging out ends nothing another request needs.
      const session = (await createUser(api, `logout-${failures.length}-${Math.random()}`, 'analyst')).cookie;
      for (const cookie of [undefined, session]) {
        const res = await send('POST', request, cookie);
        for (const p of problemsWith(res)) failures.push(`${cookie ? 'analyst' : 'anonymous'} ${request.label}: ${p}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

function send(method: 'GET' | 'POST', request: TRequest, cookie: string | undefined) {
  const headers = { ...request.headers };
  if (cookie) headers.cookie = headers.cookie ? `${headers.cookie}; ${cookie}` : cookie;
  return api.app.inject({
    method,
    url: request.url,
    headers,
    ...(request.payload !== undefined && { payload: request.payload }),
  });
}

/** Sends each request as each person; collects every answer that is wrong, and every stray write. */
async function expectNoFailures(method: 'GET' | 'POST', requests: TRequest[]) {
  const failures: string[] = [];
  let before = await counts();
  for (const request of requests) {
    for (const person of who) {
      const res = await send(method, request, cookies[person]);
      const where = `${person} ${method} ${request.url.slice(0, 80)} (${request.label}) → ${res.statusCode}`;
      for (const p of problemsWith(res)) failures.push(`${where}: ${p}`);
      const after = await counts();
      if (res.statusCode >= 400) {
        const written = Object.keys(after).filter((t) => after[t] !== before[t]);
        if (written.length > 0) failures.push(`${where}: refused, yet wrote to ${written.join(', ')}`);
      }
      before = after;
    }
  }
  expect(failures).toEqual([]);
}
