import type { TRole } from '@crosstally/shared';
import { formTokenOf } from '../../apps/api/src/auth/cross-site.js';
import { adminHeaders, type TTestApi } from './test-api.js';

export const testPassword = 'correct horse battery staple';

/** Creates an account through the admin API and logs it in; returns its session cookie. */
export async function createUser(
  api: TTestApi,
  username: string,
  role: TRole,
  grants: { election: string; region: string }[] = [],
): Promise<{ id: number; cookie: string }> {
  const created = await api.app.inject({
    method: 'POST',
    url: '/v1/admin/users',
    headers: adminHeaders,
    payload: { username, password: testPassword, role },
  });
  if (created.statusCode !== 201) throw new Error(`create ${username}: ${created.body}`);
  const id = created.json().id as number;
  for (const grant of grants) {
    const res = await api.app.inject({
      method: 'POST',
      url: `/v1/admin/users/${id}/grants`,
      headers: adminHeaders,
      payload: grant,
    });
    if (res.statusCode !== 201) throw new Error(`grant ${username}: ${res.body}`);
  }
  return { id, cookie: await login(api, username) };
}

export async function login(api: TTestApi, username: string, password = testPassword): Promise<string> {
  const res = await api.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'ct_session');
  if (!cookie) throw new Error('no session cookie');
  return `ct_session=${cookie.value}`;
}

/** The form token of the session in `cookie` (`ct_session=…`): what that session's forms post as _csrf. */
export function formTokenFor(cookie: string): string {
  return formTokenOf(cookie.replace(/^ct_session=/, ''));
}
