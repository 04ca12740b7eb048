import { readFile } from 'node:fs/promises';
import { generateElection, defaultSyntheticOptions, summarizeElection } from '@crosstally/shared';
import { loadApiConfig } from '../config.js';
import { feedElection } from './feed-election.js';

// `npm start` runs this once the API and worker answer: on a platform with no election yet it
// generates a demo election with a known falsified subset and feeds it through the real API.
const config = loadApiConfig();
const base = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
const adminToken = config.adminToken ?? (await readFile(config.adminTokenFile, 'utf8')).trim();

const existing = (await (await fetch(`${base}/v1/elections`)).json()) as { elections: { code: string }[] };
if (existing.elections.length > 0) {
  console.log(`elections here: ${existing.elections.map((e) => e.code).join(', ')} (no demo added)`);
  printLinks(existing.elections[0]!.code);
  process.exit(0);
}

const started = Date.now();
// Opposition voters report as eagerly as they did with Golos in 2020: enough of them that the
// crowd can prove where votes were taken, not only signal it.
const election = generateElection({
  ...defaultSyntheticOptions(2020),
  stations: 200,
  participation: [0.02, 0.45, 0.35, 0.3, 0.25],
  ballotPhotoShare: 0.8,
  // As in Belarus 2020, where opposition candidates kept a small part of their votes.
  movedShare: [0.5, 0.9],
});
const summary = summarizeElection(election);
console.log(
  `demo election ${election.definition.code}: ${summary.stations} stations, ${summary.falsified} falsified, ` +
    `${summary.selfReports} self-reports, ${election.photos.length} protocol photos — feeding it through the API…`,
);
const outcome = await feedElection(election, { base, adminToken, log: (m) => console.log(`  ${m}`) });
// A demo's report is public at once; a real election's waits for an admin's decision.
await fetch(`${base}/v1/admin/elections/${election.definition.code}/publish`, {
  method: 'POST',
  headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
  body: JSON.stringify({ published: true }),
});
const rejected = Object.entries(outcome.selfReports.byStatus)
  .filter(([status]) => Number(status) >= 400)
  .map(([status, n]) => `${n}×${status}`);
console.log(
  `demo fed in ${((Date.now() - started) / 1000).toFixed(1)} s` +
    (rejected.length ? ` (refused as the API should: ${rejected.join(', ')} — mistyped stations)` : ''),
);
printLinks(election.definition.code);

function printLinks(code: string): void {
  console.log(`
  the web site:      ${base}/  (be: ${base}/be/, ru: ${base}/ru/, en: ${base}/en/)
  the report page:   ${base}/en/e/${code}/report
  a station page:    ${base}/en/e/${code}/s/01-001-0001
  flags by region:   ${base}/v1/elections/${code}/summary
  the report (CSV):  ${base}/v1/elections/${code}/report.csv
  the report (JSON): ${base}/v1/elections/${code}/report.json
  how it is made:    ${base}/v1/elections/${code}/method
  API docs:          ${base}/docs
`);
}
