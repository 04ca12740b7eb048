import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, testPassword } from '../../support/accounts.js';
import { electionCode } from '../../support/election-fixture.js';
import { setupElection } from '../../support/pipeline.js';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';

let api: TTestApi;
beforeAll(async () => {
  api = await createTestApi();
  await setupElection(api, 2);
});
afterAll(async () => api?.close());

const me = (headers: Record<string, string>) => api.app.inject({ method: 'GET', url: '/v1/auth/me', headers });
const tryLogin = (username: string, password: string) =>
  api.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username, password } });

describe('login and sessions', () => {
  it('sets an httpOnly, SameSite=Strict session cookie and knows the person by it', async () => {
    await createUser(api, 'anna', 'analyst');
    const res = await tryLogin('Anna', testPassword);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'ct_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeFalsy(); // plain HTTP here; Secure when the request came over TLS
    expect((await me({ cookie: `ct_session=${cookie.value}` })).json()).toEqual({ username: 'anna', role: 'analyst' });
    // The name as the login page takes it: spaces around it are not part of it.
    expect((await tryLogin('  anna ', testPassword)).statusCode).toBe(200);
    // Only the hash of the session secret is stored.
    const stored = await api.database.db.selectFrom('user_session').select('token_hash').execute();
    expect(stored.every((s) => !s.token_hash.toString('utf8').includes(cookie.value))).toBe(true);
  });

  it('answers a wrong password exactly like an unknown name, and backs off both alike', async () => {
    await createUser(api, 'boris', 'journalist');
    const wrong = await tryLogin('boris', 'not the password at all');
    const nobody = await tryLogin('nobody-here', 'not the password at all');
    expect([wrong.statusCode, nobody.statusCode]).toEqual([401, 401]);
    expect(wrong.json()).toEqual(nobody.json());
    for (let i = 0; i < 4; i += 1) {
      await tryLogin('boris', 'still wrong');
      await tryLogin('nobody-here', 'still wrong');
    }
    const lockedReal = await tryLogin('boris', testPassword);
    const lockedNobody = await tryLogin('nobody-here', testPassword);
    expect([lockedReal.statusCode, lockedNobody.statusCode]).toEqual([429, 429]);
    expect(lockedReal.json()).toEqual(lockedNobody.json());
    expect(Number(lockedReal.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('ends a session on logout, on expiry on the server, and when an admin disables the account', async () => {
    const { id, cookie } = await createUser(api, 'carl', 'digitizer');
    expect((await me({ cookie })).statusCode).toBe(200);
    await api.app.inject({ method: 'POST', url: '/v1/auth/logout', headers: { cookie } });
    expect((await me({ cookie })).statusCode).toBe(401);

    const second = await login(api, 'carl');
    await api.database.db
      .updateTable('user_session')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', id)
      .execute();
    expect((await me({ cookie: second })).statusCode).toBe(401);

    const third = await login(api, 'carl');
    const disabled = await api.app.inject({
      method: 'PATCH',
      url: `/v1/admin/users/${id}`,
      headers: adminHeaders,
      payload: { disabled: true },
    });
    expect(disabled.json().disabled).toBe(true);
    expect((await me({ cookie: third })).statusCode).toBe(401);
    expect((await tryLogin('carl', testPassword)).statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('are shown once, stored as a hash, work as Bearer tokens and stop when revoked', async () => {
    const { cookie } = await createUser(api, 'dina', 'journalist');
    const created = await api.app.inject({
      method: 'POST',
      url: '/v1/auth/tokens',
      headers: { cookie },
      payload: { name: 'my script' },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^ctt_/);
    const stored = await api.database.db
      .selectFrom('api_token')
      .select('token_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash.toString('utf8')).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await me(bearer)).json()).toEqual({ username: 'dina', role: 'journalist' });
    const revoked = await api.app.inject({ method: 'DELETE', url: `/v1/auth/tokens/${id}`, headers: { cookie } });
    expect(revoked.statusCode).toBe(200);
    const refused = await me(bearer);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().message).toContain('not valid');
    expect((await me({ authorization: 'Bearer ctt_made-up' })).statusCode).toBe(401);
    // Issue 14, item 14: credentials a public route does not need never shut a voter out
    // (a proxy or an extension may add a header of its own); a route that needs a person
    // says what was wrong with them.
    const basic = { authorization: 'Basic dXNlcjpwYXNz' };
    for (const headers of [bearer, basic]) {
      const report = await api.app.inject({
        method: 'POST',
        url: `/v1/elections/${electionCode}/self-reports`,
        headers,
        payload: { station: '0001', candidate: 'adamovich', voterKind: 'phone', voterToken: '+375297770011' },
      });
      expect(report.statusCode, JSON.stringify(headers)).toBe(201);
      expect((await api.app.inject({ method: 'GET', url: '/en/', headers })).statusCode).toBe(200);
    }
    const wrongScheme = await me(basic);
    expect(wrongScheme.statusCode).toBe(401);
    expect(wrongScheme.json().message).toContain('Bearer');
  });

  // Issue 14, item 7: tokens kept working after "log out everywhere", came back when a
  // disabled account was enabled again, and never expired.
  it('end: they expire, go with "log out everywhere" and with a disabled account, and are listed', async () => {
    const { id: userId, cookie } = await createUser(api, 'tomas', 'analyst');
    const issue = async (name: string, days?: number) => {
      const res = await api.app.inject({
        method: 'POST',
        url: '/v1/auth/tokens',
        headers: { cookie: await login(api, 'tomas') },
        payload: { name, ...(days && { days }) },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: number; token: string; expiresAt: string }>();
    };
    const works = async (token: string) => (await me({ authorization: `Bearer ${token}` })).statusCode === 200;
    const day = 86_400_000;

    const lasting = await issue('default');
    expect(Date.parse(lasting.expiresAt) - Date.now()).toBeGreaterThan(89 * day);
    expect(Date.parse(lasting.expiresAt) - Date.now()).toBeLessThan(91 * day);
    const short = await issue('a week', 7);
    expect(Date.parse(short.expiresAt) - Date.now()).toBeLessThan(8 * day);
    const tooLong = await api.app.inject({
      method: 'POST',
      url: '/v1/auth/tokens',
      headers: { cookie },
      payload: { name: 'forever', days: 10_000 },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().message).toContain('days');

    // Past its end a token opens nothing.
    await api.database.db
      .updateTable('api_token')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', short.id)
      .execute();
    expect(await works(short.token)).toBe(false);
    expect(await works(lasting.token)).toBe(true);

    // "Log out everywhere" takes the tokens too.
    const everywhere = await api.app.inject({
      method: 'POST',
      url: `/v1/admin/users/${userId}/revoke-sessions`,
      headers: adminHeaders,
    });
    // The one that had expired is revoked as well: nothing of the account is left live.
    expect(everywhere.json()).toMatchObject({ tokens: 2 });
    expect(await works(lasting.token)).toBe(false);

    // Disabled and enabled again: the token made before stays revoked.
    const before = await issue('before disabling');
    const patch = (disabled: boolean) =>
      api.app.inject({
        method: 'PATCH',
        url: `/v1/admin/users/${userId}`,
        headers: adminHeaders,
        payload: { disabled },
      });
    expect((await patch(true)).statusCode).toBe(200);
    expect((await patch(false)).statusCode).toBe(200);
    expect(await works(before.token)).toBe(false);

    const list = await api.app.inject({
      method: 'GET',
      url: '/v1/auth/tokens',
      headers: { cookie: await login(api, 'tomas') },
    });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('ctt_');
    expect(list.json().tokens.map((t: { name: string; state: string }) => [t.name, t.state])).toEqual([
      ['before disabling', 'revoked'],
      ['a week', 'revoked'],
      ['default', 'revoked'],
    ]);
    const fresh = await issue('after');
    expect(await works(fresh.token)).toBe(true);
  });
});

describe('no personal data of voters through any account', () => {
  it('has no raw voter token anywhere to read: only keyed hashes', async () => {
    const columns = await api.database.db
      .selectFrom('information_schema.columns' as never)
      .select(['table_name' as never, 'column_name' as never])
      .where('table_schema' as never, '=', 'public' as never)
      .execute();
    const names = (columns as unknown as { table_name: string; column_name: string }[]).map(
      (c) => `${c.table_name}.${c.column_name}`,
    );
    expect(names.filter((n) => n.startsWith('self_report.'))).toContain('self_report.voter_hash');
    expect(names.filter((n) => /phone|token(?!_hash)|ip_address|remote/.test(n.split('.')[1]!))).toEqual([]);
  });
});
