import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, formTokenFor } from '../../support/accounts.js';
import { electionCode } from '../../support/election-fixture.js';
import { createTestApi, type TTestApi } from '../../support/test-api.js';
import { setupWebElection } from '../../support/web-election.js';
import { isWebRoute } from '../../support/web-routes.js';

// Who may open which page. Every route of the web site must have a row: a new page without
// one fails this test. Pages answer people, so refusals are pages too: nobody → 303 to the
// login page (GET) or 401 (POST), the wrong role → 403.
type TWho = 'anonymous' | 'admin' | 'analyst' | 'digitizer' | 'journalist';
type TRow = {
  roles?: TWho[];
  method: 'GET' | 'POST';
  url: () => string;
  body?: Record<string, string>;
  /** The answer when it is not a refusal of the caller (a wrong password is 401 for all). */
  answers?: number;
};

const e = electionCode;
const everyone: TWho[] = ['anonymous', 'admin', 'analyst', 'digitizer', 'journalist'];
const rows: Record<string, TRow> = {
  'GET /': { method: 'GET', url: () => '/' },
  'GET /static/app.css': { method: 'GET', url: () => '/static/app.css' },
  'GET /static/app.js': { method: 'GET', url: () => '/static/app.js' },
  'GET /:lang/': { method: 'GET', url: () => '/en/' },
  'GET /:lang/search': { method: 'GET', url: () => `/en/search?election=${e}&q=0001` },
  'GET /:lang/e/:election/s/:station': { method: 'GET', url: () => `/en/e/${e}/s/0001` },
  'GET /:lang/photos/:id': { method: 'GET', url: () => '/en/photos/00000000-0000-4000-8000-000000000000' },
  'POST /:lang/e/:election/s/:station/photo': { method: 'POST', url: () => `/en/e/${e}/s/0001/photo` },
  'POST /:lang/e/:election/s/:station/vote': { method: 'POST', url: () => `/en/e/${e}/s/0001/vote` },
  'GET /static/digitize.css': { method: 'GET', url: () => '/static/digitize.css' },
  'GET /static/digitize.js': { method: 'GET', url: () => '/static/digitize.js' },
  'GET /:lang/digitize': { roles: ['admin', 'digitizer'], method: 'GET', url: () => '/en/digitize' },
  'GET /:lang/check': { roles: ['admin', 'digitizer'], method: 'GET', url: () => '/en/check' },
  'GET /:lang/check/e/:election': { roles: ['admin', 'digitizer'], method: 'GET', url: () => `/en/check/e/${e}` },
  'GET /:lang/digitize/e/:election': { roles: ['admin', 'digitizer'], method: 'GET', url: () => `/en/digitize/e/${e}` },
  // No such photo: those who may type get a page saying so, the others their refusal.
  'POST /:lang/digitize/e/:election/p/:photo': {
    roles: ['admin', 'digitizer'],
    method: 'POST',
    url: () => `/en/digitize/e/${e}/p/00000000-0000-4000-8000-000000000000`,
    body: { station_code: '0001' },
  },
  // No such ballot photo: those who may check get a page saying so, the others their refusal.
  'POST /:lang/check/e/:election/b/:photo': {
    roles: ['admin', 'digitizer'],
    method: 'POST',
    url: () => `/en/check/e/${e}/b/00000000-0000-4000-8000-000000000000`,
    body: { isBallot: 'no' },
  },
  'GET /static/desk.css': { method: 'GET', url: () => '/static/desk.css' },
  'GET /static/desk.js': { method: 'GET', url: () => '/static/desk.js' },
  'GET /:lang/desk': { roles: ['admin', 'analyst'], method: 'GET', url: () => '/en/desk' },
  'GET /:lang/desk/e/:election/s/:station': {
    roles: ['admin', 'analyst'],
    method: 'GET',
    url: () => `/en/desk/e/${e}/s/0001`,
  },
  // No flags in this election: those who may review get "no such flag", the others their refusal.
  'POST /:lang/desk/e/:election/s/:station/flags/:id/decision': {
    roles: ['admin', 'analyst'],
    method: 'POST',
    url: () => `/en/desk/e/${e}/s/0001/flags/1/decision`,
    body: { decision: 'confirm' },
  },
  'POST /:lang/desk/e/:election/s/:station/flags/:id/note': {
    roles: ['admin', 'analyst'],
    method: 'POST',
    url: () => `/en/desk/e/${e}/s/0001/flags/1/note`,
    body: { text: 'x' },
  },
  'POST /:lang/desk/e/:election/s/:station/flags/:id/assign': {
    roles: ['admin', 'analyst'],
    method: 'POST',
    url: () => `/en/desk/e/${e}/s/0001/flags/1/assign`,
    body: { to: 'me' },
  },
  'GET /static/report.css': { method: 'GET', url: () => '/static/report.css' },
  // Not published: the public reads "not found" (allowed, not a refusal); digitizers 403.
  'GET /:lang/report': {
    roles: ['anonymous', 'admin', 'analyst', 'journalist'],
    method: 'GET',
    url: () => '/en/report',
  },
  'GET /:lang/e/:election/report': {
    roles: ['anonymous', 'admin', 'analyst', 'journalist'],
    method: 'GET',
    url: () => `/en/e/${e}/report`,
  },
  'GET /:lang/login': { method: 'GET', url: () => '/en/login' },
  'POST /:lang/login': {
    method: 'POST',
    url: () => '/en/login',
    body: { username: 'nobody', password: 'x' },
    answers: 401,
  },
  'POST /:lang/logout': { method: 'POST', url: () => '/en/logout' },
};

