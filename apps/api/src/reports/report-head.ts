import { findingMethods, selfSelectionWarning, type Db } from '@crosstally/shared';
import { auditHead } from '../audit/audit-log.js';
import { countReportsByIdentity, listOfficialImports } from '../repositories/report.repository.js';
import type { TReportAccess } from './report-access.js';

/**
 * What a report is made with: how findings are made, the policy in force, the official data
 * it compared against (every import, newest last) and the head of the audit chain when it
 * was made — readers who keep it can tell later whether history was rewritten after
 * publication. The JSON report and the method answer carry the same head.
 */
export async function describeReport(db: Db, access: TReportAccess) {
  const electionId = access.found.election.id;
  const { policy } = access.form;
  const [imports, head, identities] = await Promise.all([
    listOfficialImports(db, electionId),
    auditHead(db),
    countReportsByIdentity(db, electionId, policy.verification),
  ]);
  return {
    method: {
      findings: findingMethods,
      policy,
      // What "verified" meant, in numbers: the reports of each identity kind, and how many counted.
      selfReportsByIdentity: identities,
      selfSelection: selfSelectionWarning,
    },
    officialData: {
      latestImport: imports.at(-1)?.id ?? null,
      imports: imports.map((i) => ({
        id: i.id,
        source: i.source_name,
        fileSha256: i.file_sha256,
        rows: i.rows_total,
        changed: i.rows_changed,
        importedAt: new Date(i.created_at).toISOString(),
      })),
    },
    auditHead: head,
  };
}
