import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../support/accounts.js';
import { election, electionCode, officialCsv } from '../../support/election-fixture.js';
import { jpegWithGps } from '../../support/images.js';
import { recomputeElection } from '../../support/election-jobs.js';
import { multipart } from '../../support/multipart.js';
import { setupElection } from '../../support/pipeline.js';
import { adminHeaders, createTestApi, testAdminToken, type TTestApi } from '../../support/test-api.js';
import { isWebRoute } from '../../support/web-routes.js';
import { issueCodes } from '../../support/invitation-codes.js';

// Who may do what, route by route. Every request asks for station 0001 or its flag, in
// Minsk: inside the grants of the scoped accounts, outside those of the analyst granted
// Brest only (for whom it must read as missing). Every route of the API must
// have a row: a new route without one fails this test.
type TWho = 'anonymous' | 'root' | 'admin' | 'analyst' | 'analystElsewhere' | 'digitizer' | 'journalist';
type TAccess =
  | { open: true } // anyone, voters included
  | { roles: TWho[]; scoped?: true } // these; anonymous 401, other roles 403; scoped: out of scope 404
  | { exact: Partial<Record<TWho, number>> }; // spelled out
type TCase = { in: () => Promise<Req> };
type Req = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
};

const staff: TWho[] = ['root', 'admin', 'analyst', 'analystElsewhere', 'digitizer', 'journalist'];
const admins: TWho[] = ['root', 'admin'];
const reviewers: TWho[] = ['root', 'admin', 'analyst', 'analystElsewhere'];
const e = electionCode;
let api: TTestApi;
const ids = { flagIn: '', photo: '', ballot: '', spareUser: 0, recomputeJob: '' };
const headersOf: Record<TWho, Record<string, string>> = {} as never;

const unreadPhotoAccess = {
  anonymous: 404,
  root: 200,
  admin: 200,
  analyst: 200,
  analystElsewhere: 404,
  digitizer: 200,
  journalist: 200,
};