// What an allowed request may answer: anything but a refusal or a server error.
const allowed = (status: number) => status < 500 && status !== 401 && status !== 403;

let api: TTestApi;
const cookies: Partial<Record<TWho, string>> = {};

beforeAll(async () => {
  api = await createTestApi();
  await setupWebElection(api);
  for (const who of ['admin', 'analyst', 'digitizer', 'journalist'] as const) {
    const grants = who === 'admin' ? [] : [{ election: e, region: 'Minsk' }];
    cookies[who] = (await createUser(api, `web-${who}`, who, grants)).cookie;
  }
});
afterAll(async () => api?.close());

describe('the web access matrix', () => {
  it('has a row for every page and asset', () => {
    const routes = api.app.routeList
      .filter((r) => r.method !== 'HEAD' && isWebRoute(r.url))
      .map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((r) => !(r in rows))).toEqual([]);
  });

  for (const [route, row] of Object.entries(rows)) {
    it(`${route}: ${row.roles ? row.roles.join(', ') : 'everyone'}`, async () => {
      for (const who of everyone) {
        // Logging out would end the session the next rows use.
        if (route === 'POST /:lang/logout' && who !== 'anonymous') continue;
        const res = await api.app.inject({
          method: row.method,
          url: row.url(),
          headers: { ...(cookies[who] && { cookie: cookies[who] }) },
          // A session's forms carry its form token (cross-site-requests.test.ts: without, 403).
          ...((row.body || (cookies[who] && row.method === 'POST')) && {
            payload: { ...row.body, ...(cookies[who] && { _csrf: formTokenFor(cookies[who]) }) },
          }),
        });
        const mayOpen = !row.roles || row.roles.includes(who);
        if (row.answers) {
          expect(res.statusCode, who).toBe(row.answers);
        } else if (mayOpen) {
          expect(allowed(res.statusCode), `${who}: ${res.statusCode}`).toBe(true);
        } else if (who === 'anonymous') {
          if (row.method === 'GET') {
            expect(res.statusCode, who).toBe(303);
            expect(res.headers.location).toMatch(/^\/en\/login\?next=/);
          } else {
            expect(res.statusCode, who).toBe(401);
          }
        } else {
          expect(res.statusCode, who).toBe(403);
        }
        if (res.headers['content-type']?.toString().startsWith('text/html')) {
          expect(res.headers['content-security-policy']).toContain("default-src 'none'");
        }
      }
    });
  }

  it('answers an unknown language as a missing page, not an error', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/xx/' });
    expect(res.statusCode).toBe(404);
  });

  it('sends a page’s visitor to their language from Accept-Language', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/', headers: { 'accept-language': 'ru-RU,ru;q=0.9' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/ru/');
  });
});
