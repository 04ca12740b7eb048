import { retryOnConflict, type Db, type EvidenceStore } from '@crosstally/shared';
import { GroupCommitter } from './group-commit.js';
import { recordProtocolPhotos, type TPhotoRecordOutcome, type TPhotoWrite } from '../repositories/photo.repository.js';

/**
 * Stores protocol photos durably: the file is fsynced into the store, and its row and its
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
   * The file's fsyncs and the row's commit run side by side; the answer waits for both. A
   * crash between them leaves a row whose file is missing, never an acknowledged photo: the
   * uploader got no answer and sends it again, which writes the file (the worker retries a
   * missing file rather than failing it).
   */
  async submit(photo: TPhotoWrite): Promise<TPhotoRecordOutcome> {
    const { image } = photo;
    const [, outcome] = await Promise.all([
      this.deps.store.put('protocol', image.sha256, image.info.mime, image.bytes),
      this.committer.submit(photo),
    ]);
    return outcome;
  }
}
