import { retryOnConflict, type Db, type EvidenceStore } from '@crosstally/shared';
import { GroupCommitter } from './group-commit.js';
import { recordProtocolPhotos, type TPhotoRecordOutcome, type TPhotoWrite } from '../repositories/photo.repository.js';

/**
 * Stores protocol photos durably: the file is fsynced into the store, then its row and its
 * job (an outbox row) are committed together, many uploads per commit. Only when both are
 * done is the upload acknowledged, so an acknowledged photo survives any crash.
 */
export class PhotoIntake {
  private readonly committer: GroupCommitter<TPhotoWrite, TPhotoRecordOutcome>;

  constructor(private readonly deps: { db: Db; store: EvidenceStore }) {
    this.committer = new GroupCommitter(
      (rows) => retryOnConflict(() => deps.db.transaction().execute((trx) => recordProtocolPhotos(trx, rows))),
      (row) => [`${row.stationId}:${row.image.sha256}`],
      { maxBatch: 200, maxInFlight: 2 },
    );
  }

  /**
   * The file is durable before its row commits: a row never stands for a file that is not
   * there (on a full disk 613 of 613 refused uploads left a row and a job behind, failed by
   * the worker minutes later). A crash between the two leaves an unreferenced file, which the
   * resend finds in place.
   */
  async submit(photo: TPhotoWrite): Promise<TPhotoRecordOutcome> {
    const { image } = photo;
    await this.deps.store.put('protocol', image.sha256, image.info.mime, image.bytes);
    return this.committer.submit(photo);
  }
}
