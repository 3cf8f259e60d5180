import { InitialSchema1764100000000 } from './1764100000000-initial-schema';
import { GdprLegalBases1764100000001 } from './1764100000001-gdpr-legal-bases';
import { RightsAndPrivacyPolicies1764100000002 } from './1764100000002-rights-and-privacy-policies';
import { IdempotencyKeys1764100000003 } from './1764100000003-idempotency-keys';
import { AuditEvents1764100000004 } from './1764100000004-audit-events';
import { RegisterSnapshots1764100000005 } from './1764100000005-register-snapshots';
import { RetiredBuildingBlocks1764100000008 } from './1764100000008-retired-building-blocks';
import { RealRegisters1764100000010 } from './1764100000010-real-registers';
import { Webhooks1764100000011 } from './1764100000011-webhooks';
import { Systems1764100000020 } from './1764100000020-systems';
import { DataFlows1764100000021 } from './1764100000021-data-flows';
import { ActivityDocuments1764100000030 } from './1764100000030-activity-documents';
import { ReadModelState1764100000031 } from './1764100000031-read-model-state';
import { OrganisationalUnits1764100000040 } from './1764100000040-organisational-units';
import { ReviewAndApproval1764100000041 } from './1764100000041-review-and-approval';

/** Listed explicitly (not globbed) so the same list works from TypeScript and compiled JS. */
export const migrations = [
  InitialSchema1764100000000,
  GdprLegalBases1764100000001,
  RightsAndPrivacyPolicies1764100000002,
  IdempotencyKeys1764100000003,
  AuditEvents1764100000004,
  RegisterSnapshots1764100000005,
  RetiredBuildingBlocks1764100000008,
  RealRegisters1764100000010,
  Webhooks1764100000011,
  Systems1764100000020,
  DataFlows1764100000021,
  ActivityDocuments1764100000030,
  ReadModelState1764100000031,
  OrganisationalUnits1764100000040,
  ReviewAndApproval1764100000041,
];
