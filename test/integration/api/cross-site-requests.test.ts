import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, formTokenFor } from '../../support/accounts.js';
import { electionCode, officialCsv } from '../../support/election-fixture.js';
import { recomputeElection } from '../../support/election-jobs.js';
import { setupElection } from '../../support/pipeline.js';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';
import { rowCount } from '../../support/row-count.js';

// Issue 14 item 4, the attack repeated. SameSite=Strict ignores ports: a page on
// 127.0.0.1:3999 posted a desk note, a dismissal and an admin partner import (a text/plain
// form body read as CSV) with the admin's cookie to the site on 127.0.0.1:3000, and the
// login form took posts from anywhere. The site is 127.0.0.1:3000 here (the Host header).
const host = '127.0.0.1:3000';
const site = `http://${host}`;
const attacker = 'http://127.0.0.1:3999';
const codes = ['0001', '0002'];

let api: TTestApi;
let admin: string;
let flagId: string;
beforeAll(async () => {
  api = await createTestApi({}, { pipeline: true });
  await setupElection(api, 2);
  const official = await api.app.inject({
    method: 'POST',
    url: `/v1/admin/elections/${electionCode}/official`,
    headers: { ...adminHeaders, 'content-type': 'text/csv' },
    payload: officialCsv(codes, (code, v) => {
      if (code === '0001') v.invalid! += 5;
    }),
  });
  expect(official.statusCode).toBe(200);
  await recomputeElection(api.app, electionCode);
  ({ cookie: admin } = await createUser(api, 'csrf-admin', 'admin'));
  const flag = await api.database.db
    .selectFrom('flag')
    .innerJoin('station', 'station.id', 'flag.station_id')
    .select('flag.id')
    .where('station.code', '=', '0001')
    .where('flag.kind', '<>', 'insufficient_evidence')
    .executeTakeFirstOrThrow();
  flagId = flag.id;
});
afterAll(async () => api?.close());

const rows = (table: 'flag_note' | 'flag_review' | 'partner_import' | 'user_session') =>
  rowCount(api.database.db, table);

const notePath = () => `/en/desk/e/${electionCode}/s/0001/flags/${flagId}/note`;
const decisionPath = () => `/en/desk/e/${electionCode}/s/0001/flags/${flagId}/decision`;
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const postForm = (url: string, fields: Record<string, string>, headers: Record<string, string>) =>
  api.app.inject({
    method: 'POST',
    url,
    headers: { host, 'content-type': 'application/x-www-form-urlencoded', cookie: admin, ...headers },
    payload: form(fields),
  });

describe('requests from another origin', () => {
  it('refuses a desk note and a dismissal posted from another port of the same host', async () => {
    const [notes, reviews] = [await rows('flag_note'), await rows('flag_review')];
    const token = formTokenFor(admin);
    // A current browser says where the request came from; the form token does not save it.
    const note = await postForm(notePath(), { text: 'planted', _csrf: token }, { 'sec-fetch-site': 'same-site' });
    expect(note.statusCode).toBe(403);
    expect(note.body).toContain('came from another site');
    // An older browser sends only Origin.
    const dismissal = await postForm(
      decisionPath(),
      { decision: 'dismiss', reason: 'planted', _csrf: token },
      { origin: attacker },
    );
    expect(dismissal.statusCode).toBe(403);
    expect([await rows('flag_note'), await rows('flag_review')]).toEqual([notes, reviews]);
  });

  it('refuses a form posted without the session’s form token, even from the site itself', async () => {
    const notes = await rows('flag_note');
    const without = await postForm(notePath(), { text: 'no token' }, { 'sec-fetch-site': 'same-origin' });
    expect(without.statusCode).toBe(403);
    expect(without.body).toContain('This form has expired');
    const forged = await postForm(
      notePath(),
      { text: 'guessed', _csrf: formTokenFor('ct_session=another-session') },
      { origin: site },
    );
    expect(forged.statusCode).toBe(403);
    expect(await rows('flag_note')).toBe(notes);

    const saved = await postForm(
      notePath(),
      { text: 'from the desk', _csrf: formTokenFor(admin) },
      { 'sec-fetch-site': 'same-origin', origin: site },
    );
    expect(saved.statusCode, saved.body).toBe(303);
    expect(await rows('flag_note')).toBe(notes + 1);
  });

  it('refuses an import sent as text/plain, with a cookie from another origin or with a token', async () => {
    const before = await rows('partner_import');
    const body = `station,source,line,verified,unverified\n0001,planted,adamovich,900,0\n`;
    const fromAttacker = await api.app.inject({
      method: 'POST',
      url: `/v1/admin/elections/${electionCode}/partners`,
      headers: { host, origin: attacker, 'content-type': 'text/plain', cookie: admin },
      payload: body,
    });
    expect(fromAttacker.statusCode).toBe(403);
    const plainText = await api.app.inject({
      method: 'POST',
      url: `/v1/admin/elections/${electionCode}/partners`,
      headers: { ...adminHeaders, 'content-type': 'text/plain' },
      payload: body,
    });
    expect(plainText.statusCode).toBe(415);
    expect(await rows('partner_import')).toBe(before);
  });

  it('refuses a login posted from anywhere else (login CSRF), on the web and the API', async () => {
    const sessions = await rows('user_session');
    const web = await api.app.inject({
      method: 'POST',
      url: '/en/login',
      headers: { host, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      payload: form({ username: 'csrf-admin', password: 'correct horse battery staple' }),
    });
    expect(web.statusCode).toBe(403);
    expect(web.headers['set-cookie']).toBeUndefined();
    const json = await api.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { host, origin: 'https://evil.example' },
      payload: { username: 'csrf-admin', password: 'correct horse battery staple' },
    });
    expect(json.statusCode).toBe(403);
    expect(await rows('user_session')).toBe(sessions);
  });

  it('lets API clients with a token and people on the site itself through', async () => {
    // A token is never sent by a browser on its own: the origin does not matter.
    const withToken = await api.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { host, 'sec-fetch-site': 'same-origin' },
      payload: { username: 'csrf-admin', password: 'correct horse battery staple' },
    });
    expect(withToken.statusCode).toBe(200);
    const list = await api.app.inject({
      method: 'POST',
      url: '/v1/admin/elections',
      headers: { ...adminHeaders, host, origin: attacker },
      payload: { nonsense: true },
    });
    expect(list.statusCode).toBe(400);
  });
});
