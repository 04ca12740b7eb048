import type { Db, EvidenceStore } from '@crosstally/shared';
import { GroupCommitter } from './group-commit.js';
import { recordProtocolPhotos, type TPhotoRecordOutcome, type TPhotoWrite } from '../repositories/photo.repository.js';

/**
 * Stores protocol photos durably: the file is fsynced into the store, then its row and its
 * job (an outbox row) are committed together, many uploads per commit. Only then is the
 * upload acknowledged, so an acknowledged photo survives any crash.
 */
export class PhotoIntake {
  private readonly committer: GroupCommitter<TPhotoWrite, TPhotoRecordOutcome>;

  constructor(private readonly deps: { db: Db; store: EvidenceStore }) {
    this.committer = new GroupCommitter(
      (rows) => deps.db.transaction().execute((trx) => recordProtocolPhotos(trx, rows)),
      (row) => `${row.stationId}:${row.image.sha256}`,
      200,
    );
  }

  async submit(photo: TPhotoWrite): Promise<TPhotoRecordOutcome> {
    await this.deps.store.put('protocol', photo.image.sha256, photo.image.info.mime, photo.image.bytes);
    return this.committer.submit(photo);
  }
}
