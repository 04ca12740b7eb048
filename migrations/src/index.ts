import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import * as createRegistry from './2026_11_21_000100_create_registry.js';
import * as createEvidence from './2026_11_21_000200_create_evidence.js';
import * as createFindings from './2026_11_22_000300_create_findings.js';
import * as createAccounts from './2026_11_22_000400_create_accounts.js';
import * as createDigitization from './2026_11_22_000500_create_digitization.js';
import * as addPhotoSheet from './2026_11_22_000600_add_photo_sheet.js';
import * as addPhotoFailureCode from './2026_11_22_000700_add_photo_failure_code.js';
import * as addOutboxDone from './2026_12_04_000100_add_outbox_done.js';
import * as addElectionCountry from './2026_12_04_000200_add_election_country.js';
import * as addVoterIdentity from './2026_12_07_000100_add_voter_identity.js';
import * as createBallotChecks from './2026_12_07_000200_create_ballot_checks.js';
import * as createTelegram from './2026_12_07_000300_create_telegram.js';
import * as allowUnknownElectorate from './2026_12_07_000400_allow_unknown_electorate.js';
import * as addTelegramUpdateHandled from './2026_12_07_000500_add_telegram_update_handled.js';
import * as dropTelegramChatStep from './2026_12_07_000600_drop_telegram_chat_step.js';
import * as addBallotCopyPrint from './2026_12_08_000100_add_ballot_copy_print.js';
import * as indexUnprintedBallots from './2026_12_08_000200_index_unprinted_ballots.js';
import * as addTelegramChatPhotoFor from './2026_12_08_000300_add_telegram_chat_photo_for.js';
import * as addProtocolPhotoSender from './2026_12_08_000400_add_protocol_photo_sender.js';
import * as findPhotoTwinsByNearHash from './2026_12_08_000500_find_photo_twins_by_near_hash.js';
import * as expireApiTokens from './2026_12_08_000600_expire_api_tokens.js';

// Listed by hand rather than read from the folder: the compiled output then needs no
// file-system discovery, and a migration cannot be skipped by a build that forgot a file.
const migrations: Record<string, Migration> = {
  '2026_11_21_000100_create_registry': createRegistry,
  '2026_11_21_000200_create_evidence': createEvidence,
  '2026_11_22_000300_create_findings': createFindings,
  '2026_11_22_000400_create_accounts': createAccounts,
  '2026_11_22_000500_create_digitization': createDigitization,
  '2026_11_22_000600_add_photo_sheet': addPhotoSheet,
  '2026_11_22_000700_add_photo_failure_code': addPhotoFailureCode,
  '2026_12_04_000100_add_outbox_done': addOutboxDone,
  '2026_12_04_000200_add_election_country': addElectionCountry,
  '2026_12_07_000100_add_voter_identity': addVoterIdentity,
  '2026_12_07_000200_create_ballot_checks': createBallotChecks,
  '2026_12_07_000300_create_telegram': createTelegram,
  '2026_12_07_000400_allow_unknown_electorate': allowUnknownElectorate,
  '2026_12_07_000500_add_telegram_update_handled': addTelegramUpdateHandled,
  '2026_12_07_000600_drop_telegram_chat_step': dropTelegramChatStep,
  '2026_12_08_000100_add_ballot_copy_print': addBallotCopyPrint,
  '2026_12_08_000200_index_unprinted_ballots': indexUnprintedBallots,
  '2026_12_08_000300_add_telegram_chat_photo_for': addTelegramChatPhotoFor,
  '2026_12_08_000400_add_protocol_photo_sender': addProtocolPhotoSender,
  '2026_12_08_000500_find_photo_twins_by_near_hash': findPhotoTwinsByNearHash,
  '2026_12_08_000600_expire_api_tokens': expireApiTokens,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  return new Migrator({ db, provider }).migrateToLatest();
}

export async function migrateDown(db: Kysely<any>): Promise<MigrationResultSet> {
  return new Migrator({ db, provider }).migrateDown();
}

export const migrationNames = Object.keys(migrations);
