import { collectionChannels } from './collection-channels/resource';
import { dataCategories } from './data-categories/resource';
import { dataSubjectCategories } from './data-subject-categories/resource';
import { dataSubjectRights } from './data-subject-rights/resource';
import { legalBases } from './legal-bases/resource';
import { organisations } from './organisations/resource';
import { privacyPolicies } from './privacy-policies/resource';
import { purposes } from './purposes/resource';
import { recipients } from './recipients/resource';
import { retentionRules } from './retention-rules/resource';
import { securityMeasures } from './security-measures/resource';
import { systems } from './systems/resource';
import { dataFlows } from './data-flows/resource';
import { organisationalUnits } from './organisational-units/resource';

/**
 * The building blocks, in the order the docs present them — and, last, the organisational units that
 * own them, kept through the same mechanism (routes, service, audit trail, history) though nothing links them.
 */
export const buildingBlocks = {
  organisations,
  purposes,
  legalBases,
  dataSubjectCategories,
  dataCategories,
  collectionChannels,
  recipients,
  retentionRules,
  securityMeasures,
  privacyPolicies,
  dataSubjectRights,
  systems,
  dataFlows,
  organisationalUnits,
};

export type BuildingBlocks = typeof buildingBlocks;
export type BuildingBlockKey = keyof BuildingBlocks;
