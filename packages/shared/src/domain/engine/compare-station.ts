import { findArithmetic } from './arithmetic.js';
import { findConflictingProtocols } from './conflicting-protocols.js';
import { findCrowdExceedsOfficial } from './crowd-exceeds-official.js';
import type { TFinding, TFormForEngine, TPolicy, TStationEvidence } from './engine-types.js';
import { findInsufficientEvidence, hasCrowdCounts } from './insufficient-evidence.js';
import { selectOfficial } from './official.js';
import { findOfficialRevised } from './official-revised.js';
import { prepareForm } from './prepare-form.js';
import { findDuplicatePhoto, findWrongStation } from './photo-integrity.js';
import { findProtocolMismatch } from './protocol-mismatch.js';
import { groupReadings, selectReadings } from './readings.js';
import { findSybilSignal } from './sybil-signal.js';

/**
 * Compares one station's evidence with its official result. Pure: the same form, evidence and
 * policy give deep-equal findings, whatever the order of versions, readings and counts.
 *
 * `form` may be a raw TFormForEngine or the result of `prepareForm(form)`: either way the
 * per-form work is done once per form object (cached by identity), so a caller looping over a
 * million stations passes the same form object each time and pays one WeakMap lookup.
 *
 * Findings come in canonical order: by kind in the order of TFindingKind (each step below
 * appends one kind, in that order), then by subject (each step sorts its own when it has
 * more than one).
 */
export function compareStation(form: TFormForEngine, evidence: TStationEvidence, policy: TPolicy): TFinding[] {
  const prepared = prepareForm(form);
  const official = selectOfficial(prepared, evidence.official);
  const readings = selectReadings(prepared, evidence, policy);
  const groups = groupReadings(readings);
  const findings: TFinding[] = [];
  const sybil = findSybilSignal(evidence, policy);

  // Without a published result there is nothing to hold the crowd or the photos against.
  const crowdProof =
    official !== null &&
    findCrowdExceedsOfficial(prepared, evidence, official, policy, sybil?.holds ?? false, findings);
  const mismatch = official === null ? null : findProtocolMismatch(prepared, groups, official, policy);
  if (mismatch !== null) findings.push(mismatch);
  const conflict = findConflictingProtocols(prepared, groups, policy);
  if (conflict !== null) findings.push(conflict);
  const arithmetic = findArithmetic(prepared, evidence.station.votersOnList, official, readings, policy, findings);
  const revised = official === null ? null : findOfficialRevised(prepared, official, policy);
  if (revised !== null) findings.push(revised);
  const wrongStation = findWrongStation(evidence, policy);
  if (wrongStation !== null) findings.push(wrongStation);
  const duplicate = findDuplicatePhoto(evidence, policy);
  if (duplicate !== null) findings.push(duplicate);
  if (sybil !== null) findings.push(sybil.finding);

  const decisive = crowdProof || mismatch !== null || arithmetic > 0;
  // An electorate nobody published leaves the turnout check undone, whatever else was found.
  const missingElectorate = evidence.station.votersOnList === null;
  if (!decisive || missingElectorate) {
    const insufficient = findInsufficientEvidence(
      {
        official: !decisive && official === null,
        readings: !decisive && readings.length === 0,
        crowd: !decisive && !hasCrowdCounts(prepared, evidence),
        electorate: missingElectorate,
      },
      policy,
    );
    if (insufficient !== null) findings.push(insufficient);
  }
  return findings;
}
