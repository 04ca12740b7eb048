// The generated election the engine and recompute scenarios share: generated once per run
// (about 1.5 s for 100,000 stations), then turned into the engine's inputs.
import { createHash } from 'node:crypto';
import {
  compileFormTemplate,
  countSelfReports,
  defaultSyntheticOptions,
  generateElection,
  prepareForm,
} from '@crosstally/shared';

/** @typedef {import('@crosstally/shared').TSyntheticElection} TSyntheticElection */
/** @typedef {import('@crosstally/shared').TStationEvidence} TStationEvidence */
/** @typedef {import('@crosstally/shared').TPhotoReading} TPhotoReading */

export const SEED = 2020;
/** The generator's participation divided by this: fewer reports, so 100,000 stations stay light. */
const PARTICIPATION_DIVISOR = 10;

/** @type {Map<number, TSyntheticElection>} */
const cache = new Map();

/**
 * The election of `stations` stations with a tenth of the default participation (about 2.7
 * reports per station), generated once per process.
 * @param {number} stations
 * @returns {TSyntheticElection}
 */
export function benchElection(stations) {
  let election = cache.get(stations);
  if (election === undefined) {
    const options = defaultSyntheticOptions(SEED);
    options.stations = stations;
    options.participation = options.participation.map((p) => p / PARTICIPATION_DIVISOR);
    election = generateElection(options);
    cache.set(stations, election);
  }
  return election;
}

/** Lets the generated elections go (a few hundred MB for 100,000 stations). */
export function forgetBenchElections() {
  cache.clear();
}

/** A made-up sha256 for the `shot`-th photo of a station: stands in for the file's hash. @param {string} station @param {number} shot */
export const fakePhotoSha = (station, shot) => createHash('sha256').update(`${station}#${shot}`).digest('hex');

/**
 * The engine's view of the election: its prepared form, and per station the official
 * versions, one QR reading per photo (the photographed values) and the self-report counts.
 * @param {TSyntheticElection} election
 * @returns {{ form: import('@crosstally/shared').TPreparedForm, evidence: TStationEvidence[] }}
 */
export function engineInputs(election) {
  const form = prepareForm(compileFormTemplate(election.definition));
  const crowd = countSelfReports(election.selfReports);
  /** @type {Map<string, TPhotoReading[]>} */
  const readings = new Map();
  for (const p of election.photos) {
    let list = readings.get(p.station);
    if (list === undefined) readings.set(p.station, (list = []));
    list.push({
      photoSha256: fakePhotoSha(p.station, p.shot),
      method: 'qr',
      confidence: 1,
      stationCodeRead: p.station,
      values: p.values,
    });
  }
  const evidence = election.stations.map((s) => ({
    station: { code: s.code, votersOnList: s.votersOnList },
    official: s.official.map((values, i) => ({ version: i + 1, values })),
    readings: readings.get(s.code) ?? [],
    selfReports: crowd.get(s.code) ?? [],
    partners: [],
  }));
  return { form, evidence };
}

/**
 * `times` copies of the stations under distinct codes (`<code>~<k>`), sharing the numbers:
 * only the station and the readings (which name the station read off the photo) are new.
 * @param {TStationEvidence[]} evidence @param {number} times
 * @returns {TStationEvidence[]}
 */
export function replicate(evidence, times) {
  const out = new Array(evidence.length * times);
  let n = 0;
  for (let k = 0; k < times; k++) {
    for (const e of evidence) {
      const code = `${e.station.code}~${k}`;
      out[n++] = {
        station: { code, votersOnList: e.station.votersOnList },
        official: e.official,
        readings: e.readings.map((r) => ({ ...r, stationCodeRead: code })),
        selfReports: e.selfReports,
        partners: e.partners,
      };
    }
  }
  return out;
}
