import {
  ActivityCollectionChannel,
  ActivityController,
  ActivityDataCategory,
  ActivityDataCategorySource,
  ActivityDataSubjectCategory,
  ActivityPurpose,
  ActivityPurposeLegalBasis,
  ActivityRecipient,
  ActivityRecipientDataCategory,
  ActivitySecurityMeasure,
  ActivityTransfer,
  ActivityLegalBasis,
  ActivityRetentionRule,
  ActivitySystem,
  ActivitySystemDataCategory,
} from './activity-links';
import { AuditEvent } from './audit-event';
import { CollectionChannel } from './collection-channel';
import { DataCategory } from './data-category';
import { DataFlow } from './data-flow';
import { DataSubjectCategory } from './data-subject-category';
import { DataSubjectRight } from './data-subject-right';
import { IdempotencyKey } from './idempotency-key';
import { LegalBasis } from './legal-basis';
import { Organisation } from './organisation';
import { OrganisationalUnit } from './organisational-unit';
import { PrivacyPolicy } from './privacy-policy';
import { ProcessingActivity } from './processing-activity';
import { Purpose } from './purpose';
import { Recipient } from './recipient';
import { RegisterSigningKey, RegisterSnapshot } from './register-snapshot';
import { RetentionRule } from './retention-rule';
import { SecurityMeasure } from './security-measure';
import { WebhookAttempt, WebhookDelivery, WebhookMessage, WebhookSubscription } from './webhook';
import { System } from './system';

export * from './activity-links';
export * from './audit-event';
export * from './collection-channel';
export * from './data-category';
export * from './data-flow';
export * from './data-subject-category';
export * from './data-subject-right';
export * from './idempotency-key';
export * from './legal-basis';
export * from './organisation';
export * from './organisational-unit';
export * from './owned-entry';
export * from './privacy-policy';
export * from './processing-activity';
export * from './purpose';
export * from './recipient';
export * from './register-entity';
export * from './register-snapshot';
export * from './retention-rule';
export * from './security-measure';
export * from './webhook';
export * from './system';

export const entities = [
  OrganisationalUnit,
  Organisation,
  DataSubjectCategory,
  DataCategory,
  CollectionChannel,
  Purpose,
  LegalBasis,
  Recipient,
  RetentionRule,
  SecurityMeasure,
  DataSubjectRight,
  PrivacyPolicy,
  IdempotencyKey,
  RegisterSigningKey,
  RegisterSnapshot,
  AuditEvent,
  ProcessingActivity,
  ActivityController,
  ActivityPurpose,
  ActivityPurposeLegalBasis,
  ActivityDataSubjectCategory,
  ActivityDataCategory,
  ActivityDataCategorySource,
  ActivityCollectionChannel,
  ActivityRecipient,
  ActivityRecipientDataCategory,
  ActivityTransfer,
  ActivitySecurityMeasure,
  ActivityLegalBasis,
  ActivityRetentionRule,
  WebhookSubscription,
  WebhookMessage,
  WebhookDelivery,
  WebhookAttempt,
  System,
  ActivitySystem,
  ActivitySystemDataCategory,
  DataFlow,
];
