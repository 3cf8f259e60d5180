import type { DataSource, EntityManager } from 'typeorm';
import type { RegisterEntity } from '../../entities/register-entity';
import type { Actor } from '../audit/recorder';
import { findReferrers } from '../db/links';
import { inTransaction } from '../db/transactions';
import { isForeignKeyViolation } from '../db/pg-errors';
import { AppError, notFound } from '../errors';
import { createEntry, describeWriteError, removeEntry, updateEntry, type EntryStore } from './audited-writes';
import { PlainReader } from './plain-reader';
import type { FilterSpec, ResourceDefinition } from './resource-definition';
import { ownerForCreate } from './unit-scope';

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface ListInput {
  limit?: number;
  offset?: number;
  sort?: string;
  q?: string;
  [filter: string]: unknown;
}

export { likePattern, parseSort } from './plain-reader';

/**
 * List, get, create, update and delete for any building-block resource, driven by its
 * ResourceDefinition. Every write is one transaction; database constraint errors come back as
 * problem details naming the field.
 */
export class CrudService<E extends RegisterEntity> {
  /** The definition's filters, `retired` for every entity that can be retired (has retiredAt), `ownerUnitId` for every owned one. */
  private readonly filters: Record<string, FilterSpec>;

  /**
   * `afterChange`: runs in the transaction of every update of an entry, after the change — for
   * what is derived from it elsewhere (the stored documents of the activities linking it). A
   * delete needs none: an entry still linked cannot be deleted.
   */
  constructor(
    private readonly dataSource: DataSource,
    readonly definition: ResourceDefinition<E>,
    private readonly afterChange?: (manager: EntityManager, id: string) => Promise<void>,
  ) {
    const metadata = dataSource.getMetadata(definition.entity);
    const retirable = metadata.findColumnWithPropertyName('retiredAt') !== undefined;
    this.owned = metadata.findColumnWithPropertyName('ownerUnitId') !== undefined;
    this.filters = {
      ...(retirable ? { retired: { kind: 'since', column: 'retiredAt' } as const } : {}),
      ...(this.owned ? { ownerUnitId: { kind: 'equals', column: 'ownerUnitId' } as const } : {}),
      ...definition.filters,
    };
    this.reader = new PlainReader(dataSource, definition, this.filters);
  }

  /** Whether an organisational unit owns the entries (crud/unit-scope.ts): editors then write only their units' ones. */
  readonly owned: boolean;

  /** Reads entries as the API represents them: plain SQL, generated from the definition. */
  private readonly reader: PlainReader<E>;

  list(input: ListInput): Promise<Page<E>> {
    return this.reader.list(this.dataSource.manager, input);
  }

  async get(id: string): Promise<E> {
    const found = await this.reader.one(this.dataSource.manager, id);
    if (!found) throw notFound(this.definition.singular, id);
    return found;
  }

  /** Every entry as the API represents it (linked entries resolved, so their ETags are the API's), read within `manager`. */
  all(manager: EntityManager): Promise<E[]> {
    return this.reader.all(manager);
  }

  /** How the write choreography (audited-writes.ts) reads and locks this resource's entries. */
  private readonly store: EntryStore<E, E> = {
    resource: this.definition.path,
    singular: this.definition.singular,
    read: (manager, id) => this.reader.one(manager, id),
    lock: (manager, id) => this.lock(manager, id),
  };

  /** `within`: a transaction of the caller's (e.g. an import) to run in, all or nothing. */
  create(input: Partial<E>, actor: Actor, within?: EntityManager): Promise<E> {
    return inTransaction(this.dataSource, within, (manager) =>
      createEntry(this.store, manager, actor, async () => {
        const values = { ...input, ...this.definition.createDefaults } as Partial<E> & { ownerUnitId?: string | null };
        if (this.owned) values.ownerUnitId = await ownerForCreate(manager, actor, values.ownerUnitId);
        await this.definition.rules?.beforeWrite?.(manager, values);
        const entity = manager.create(this.definition.entity, values as E);
        try {
          await manager.insert(this.definition.entity, entity as never);
        } catch (error) {
          throw describeWriteError(error, this.definition.singular, input);
        }
        return entity.id;
      }),
    );
  }

  update(id: string, patch: Partial<E>, ifMatch: string | undefined, actor: Actor, within?: EntityManager): Promise<E> {
    return inTransaction(this.dataSource, within, (manager) =>
      updateEntry(this.store, manager, id, ifMatch, actor, async (_before, existing) => {
        this.definition.rules?.assertMutable?.(existing);
        await this.definition.rules?.beforeWrite?.(manager, { ...existing, ...patch }, existing);
        try {
          await manager.update(this.definition.entity, { id } as never, patch as never);
        } catch (error) {
          throw describeWriteError(error, this.definition.singular, patch);
        }
        await this.afterChange?.(manager, id);
      }),
    );
  }

  /** `within`: a transaction of the caller's (an import in replace mode) to run in, all or nothing. */
  remove(id: string, ifMatch: string | undefined, actor: Actor, within?: EntityManager): Promise<void> {
    return inTransaction(this.dataSource, within, (manager) =>
      removeEntry(this.store, manager, id, ifMatch, actor, async (_before, existing) => {
        this.definition.rules?.assertMutable?.(existing);
        const referrers = await findReferrers(manager, this.definition.entity, id);
        if (referrers.length > 0) throw this.stillReferenced(existing, referrers);
        try {
          await manager.delete(this.definition.entity, { id } as never);
        } catch (error) {
          if (!isForeignKeyViolation(error)) throw error;
          // Linked by a concurrent transaction after the check above.
          throw this.stillReferenced(existing, await findReferrers(manager, this.definition.entity, id));
        }
      }),
    );
  }

  private async lock(manager: EntityManager, id: string): Promise<E | undefined> {
    const existing = await manager
      .getRepository(this.definition.entity)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id })
      .getOne();
    return existing ?? undefined;
  }

  private stillReferenced(existing: E, referencedBy: Awaited<ReturnType<typeof findReferrers>>) {
    const names = referencedBy.map((referrer) => `${referrer.name} (${referrer.resource})`);
    return new AppError(
      'STILL_REFERENCED',
      `The ${this.definition.singular} "${existing.name}" is still linked from: ${names.join(', ')}. Remove those links first.`,
      { referencedBy },
    );
  }
}
