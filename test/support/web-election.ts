import { election, electionCode, stationsHeader } from './election-fixture.js';
import { adminHeaders, type TTestApi } from './test-api.js';

/** Stations with real-looking names and addresses in both spellings, for the search. */
export const webStations = [
  ['0001', 'Minsk/Frunzensky', 'Школа № 12', 'Школа № 12', 'вуліца Шчарбакова, 5, Мінск', 'улица Щербакова, 5, Минск'],
  [
    '0002',
    'Minsk/Frunzensky',
    'Гімназія № 3',
    'Гимназия № 3',
    'вуліца Савецкая, 3, Мінск',
    'улица Советская, 3, Минск',
  ],
  [
    '0003',
    'Hrodna/Hrodna',
    'Палац культуры',
    'Дворец культуры',
    'вуліца Ажэшкі, 10, Гродна',
    'улица Ожешко, 10, Гродно',
  ],
  ['0004', 'Brest/Brest', 'Школа № 1', 'Школа № 1', 'вуліца Касцюшкі, 1, Брэст', 'улица Костюшко, 1, Брест'],
];

export async function setupWebElection(api: TTestApi): Promise<void> {
  const created = await api.app.inject({
    method: 'POST',
    url: '/v1/admin/elections',
    headers: adminHeaders,
    payload: election,
  });
  if (created.statusCode >= 300) throw new Error(`election: ${created.body}`);
  const csv =
    [stationsHeader, ...webStations.map((s) => [...s.map((v) => `"${v}"`), '1500'].join(','))].join('\n') + '\n';
  const imported = await api.app.inject({
    method: 'POST',
    url: `/v1/admin/elections/${electionCode}/stations`,
    headers: { ...adminHeaders, 'content-type': 'text/csv' },
    payload: csv,
  });
  if (imported.statusCode >= 300) throw new Error(`stations: ${imported.body}`);
}