const matrix: Record<string, { access: TAccess } & TCase> = {
  'GET /health': { access: { open: true }, in: async () => ({ method: 'GET', url: '/health' }) },
  'GET /ready': { access: { open: true }, in: async () => ({ method: 'GET', url: '/ready' }) },
  'GET /docs/json': { access: { open: true }, in: async () => ({ method: 'GET', url: '/docs/json' }) },
  'GET /docs/yaml': { access: { open: true }, in: async () => ({ method: 'GET', url: '/docs/yaml' }) },
  'GET /docs/static/index.html': {
    access: { open: true },
    in: async () => ({ method: 'GET', url: '/docs/static/index.html' }),
  },
  'GET /docs/static/swagger-initializer.js': {
    access: { open: true },
    in: async () => ({ method: 'GET', url: '/docs/static/swagger-initializer.js' }),
  },
  'GET /docs/static/*': {
    access: { open: true },
    in: async () => ({ method: 'GET', url: '/docs/static/swagger-ui.css' }),
  },
  'GET /docs': { access: { open: true }, in: async () => ({ method: 'GET', url: '/docs' }) },
  'GET /v1/elections': { access: { open: true }, in: async () => ({ method: 'GET', url: '/v1/elections' }) },
  'GET /v1/elections/:election': {
    access: { open: true },
    in: async () => ({ method: 'GET', url: `/v1/elections/${e}` }),
  },
  'GET /v1/elections/:election/stations/:station': {
    access: { open: true },
    in: async () => ({ method: 'GET', url: `/v1/elections/${e}/stations/0001` }),
  },
  'POST /v1/elections/:election/self-reports': {
    access: { open: true },
    in: async () => ({
      method: 'POST',
      url: `/v1/elections/${e}/self-reports`,
      payload: {
        station: '0001',
        candidate: 'adamovich',
        voterKind: 'code',
        voterToken: `MATRIX-${Math.random().toString(36).slice(2, 10)}`,
      },
    }),
  },
  'POST /v1/elections/:election/self-reports/form': {
    access: { open: true },
    in: async () => ({
      method: 'POST',
      url: `/v1/elections/${e}/self-reports/form`,
      ...multipart({
        station: '0001',
        candidate: 'adamovich',
        voterKind: 'code',
        voterToken: `MATRIX-${Math.random().toString(36).slice(2, 10)}`,
      }),
    }),
  },
  'POST /v1/elections/:election/stations/:station/photos': {
    access: { open: true },
    in: async () => ({
      method: 'POST',
      url: `/v1/elections/${e}/stations/0001/photos`,
      ...multipart({}, [
        {
          field: 'photo',
          filename: 'p.jpg',
          contentType: 'image/jpeg',
          data: await jpegWithGps(Math.floor(Math.random() * 1e6), { width: 32, height: 24 }),
        },
      ]),
    }),
  },
  'GET /v1/photos/:id': { access: { open: true }, in: async () => ({ method: 'GET', url: `/v1/photos/${ids.photo}` }) },
  // A protocol is a public document once read as one; this photo nobody has read yet, so only
  // staff in its region see it (anyone else: as if missing).
  'GET /v1/photos/:id/image': {
    access: { exact: unreadPhotoAccess },
    in: async () => ({ method: 'GET', url: `/v1/photos/${ids.photo}/image` }),
  },
  'GET /v1/photos/:id/view': {
    access: { exact: unreadPhotoAccess },
    in: async () => ({ method: 'GET', url: `/v1/photos/${ids.photo}/view` }),
  },
  // Unpublished: the public sees no report at all; accounts see their scope's rows.
  'GET /v1/elections/:election/report.csv': {
    access: {
      exact: {
        anonymous: 404,
        root: 200,
        admin: 200,
        analyst: 200,
        analystElsewhere: 200,
        digitizer: 403,
        journalist: 200,
      },
    },
    in: async () => ({ method: 'GET', url: `/v1/elections/${e}/report.csv` }),
  },
  'GET /v1/elections/:election/report.json': {
    access: {
      exact: {
        anonymous: 404,
        root: 200,
        admin: 200,
        analyst: 200,
        analystElsewhere: 200,
        digitizer: 403,
        journalist: 200,
      },
    },
    in: async () => ({ method: 'GET', url: `/v1/elections/${e}/report.json` }),
  },
  'GET /v1/elections/:election/method': {
    access: {
      exact: {
        anonymous: 404,
        root: 200,
        admin: 200,
        analyst: 200,
        analystElsewhere: 200,
        digitizer: 403,
        journalist: 200,
      },
    },
    in: async () => ({ method: 'GET', url: `/v1/elections/${e}/method` }),
  },
  'GET /v1/elections/:election/summary': {
    access: {
      exact: {
        anonymous: 404,
        root: 200,
        admin: 200,
        analyst: 200,
        analystElsewhere: 200,
        digitizer: 403,
        journalist: 200,
      },
    },
    in: async () => ({ method: 'GET', url: `/v1/elections/${e}/summary` }),
  },
  'GET /v1/elections/:election/forensics': {
    access: {
      exact: {
        anonymous: 404,
        root: 200,
        admin: 200,
        analyst: 200,
        analystElsewhere: 200,
        digitizer: 403,
        journalist: 200,
      },
    },
    in: async () => ({ method: 'GET', url: `/v1/elections/${e}/forensics` }),
  },
  'GET /v1/elections/:election/estimate': {
    access: {
      exact: {
        anonymous: 404,
        root: 200,
        admin: 200,
        analyst: 200,
        analystElsewhere: 200,
        digitizer: 403,
        journalist: 200,
      },
    },
    in: async () => ({ method: 'GET', url: `/v1/elections/${e}/estimate` }),
  },
  'POST /v1/admin/elections': {
    access: { roles: admins },
    in: async () => ({ method: 'POST', url: '/v1/admin/elections', payload: election }),
  },
  'POST /v1/admin/elections/:election/stations': {
    access: { roles: admins },
    in: async () => ({
      method: 'POST',
      url: `/v1/admin/elections/${e}/stations`,
      payload: 'code,region_path,name_be,name_ru,address_be,address_ru,voters_on_list\n',
      headers: { 'content-type': 'text/csv' },
    }),
  },
  'POST /v1/admin/elections/:election/official': {
    access: { roles: admins },
    in: async () => ({
      method: 'POST',
      url: `/v1/admin/elections/${e}/official`,
      payload: officialCsv(['0001']),
      headers: { 'content-type': 'text/csv' },
    }),
  },
  'POST /v1/admin/elections/:election/partners': {
    access: { roles: admins },
    in: async () => ({
      method: 'POST',
      url: `/v1/admin/elections/${e}/partners`,
      payload: 'station_code,subject,verified,unverified,source\n',
      headers: { 'content-type': 'text/csv' },
    }),
  },
  'POST /v1/admin/elections/:election/recompute': {
    access: { roles: admins },
    in: async () => ({ method: 'POST', url: `/v1/admin/elections/${e}/recompute` }),
  },
  'GET /v1/admin/elections/:election/policy': {
    access: { roles: admins },
    in: async () => ({ method: 'GET', url: `/v1/admin/elections/${e}/policy` }),
  },
  'PUT /v1/admin/elections/:election/policy': {
    access: { roles: admins },
    in: async () => ({ method: 'PUT', url: `/v1/admin/elections/${e}/policy`, payload: {} }),
  },
  'GET /v1/admin/jobs/:jobId': {
    access: { roles: admins },
    in: async () => ({ method: 'GET', url: `/v1/admin/jobs/${ids.recomputeJob}` }),
  },
  'POST /v1/admin/elections/:election/publish': {
    access: { roles: admins },
    in: async () => ({ method: 'POST', url: `/v1/admin/elections/${e}/publish`, payload: { published: false } }),
  },
  'POST /v1/auth/login': {
    access: {
      exact: {
        anonymous: 401,
        root: 401,
        admin: 401,
        analyst: 401,
        analystElsewhere: 401,
        digitizer: 401,
        journalist: 401,
      },
    },
    in: async () => ({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { username: `nobody-${Math.random().toString(36).slice(2, 10)}`, password: 'wrong password here' },
    }),
  },
  'GET /v1/auth/me': { access: { roles: staff }, in: async () => ({ method: 'GET', url: '/v1/auth/me' }) },
  'POST /v1/auth/tokens': {
    access: {
      exact: {
        anonymous: 401,
        root: 403,
        admin: 201,
        analyst: 201,
        analystElsewhere: 201,
        digitizer: 201,
        journalist: 201,
      },
    },
    in: async () => ({ method: 'POST', url: '/v1/auth/tokens', payload: { name: 'matrix' } }),
  },
  'GET /v1/auth/tokens': {
    access: {
      exact: {
        anonymous: 401,
        root: 403,
        admin: 200,
        analyst: 200,
        analystElsewhere: 200,
        digitizer: 200,
        journalist: 200,
      },
    },
    in: async () => ({ method: 'GET', url: '/v1/auth/tokens' }),
  },
  'DELETE /v1/auth/tokens/:id': {
    access: {
      exact: {
        anonymous: 401,
        root: 404,
        admin: 404,
        analyst: 404,
        analystElsewhere: 404,
        digitizer: 404,
        journalist: 404,
      },
    },
    in: async () => ({ method: 'DELETE', url: '/v1/auth/tokens/999999' }),
  },
  'POST /v1/admin/users': {
    access: { roles: admins },
    in: async () => ({
      method: 'POST',
      url: '/v1/admin/users',
      payload: {
        username: `m${Math.random().toString(36).slice(2, 9)}`,
        password: 'a long enough password',
        role: 'journalist',
      },
    }),
  },
  'GET /v1/admin/users': { access: { roles: admins }, in: async () => ({ method: 'GET', url: '/v1/admin/users' }) },
  'PATCH /v1/admin/users/:id': {
    access: { roles: admins },
    in: async () => ({ method: 'PATCH', url: `/v1/admin/users/${ids.spareUser}`, payload: { role: 'journalist' } }),
  },
  'POST /v1/admin/users/:id/revoke-sessions': {
    access: { roles: admins },
    in: async () => ({ method: 'POST', url: `/v1/admin/users/${ids.spareUser}/revoke-sessions` }),
  },
  'POST /v1/admin/users/:id/grants': {
    access: { roles: admins },
    in: async () => ({
      method: 'POST',
      url: `/v1/admin/users/${ids.spareUser}/grants`,
      payload: { election: e, region: 'Minsk' },
    }),
  },
  'DELETE /v1/admin/users/:id/grants/:grant': {
    access: {
      exact: {
        anonymous: 401,
        root: 404,
        admin: 404,
        analyst: 403,
        analystElsewhere: 403,
        digitizer: 403,
        journalist: 403,
      },
    },
    in: async () => ({ method: 'DELETE', url: `/v1/admin/users/${ids.spareUser}/grants/999999` }),
  },
  'GET /v1/review/elections/:election/flags': {
    access: { roles: reviewers },
    in: async () => ({ method: 'GET', url: `/v1/review/elections/${e}/flags` }),
  },
  'GET /v1/review/elections/:election/stations/:station': {
    access: { roles: reviewers, scoped: true },
    in: async () => ({ method: 'GET', url: `/v1/review/elections/${e}/stations/0001` }),
  },
  'POST /v1/review/flags/:id/decisions': {
    access: {
      exact: {
        anonymous: 401,
        root: 403,
        admin: 201,
        analyst: 201,
        analystElsewhere: 404,
        digitizer: 403,
        journalist: 403,
      },
    },
    in: async () => ({
      method: 'POST',
      url: `/v1/review/flags/${ids.flagIn}/decisions`,
      payload: { decision: 'needs_evidence' },
    }),
  },
  'POST /v1/review/flags/:id/notes': {
    access: {
      exact: {
        anonymous: 401,
        root: 403,
        admin: 201,
        analyst: 201,
        analystElsewhere: 404,
        digitizer: 403,
        journalist: 403,
      },
    },
    in: async () => ({ method: 'POST', url: `/v1/review/flags/${ids.flagIn}/notes`, payload: { text: 'matrix' } }),
  },
  'POST /v1/review/flags/:id/assign': {
    access: { roles: reviewers, scoped: true },
    in: async () => ({ method: 'POST', url: `/v1/review/flags/${ids.flagIn}/assign`, payload: { username: null } }),
  },
  'GET /v1/digitize/elections/:election/next': {
    access: {
      exact: {
        anonymous: 401,
        root: 403,
        admin: 200,
        analyst: 403,
        analystElsewhere: 403,
        digitizer: 200,
        journalist: 403,
      },
    },
    in: async () => ({ method: 'GET', url: `/v1/digitize/elections/${e}/next` }),
  },
  'GET /v1/digitize/photos/:id/image': {
    access: { roles: ['root', 'admin', 'digitizer'], scoped: true },
    in: async () => ({ method: 'GET', url: `/v1/digitize/photos/${ids.photo}/image` }),
  },
  'GET /v1/digitize/photos/:id/lines/:line': {
    access: { roles: ['root', 'admin', 'digitizer'], scoped: true },
    in: async () => ({ method: 'GET', url: `/v1/digitize/photos/${ids.photo}/lines/took_part` }),
  },
  'POST /v1/digitize/photos/:id/entries': {
    access: {
      exact: {
        anonymous: 401,
        root: 403,
        admin: 201,
        analyst: 403,
        analystElsewhere: 403,
        digitizer: 201,
        journalist: 403,
      },
    },
    in: async () => ({
      method: 'POST',
      url: `/v1/digitize/photos/${ids.photo}/entries`,
      payload: { stationCode: '0001', lines: { took_part: 5 }, supersede: true },
    }),
  },
  'GET /v1/checks/elections/:election/next': {
    access: {
      exact: {
        anonymous: 401,
        root: 403,
        admin: 200,
        analyst: 403,
        analystElsewhere: 403,
        digitizer: 200,
        journalist: 403,
      },
    },
    in: async () => ({ method: 'GET', url: `/v1/checks/elections/${e}/next` }),
  },
  // A ballot is shown to the people who check it, never to a server token.
  'GET /v1/checks/ballots/:id/image': {
    access: {
      exact: {
        anonymous: 401,
        root: 403,
        admin: 200,
        analyst: 403,
        analystElsewhere: 403,
        digitizer: 200,
        journalist: 403,
      },
    },
    in: async () => ({ method: 'GET', url: `/v1/checks/ballots/${ids.ballot}/image` }),
  },
  // Two people check a ballot (admin, then the digitizer): each is a first look of their own.
  'POST /v1/checks/ballots/:id': {
    access: {
      exact: {
        anonymous: 401,
        root: 403,
        admin: 201,
        analyst: 403,
        analystElsewhere: 403,
        digitizer: 201,
        journalist: 403,
      },
    },
    in: async () => ({
      method: 'POST',
      url: `/v1/checks/ballots/${ids.ballot}`,
      payload: { isBallot: true, candidate: 'adamovich', problems: [] },
    }),
  },
  // Last: it ends the caller's session.
  'POST /v1/auth/logout': { access: { open: true }, in: async () => ({ method: 'POST', url: '/v1/auth/logout' }) },
};

