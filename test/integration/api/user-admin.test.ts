import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUsers } from '../../../apps/api/src/cli/users-command.js';
import { createUser, login, testPassword } from '../../support/accounts.js';
import { electionCode } from '../../support/election-fixture.js';
import { setupElection } from '../../support/pipeline.js';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';

// What an admin does to accounts through the API, and what the `users` CLI does: the same
// use cases, so the same rules, the same audit entries and the same refusals.
let api: TTestApi;
beforeAll(async () => {
  api = await createTestApi();
  await setupElection(api, 4);
});
afterAll(async () => api?.close());

const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  api.app.inject({ method, url, headers: adminHeaders, ...(payload ? { payload } : {}) });
const me = (cookie: string) => api.app.inject({ method: 'GET', url: '/v1/auth/me', headers: { cookie } });
const auditOf = async (action: string) =>
  (
    await api.database.db
      .selectFrom('audit_log')
      .select(['actor', 'subject'])
      .where('action', '=', action)
      .orderBy('id')
      .execute()
  ).map((e) => ({ actor: e.actor, subject: e.subject as unknown }));

describe('accounts through the admin API', () => {
  it('creates, lists, changes and disables accounts, each change in the audit log', async () => {
    const created = await admin('POST', '/v1/admin/users', {
      username: 'Elena',
      password: testPassword,
      role: 'analyst',
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    expect(created.json()).toEqual({ id, username: 'elena', role: 'analyst', disabled: false });
    const taken = await admin('POST', '/v1/admin/users', { username: 'ELENA', password: testPassword, role: 'admin' });
    expect(taken.statusCode).toBe(409);

    const changed = await admin('PATCH', `/v1/admin/users/${id}`, { role: 'journalist' });
    expect(changed.json()).toEqual({ id, username: 'elena', role: 'journalist', disabled: false });
    expect((await admin('PATCH', '/v1/admin/users/999999', { role: 'admin' })).statusCode).toBe(404);
    // Nothing to change, or a key that is no field: a 400 naming it, and nothing written.
    const auditBefore = (await auditOf('user.update')).length;
    for (const [body, named] of [
      [{}, 'role'],
      [{ roles: 'admin' }, 'roles'],
    ] as const) {
      const refused = await admin('PATCH', `/v1/admin/users/${id}`, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.body).toContain(named);
    }
    expect(await auditOf('user.update')).toHaveLength(auditBefore);
    await admin('PATCH', `/v1/admin/users/${id}`, { disabled: true });
    const listed = (await admin('GET', '/v1/admin/users')).json().users;
    expect(listed).toContainEqual({ id, username: 'elena', role: 'journalist', disabled: true });
    const enabled = await admin('PATCH', `/v1/admin/users/${id}`, { disabled: false });
    expect(enabled.json().disabled).toBe(false);

    expect(await auditOf('user.create')).toContainEqual({
      actor: 'root',
      subject: { user: id, username: 'elena', role: 'analyst' },
    });
    expect((await auditOf('user.update')).filter((e) => (e.subject as { user: number }).user === id)).toEqual([
      { actor: 'root', subject: { user: id, role: 'journalist' } },
      { actor: 'root', subject: { user: id, disabled: true } },
      { actor: 'root', subject: { user: id, disabled: false } },
    ]);
  });

  it('logs an account out everywhere, and only that account', async () => {
    const { id, cookie } = await createUser(api, 'fyodor', 'digitizer');
    const second = await login(api, 'fyodor');
    const other = await createUser(api, 'galina', 'digitizer');
    const revoked = await admin('POST', `/v1/admin/users/${id}/revoke-sessions`);
    expect(revoked.json()).toEqual({ revoked: 2, tokens: 0 });
    expect([(await me(cookie)).statusCode, (await me(second)).statusCode]).toEqual([401, 401]);
    expect((await me(other.cookie)).statusCode).toBe(200);
    expect((await admin('POST', `/v1/admin/users/${id}/revoke-sessions`)).json()).toEqual({ revoked: 0, tokens: 0 });
    // Issue 14, item 16: nobody by that id is 404, and nothing is recorded as revoked.
    const nobody = await admin('POST', `/v1/admin/users/999999/revoke-sessions`);
    expect(nobody.statusCode).toBe(404);
    expect((await auditOf('user.revoke_sessions')).map((e) => e.subject)).toEqual([{ user: id }, { user: id }]);
  });

  it('grants a region once, withdraws it, and refuses what does not exist', async () => {
    const { id } = await createUser(api, 'hanna', 'analyst');
    const grant = { election: electionCode, region: 'Minsk' };
    const first = await admin('POST', `/v1/admin/users/${id}/grants`, grant);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ id: first.json().id, ...grant });
    const again = await admin('POST', `/v1/admin/users/${id}/grants`, grant);
    expect(again.json().id).toBe(first.json().id);
    const noRegion = await admin('POST', `/v1/admin/users/${id}/grants`, { election: electionCode, region: 'Gomel' });
    expect(noRegion.statusCode).toBe(404);
    expect((await admin('POST', '/v1/admin/users/999999/grants', grant)).statusCode).toBe(404);

    const grantUrl = `/v1/admin/users/${id}/grants/${first.json().id}`;
    expect((await admin('DELETE', `/v1/admin/users/${id + 1000}/grants/${first.json().id}`)).statusCode).toBe(404);
    const removed = await admin('DELETE', grantUrl);
    expect([removed.statusCode, removed.json()]).toEqual([200, { status: 'deleted' }]);
    expect((await admin('DELETE', grantUrl)).statusCode).toBe(404);
    expect((await auditOf('grant.create')).filter((e) => (e.subject as { user: number }).user === id)).toHaveLength(2);
    expect((await auditOf('grant.delete')).map((e) => e.subject)).toEqual([{ user: id, grant: first.json().id }]);
  });
});

