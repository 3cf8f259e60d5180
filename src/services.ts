import type { FastifyBaseLogger } from 'fastify';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { DataMapService } from './data-map/service';
import { buildEntryServices, type EntryServices } from './entry-services';
import { FindingsService } from './findings/service';
import { HistoryService } from './history/service';
import type { JsonSchema } from './http/dto';
import { ImportService } from './import/service';
import { PrivacyNoticeService } from './privacy-notice/service';
import { SnapshotService } from './register/snapshots';
import { WebhookService } from './webhooks/service';
import type { Clock } from './clock';
import { RegisterDocumentService } from './register-document/writer';
import { ReviewService } from './reviews/service';

/** Every service of the app, built once per app instance over its DataSource: the one place they are wired. */
export type Services = EntryServices & {
  findings: FindingsService;
  privacyNotice: PrivacyNoticeService;
  history: HistoryService;
  snapshots: SnapshotService;
  registerImport: ImportService;
  webhooks: WebhookService;
  registerDocument: RegisterDocumentService;
  dataMap: DataMapService;
  reviews: ReviewService;
};

export function buildServices(deps: {
  dataSource: DataSource;
  config: Config;
  clock: Clock;
  log: FastifyBaseLogger;
  dtoSchemas: Record<string, JsonSchema>;
}): Services {
  const entries = buildEntryServices(deps.dataSource, { documentCacheBytes: deps.config.DOCUMENT_CACHE_MB * 1024 * 1024 });
  const history = new HistoryService(deps.dataSource);
  return {
    ...entries,
    findings: new FindingsService(deps.dataSource),
    privacyNotice: new PrivacyNoticeService(deps.dataSource),
    history,
    snapshots: new SnapshotService(deps.dataSource, deps.config, deps.log),
    registerImport: new ImportService(deps.dataSource, entries, deps.dtoSchemas),
    webhooks: new WebhookService(deps.dataSource, deps.config, deps.clock, deps.log),
    registerDocument: new RegisterDocumentService(deps.dataSource, entries, deps.dtoSchemas),
    dataMap: new DataMapService(deps.dataSource),
    reviews: new ReviewService(deps.dataSource, entries.processingActivities, deps.config, deps.clock),
  };
}