beforeAll(async () => {
  api = await createTestApi({}, { pipeline: true });
  await setupElection(api, 4);
  const csv = { ...adminHeaders, 'content-type': 'text/csv' };
  await api.app.inject({
    method: 'POST',
    url: `/v1/admin/elections/${e}/official`,
    headers: csv,
    payload: officialCsv(['0001', '0002'], (_c, v) => (v.invalid! += 3)),
  });
  await recomputeElection(api.app, e);
  const asked = await api.app.inject({
    method: 'POST',
    url: `/v1/admin/elections/${e}/recompute`,
    headers: adminHeaders,
  });
  ids.recomputeJob = asked.json().jobId;
  const flags = await api.database.db
    .selectFrom('flag')
    .innerJoin('station', 'station.id', 'flag.station_id')
    .select(['flag.id', 'station.code'])
    .where('flag.kind', '=', 'arithmetic')
    .execute();
  ids.flagIn = flags.find((f) => f.code === '0001')!.id;
  const photo = await api.app.inject({
    method: 'POST',
    url: `/v1/elections/${e}/stations/0001/photos`,
    ...multipart({}, [
      {
        field: 'photo',
        filename: 'p.jpg',
        contentType: 'image/jpeg',
        data: await jpegWithGps(1, { width: 32, height: 24 }),
      },
    ]),
  });
  ids.photo = photo.json().id;
  const [code] = await issueCodes(api, 1);
  const report = await api.app.inject({
    method: 'POST',
    url: `/v1/elections/${e}/self-reports/form`,
    ...multipart({ station: '0001', candidate: 'adamovich', voterKind: 'code', voterToken: code! }, [
      {
        field: 'ballot',
        filename: 'b.jpg',
        contentType: 'image/jpeg',
        data: await jpegWithGps(2, { width: 32, height: 24 }),
      },
    ]),
  });
  ids.ballot = (
    await api.database.db
      .selectFrom('ballot_photo')
      .select('id')
      .where('sha256', '=', report.json().ballotPhoto.sha256)
      .executeTakeFirstOrThrow()
  ).id;
  // As if the worker had found the printed sheet filling the 32 × 24 photo: its lines can be cut out.
  const sheet = { homography: [0.03, 0, 0, 0, 0.016, 0, 0, 0, 1], width: 32, height: 24 };
  await api.database.db
    .updateTable('protocol_photo')
    .set({ sheet: JSON.stringify(sheet) })
    .where('id', '=', ids.photo)
    .execute();
  const minsk = [{ election: e, region: 'Minsk' }];
  headersOf.anonymous = {};
  headersOf.root = { authorization: `Bearer ${testAdminToken}` };
  headersOf.admin = { cookie: (await createUser(api, 'm-admin', 'admin')).cookie };
  headersOf.analyst = { cookie: (await createUser(api, 'm-analyst', 'analyst', minsk)).cookie };
  headersOf.analystElsewhere = {
    cookie: (await createUser(api, 'm-brest', 'analyst', [{ election: e, region: 'Brest' }])).cookie,
  };
  headersOf.digitizer = { cookie: (await createUser(api, 'm-digitizer', 'digitizer', minsk)).cookie };
  headersOf.journalist = { cookie: (await createUser(api, 'm-journalist', 'journalist', minsk)).cookie };
  ids.spareUser = (await createUser(api, 'm-spare', 'journalist')).id;
});
afterAll(async () => api?.close());