describe('API tokens of one person', () => {
  it('cannot be revoked by another person, and are audited when made and revoked', async () => {
    const owner = await createUser(api, 'ivan', 'journalist');
    const stranger = await createUser(api, 'jana', 'journalist');
    const made = await api.app.inject({
      method: 'POST',
      url: '/v1/auth/tokens',
      headers: { cookie: owner.cookie },
      payload: { name: 'feed' },
    });
    const { id, expiresAt } = made.json();
    const revoke = (cookie: string) =>
      api.app.inject({ method: 'DELETE', url: `/v1/auth/tokens/${id}`, headers: { cookie } });
    expect((await revoke(stranger.cookie)).statusCode).toBe(404);
    expect((await revoke(owner.cookie)).statusCode).toBe(200);
    expect((await revoke(owner.cookie)).statusCode).toBe(404);
    expect(await auditOf('token.create')).toEqual([
      { actor: `user:${owner.id}:ivan`, subject: { token: id, name: 'feed', expiresAt } },
    ]);
    expect(await auditOf('token.revoke')).toEqual([{ actor: `user:${owner.id}:ivan`, subject: { token: id } }]);
  });
});

describe('npm run cli -- users', () => {
  const users = (args: string[], env: Record<string, string> = {}) => runUsers(api.database.db, args, env);

  it('creates an account that can log in, with the password given or one made up', async () => {
    const given = await users(['create', '--username', 'Kira', '--role', 'admin'], {
      CROSSTALLY_PASSWORD: testPassword,
    });
    expect(given).toBe('user kira (admin) created with the password from CROSSTALLY_PASSWORD');
    await login(api, 'kira');
    const made = await users(['create', '--username', 'lev', '--role', 'digitizer']);
    const password = /password \(shown once\): (\S+)$/.exec(made)![1]!;
    await login(api, 'lev', password);
    const entry = (await auditOf('user.create')).find((e) => (e.subject as { username: string }).username === 'kira');
    expect(entry?.actor).toMatch(/^cli:/);
  });

  it('refuses what the API refuses, with the reason', async () => {
    const env = { CROSSTALLY_PASSWORD: testPassword };
    await expect(users(['create', '--username', 'kira', '--role', 'analyst'], env)).rejects.toThrow('is taken');
    await expect(users(['create', '--username', 'mila', '--role', 'boss'], env)).rejects.toThrow('--role');
    await expect(users(['create', '--username', 'm!', '--role', 'analyst'], env)).rejects.toThrow('--username');
    await expect(users(['create', '--role', 'analyst'], env)).rejects.toThrow('missing --username');
    await expect(
      users(['create', '--username', 'mila', '--role', 'analyst'], { CROSSTALLY_PASSWORD: 'short' }),
    ).rejects.toThrow('at least 12 characters');
    // Longer than the login takes: such an account could never log in.
    await expect(
      users(['create', '--username', 'mila', '--role', 'analyst'], { CROSSTALLY_PASSWORD: 'x'.repeat(1001) }),
    ).rejects.toThrow('CROSSTALLY_PASSWORD');
    await expect(users(['delete'], env)).rejects.toThrow('unknown users command');
  });
});
