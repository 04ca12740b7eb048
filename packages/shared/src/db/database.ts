import type {
  BallotCheckTable,
  BallotPhotoTable,
  FlagTable,
  InvitationCodeTable,
  OutboxTable,
  PartnerImportTable,
  PartnerTallyTable,
  StationDirtyTable,
  ProtocolPhotoTable,
  PhotoTwinTable,
  ReadingTable,
  SelfReportTable,
  TelegramChatTable,
  TelegramUpdateTable,
} from './evidence.table.js';
import type {
  CandidateTable,
  ElectionTable,
  FormTemplateTable,
  OfficialImportTable,
  OfficialResultTable,
  RegionTable,
  StationTable,
} from './registry.table.js';

import type {
  ApiTokenTable,
  AppUserTable,
  AuditLogTable,
  DigitizationEntryTable,
  FlagNoteTable,
  FlagReviewTable,
  RegionGrantTable,
  UserSessionTable,
} from './accounts.table.js';

export interface Database {
  election: ElectionTable;
  form_template: FormTemplateTable;
  candidate: CandidateTable;
  region: RegionTable;
  station: StationTable;
  official_import: OfficialImportTable;
  official_result: OfficialResultTable;
  protocol_photo: ProtocolPhotoTable;
  photo_twin: PhotoTwinTable;
  ballot_photo: BallotPhotoTable;
  ballot_check: BallotCheckTable;
  reading: ReadingTable;
  self_report: SelfReportTable;
  invitation_code: InvitationCodeTable;
  telegram_update: TelegramUpdateTable;
  telegram_chat: TelegramChatTable;
  flag: FlagTable;
  outbox: OutboxTable;
  partner_import: PartnerImportTable;
  partner_tally: PartnerTallyTable;
  station_dirty: StationDirtyTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  region_grant: RegionGrantTable;
  flag_review: FlagReviewTable;
  flag_note: FlagNoteTable;
  audit_log: AuditLogTable;
  digitization_entry: DigitizationEntryTable;
}
