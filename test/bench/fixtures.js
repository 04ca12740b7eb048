// What the real API needs around it: a fresh database, the fixture election with its
// stations, and afterwards nothing left behind in PostgreSQL or Redis.
import { presidentialDefinition } from '@crosstally/shared';
import { Redis } from 'ioredis';
import pg from 'pg';

export const ELECTION = presidentialDefinition.code;
export const CANDIDATES = presidentialDefinition.candidates.map((c) => c.key);

/** @param {number} i 0-based @returns {string} */
export const stationCode = (i) => String(i + 1).padStart(4, '0');

/** @param {string} databaseUrl @param {string} sql */
async function onMaintenanceDb(databaseUrl, sql) {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** @param {string} databaseUrl */
export async function dropDatabase(databaseUrl) {
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing odd database name ${name}`);
  await onMaintenanceDb(databaseUrl, `drop database if exists ${name} with (force)`);
}

/**
 * Defines the fixture election and `stations` stations through the admin API.
 * @param {string} base @param {string} adminToken @param {number} stations
 */
export async function importElection(base, adminToken, stations) {
  const auth = { authorization: `Bearer ${adminToken}` };
  const created = await fetch(`${base}/v1/admin/elections`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(presidentialDefinition),
  });
  if (created.status !== 201) throw new Error(`election import: ${created.status} ${await created.text()}`);
  const lines = ['code,region_path,name_be,name_ru,address_be,address_ru,voters_on_list'];
  for (let i = 0; i < stations; i++) {
    lines.push(`${stationCode(i)},Minsk/District ${(i % 9) + 1},name,name,addr,addr,1500`);
  }
  const imported = await fetch(`${base}/v1/admin/elections/${ELECTION}/stations`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/csv' },
    body: `${lines.join('\n')}\n`,
  });
  if (imported.status !== 200) throw new Error(`stations import: ${imported.status} ${await imported.text()}`);
}

/**
 * Rows the API stored: checks that the figures measured real writes.
 * @param {string} databaseUrl
 * @returns {Promise<{ selfReports: number, photos: number, relayed: number }>}
 */
export async function countRows(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`select
      (select count(*) from self_report)::int as "selfReports",
      (select count(*) from protocol_photo)::int as photos,
      (select count(*) from outbox where relayed_at is not null)::int as relayed`);
    return rows[0];
  } finally {
    await client.end();
  }
}

/** Deletes every Redis key under this run's own queue prefix. @param {string} url @param {string} prefix */
export async function clearRedisPrefix(url, prefix) {
  if (!/^bench-[a-z0-9]+$/.test(prefix)) throw new Error(`refusing odd prefix ${prefix}`);
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    const stream = redis.scanStream({ match: `${prefix}:*`, count: 1000 });
    for await (const keys of stream) {
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
  return deleted;
}