function expected(access: TAccess, who: TWho, scopedOut: boolean): (status: number) => boolean {
  if ('open' in access) return (s) => s !== 401 && s !== 403;
  if ('exact' in access) return (s) => s === access.exact[who];
  if (who === 'anonymous') return (s) => s === 401;
  if (!access.roles.includes(who)) return (s) => s === 403;
  if (scopedOut) return (s) => s === 404;
  return (s) => s < 400;
}

describe('the access matrix', () => {
  it('has a row for every route of the API', () => {
    // The web pages have their own matrix (web-access.test.ts), which also requires a row each.
    const routes = api.app.routeList
      .filter((r) => r.method !== 'HEAD' && !isWebRoute(r.url))
      .map((r) => `${r.method} ${r.url}`);
    const missing = routes.filter((r) => !(r in matrix));
    expect(missing, 'routes without a row in the access matrix').toEqual([]);
  });

  it('answers every route, role and scope as the matrix says', async () => {
    const failures: string[] = [];
    for (const [route, row] of Object.entries(matrix)) {
      for (const who of Object.keys(headersOf) as TWho[]) {
        const req = await row.in();
        const res = await api.app.inject({ ...req, headers: { ...req.headers, ...headersOf[who] } } as never);
        const scopedOut = 'roles' in row.access && row.access.scoped === true && who === 'analystElsewhere';
        if (!expected(row.access, who, scopedOut)(res.statusCode))
          failures.push(`${route} as ${who}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
