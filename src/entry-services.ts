import type { DataSource } from 'typeorm';
import type { RegisterEntity } from '../entities/register-entity';
import { CrudService } from './crud/crud-service';
import { refreshDocumentsLinking } from './processing-activities/documents';
import { DocumentBytes } from './processing-activities/document-bytes';
import { ProcessingActivityService } from './processing-activities/service';
import { buildingBlocks, type BuildingBlockKey, type BuildingBlocks } from './resources';

/** A building block's service, typed by its entity. */
export type BuildingBlockService<K extends BuildingBlockKey> = CrudService<InstanceType<BuildingBlocks[K]['entity']>>;

/**
 * The services that keep the register's entries — one per building block, and the processing
 * activities — through which the API, the import and the seed write, so every write is checked,
 * audited and all-or-nothing in the same way.
 */
export type EntryServices = { [K in BuildingBlockKey]: BuildingBlockService<K> } & { processingActivities: ProcessingActivityService };

/** `documentCacheBytes`: how many bytes of stored activity documents list pages keep in memory (document-bytes.ts). */
export function buildEntryServices(dataSource: DataSource, options: { documentCacheBytes: number }): EntryServices {
  const blocks = Object.fromEntries(
    Object.entries(buildingBlocks).map(([key, definition]) => [
      key,
      // A changed building block shows in the stored document of every activity linking it.
      new CrudService<RegisterEntity>(dataSource, definition, (manager, id) =>
        refreshDocumentsLinking((sql, params) => manager.query(sql, params), key as BuildingBlockKey, id),
      ),
    ]),
  ) as unknown as { [K in BuildingBlockKey]: BuildingBlockService<K> };
  return { ...blocks, processingActivities: new ProcessingActivityService(dataSource, new DocumentBytes(options.documentCacheBytes)) };
}

/** The building blocks' services, in the order the docs present them. */
export function buildingBlockServices(services: EntryServices): CrudService<RegisterEntity>[] {
  return (Object.keys(buildingBlocks) as BuildingBlockKey[]).map((key) => services[key] as unknown as CrudService<RegisterEntity>);
}
