import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
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
} from '../../entities/activity-links';
import type { AuditAction } from '../../entities/audit-event';
import { ProcessingActivity } from '../../entities/processing-activity';
import { type Actor, recordChange } from '../audit/recorder';
import { likePattern, parseSort, type Page } from '../crud/crud-service';
import { inTransaction } from '../db/transactions';
import { constraintField, isForeignKeyViolation, isUniqueViolation, pgError } from '../db/pg-errors';
import { AppError, type FieldError, notFound, unknownReference, validationFailed } from '../errors';
import type { ClassType } from '../http/dto';
import { assertPrecondition } from '../http/etag';
import { withRights, type DerivedRight } from '../rights/derive-rights';
import { activityColumns, activityLinkFilters } from './read-model';

export interface ActivityInput {
  name?: string;
  description?: string | null;
  role?: string;
  status?: string;
  owner?: string | null;
  reviewDueAt?: string | null;
  dpiaRequired?: boolean;
  dpiaReference?: string | null;
  controllerIds?: string[];
  purposes?: { purposeId: string; legalBasisIds: string[]; legitimateInterest?: string | null; assessmentReference?: string | null }[];
  dataSubjectCategoryIds?: string[];
  dataCategories?: { dataCategoryId: string; retentionRuleId?: string | null; sourceChannelIds?: string[] }[];
  collectionChannelIds?: string[];
  recipients?: { recipientId: string; dataCategoryIds?: string[] }[];
  transfers?: {
    recipientId: string;
    country: string;
    mechanismId?: string | null;
    safeguard?: string | null;
    tiaReference?: string | null;
  }[];
  securityMeasureIds?: string[];
}

type Ref = { id: string; name: string };

/** An activity as the read model returns it (see read-model.ts). */
export interface ActivityView {
  id: string;
  name: string;
  description: string | null;
  role: string;
  status: string;
  owner: string | null;
  reviewDueAt: string | null;
  dpiaRequired: boolean;
  dpiaReference: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  controllers: Ref[];
  purposes: {
    purpose: Ref;
    legalBases: (Ref & { code: string; kind: string })[];
    legitimateInterest: string | null;
    assessmentReference: string | null;
  }[];
  dataSubjectCategories: Ref[];
  dataCategories: { dataCategory: Ref; retentionRule: Ref | null; sourceChannels: Ref[] }[];
  collectionChannels: Ref[];
  recipients: { recipient: Ref; dataCategories: Ref[] }[];
  transfers: { recipient: Ref; country: string; mechanism: Ref | null; safeguard: string | null; tiaReference: string | null }[];
  securityMeasures: Ref[];
  /** Derived from the legal bases on read (see src/rights), never stored. */
  rights: DerivedRight[];
}

export interface ActivityListInput {
  limit?: number;
  offset?: number;
  sort?: string;
  q?: string;
  status?: string;
  role?: string;
  owner?: string;
  dpiaRequired?: boolean;
  reviewDueBefore?: string;
  [linkFilter: string]: unknown;
}

const scalarFields = ['name', 'description', 'role', 'status', 'owner', 'reviewDueAt', 'dpiaRequired', 'dpiaReference'] as const;
const linkFields = [
  'controllerIds',
  'purposes',
  'dataSubjectCategoryIds',
  'dataCategories',
  'collectionChannelIds',
  'recipients',
  'transfers',
  'securityMeasureIds',
] as const;

const sortColumns: Record<string, string> = {
  name: 'lower(a.name)',
  createdAt: 'a.created_at',
  updatedAt: 'a.updated_at',
  reviewDueAt: 'a.review_due_at',
};

/** Which table each referenced id must exist in, and what to call it in messages. */
const referenceTables = {
  organisations: 'organisation',
  purposes: 'purpose',
  legal_bases: 'legal basis',
  data_subject_categories: 'data subject category',
  data_categories: 'data category',
  retention_rules: 'retention rule',
  collection_channels: 'collection channel',
  recipients: 'recipient',
  security_measures: 'security measure',
} as const;
type ReferenceTable = keyof typeof referenceTables;

/**
 * Processing activities and all their links. A write replaces the activity and its links in
 * one transaction, after checking every referenced id and the consistency between links.
 */
export class ProcessingActivityService {
  constructor(private readonly dataSource: DataSource) {}

  async list(input: ActivityListInput): Promise<Page<ActivityView>> {
    const limit = input.limit ?? 20;
    const offset = input.offset ?? 0;
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (input.q) where.push(`a.name ILIKE ${param(likePattern(input.q))} ESCAPE '\\'`);
    if (input.status) where.push(`a.status = ${param(input.status)}`);
    if (input.role) where.push(`a.role = ${param(input.role)}`);
    if (input.owner) where.push(`a.owner = ${param(input.owner)}`);
    if (input.dpiaRequired !== undefined) where.push(`a.dpia_required = ${param(input.dpiaRequired)}`);
    if (input.reviewDueBefore) where.push(`a.review_due_at < ${param(input.reviewDueBefore)}::date`);
    for (const [filter, links] of Object.entries(activityLinkFilters)) {
      if (input[filter] === undefined) continue;
      const value = param(input[filter]);
      where.push(
        `(${links.map((link) => `EXISTS (SELECT 1 FROM ${link.table} l WHERE l.activity_id = a.id AND l.${link.column} = ${value})`).join(' OR ')})`,
      );
    }
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const [field, direction] = parseSort(input.sort ?? 'name');
    const order = `${sortColumns[field]} ${direction} NULLS LAST, a.id ASC`;
    const countParams = [...params];
    const items: ActivityView[] = await this.dataSource.query(
      `SELECT ${activityColumns} FROM (
         SELECT * FROM processing_activities a ${whereSql} ORDER BY ${order} LIMIT ${param(limit)} OFFSET ${param(offset)}
       ) a ORDER BY ${order}`,
      params,
    );
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM processing_activities a ${whereSql}`, countParams);
    return { items: items.map(withRights), total, limit, offset };
  }

  /** The stored activity in the shape of a create request. */
  asInput(view: ActivityView): ActivityInput {
    return toInput(view);
  }

  get(id: string): Promise<ActivityView> {
    return this.read(this.dataSource.manager, id);
  }

  private async read(manager: EntityManager, id: string): Promise<ActivityView> {
    const [view] = await manager.query(`SELECT ${activityColumns} FROM processing_activities a WHERE a.id = $1`, [id]);
    if (!view) throw notFound('processing activity', id);
    return withRights(view);
  }

  /** `within`: a transaction of the caller's (e.g. an import) to run in, all or nothing. */
  create(input: ActivityInput, actor: Actor, within?: EntityManager): Promise<ActivityView> {
    return inTransaction(this.dataSource, within, async (manager) => {
      await this.validate(manager, input);
      const id = randomUUID();
      await this.write(() => manager.insert(ProcessingActivity, { id, ...pick(input, scalarFields) } as never), input);
      await this.writeLinks(manager, id, input);
      const created = await this.read(manager, id);
      await this.audit(manager, actor, 'create', null, created);
      return created;
    });
  }

  update(id: string, patch: ActivityInput, ifMatch: string | undefined, actor: Actor, within?: EntityManager): Promise<ActivityView> {
    return inTransaction(this.dataSource, within, async (manager) => {
      const current = await this.lockAndRead(manager, id);
      assertPrecondition(current, ifMatch, 'processing activity');
      const merged = { ...toInput(current), ...patch };
      await this.validate(manager, merged);
      await this.write(
        () =>
          manager
            .createQueryBuilder()
            .update(ProcessingActivity)
            .set({ ...pick(patch, scalarFields), updatedAt: () => 'CURRENT_TIMESTAMP' } as never)
            .where('id = :id', { id })
            .execute(),
        patch,
      );
      if (linkFields.some((field) => patch[field] !== undefined)) {
        await this.deleteLinks(manager, id);
        await this.writeLinks(manager, id, merged);
      }
      const updated = await this.read(manager, id);
      await this.audit(manager, actor, 'update', current, updated);
      return updated;
    });
  }

  remove(id: string, ifMatch: string | undefined, actor: Actor): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.lockAndRead(manager, id);
      assertPrecondition(current, ifMatch, 'processing activity');
      await manager.query('DELETE FROM processing_activities WHERE id = $1', [id]);
      await this.audit(manager, actor, 'delete', current, null);
    });
  }

  private audit(manager: EntityManager, actor: Actor, action: AuditAction, before: ActivityView | null, after: ActivityView | null) {
    const entry = (after ?? before)!;
    return recordChange(manager, actor, {
      action,
      resource: 'processing-activities',
      entityId: entry.id,
      entityName: entry.name,
      before,
      after,
    });
  }

  /** Locks the activity row for the rest of the transaction and reads it. */
  private async lockAndRead(manager: EntityManager, id: string): Promise<ActivityView> {
    const locked = await manager.query('SELECT id FROM processing_activities WHERE id = $1 FOR UPDATE', [id]);
    if (locked.length === 0) throw notFound('processing activity', id);
    return this.read(manager, id);
  }

  private async write(statement: () => Promise<unknown>, input: ActivityInput) {
    try {
      await statement();
    } catch (error) {
      if (isUniqueViolation(error) && constraintField(pgError(error)?.constraint) === 'name') {
        throw new AppError('DUPLICATE', `A processing activity named "${input.name}" already exists.`, {
          errors: [{ in: 'body', path: '/name', message: 'is already used by another processing activity' }],
        });
      }
      throw error;
    }
  }

  /** Refuses the input unless every id exists and the links agree with each other. */
  private async validate(manager: EntityManager, input: ActivityInput) {
    const duplicates: FieldError[] = [];
    const findDuplicates = <T>(items: T[] | undefined, key: (item: T) => string, path: (index: number) => string) => {
      const seen = new Set<string>();
      items?.forEach((item, index) => {
        if (seen.has(key(item))) duplicates.push({ in: 'body', path: path(index), message: 'appears more than once' });
        seen.add(key(item));
      });
    };
    findDuplicates(
      input.purposes,
      (p) => p.purposeId,
      (i) => `/purposes/${i}/purposeId`,
    );
    findDuplicates(
      input.dataCategories,
      (d) => d.dataCategoryId,
      (i) => `/dataCategories/${i}/dataCategoryId`,
    );
    findDuplicates(
      input.recipients,
      (r) => r.recipientId,
      (i) => `/recipients/${i}/recipientId`,
    );
    if (duplicates.length > 0) throw validationFailed(duplicates);

    // Every referenced id, with where it was referenced, grouped by the table it must exist in.
    const wanted = new Map<ReferenceTable, { id: string; path: string }[]>();
    const want = (table: ReferenceTable, id: string | null | undefined, path: string) => {
      if (id) wanted.set(table, [...(wanted.get(table) ?? []), { id, path }]);
    };
    input.controllerIds?.forEach((id, i) => want('organisations', id, `/controllerIds/${i}`));
    input.purposes?.forEach((p, i) => {
      want('purposes', p.purposeId, `/purposes/${i}/purposeId`);
      p.legalBasisIds.forEach((id, j) => want('legal_bases', id, `/purposes/${i}/legalBasisIds/${j}`));
    });
    input.dataSubjectCategoryIds?.forEach((id, i) => want('data_subject_categories', id, `/dataSubjectCategoryIds/${i}`));
    input.dataCategories?.forEach((d, i) => {
      want('data_categories', d.dataCategoryId, `/dataCategories/${i}/dataCategoryId`);
      want('retention_rules', d.retentionRuleId, `/dataCategories/${i}/retentionRuleId`);
      d.sourceChannelIds?.forEach((id, j) => want('collection_channels', id, `/dataCategories/${i}/sourceChannelIds/${j}`));
    });
    input.collectionChannelIds?.forEach((id, i) => want('collection_channels', id, `/collectionChannelIds/${i}`));
    input.recipients?.forEach((r, i) => {
      want('recipients', r.recipientId, `/recipients/${i}/recipientId`);
      r.dataCategoryIds?.forEach((id, j) => want('data_categories', id, `/recipients/${i}/dataCategoryIds/${j}`));
    });
    input.transfers?.forEach((t, i) => {
      want('recipients', t.recipientId, `/transfers/${i}/recipientId`);
      want('legal_bases', t.mechanismId, `/transfers/${i}/mechanismId`);
    });
    input.securityMeasureIds?.forEach((id, i) => want('security_measures', id, `/securityMeasureIds/${i}`));

    const errors: FieldError[] = [];
    // A path already reported as missing is not reported again as inconsistent.
    const report = (path: string, message: string) => {
      if (!errors.some((error) => error.path === path)) errors.push({ in: 'body', path, message });
    };
    const legalBasisKinds = new Map<string, string>();
    for (const [table, references] of wanted) {
      const ids = [...new Set(references.map((reference) => reference.id))];
      const rows: { id: string; kind?: string }[] = await manager.query(
        `SELECT id${table === 'legal_bases' ? ', kind' : ''} FROM ${table} WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      const found = new Set(rows.map((row) => row.id));
      for (const row of rows) if (row.kind) legalBasisKinds.set(row.id, row.kind);
      for (const reference of references) {
        if (!found.has(reference.id)) report(reference.path, `no ${referenceTables[table]} with this id`);
      }
    }

    input.purposes?.forEach((p, i) =>
      p.legalBasisIds.forEach((id, j) => {
        if (legalBasisKinds.get(id) === 'transfer-mechanism') {
          report(`/purposes/${i}/legalBasisIds/${j}`, 'is a transfer mechanism; use it on a transfer, not as a basis for a purpose');
        }
      }),
    );
    input.transfers?.forEach((t, i) => {
      const kind = t.mechanismId ? legalBasisKinds.get(t.mechanismId) : undefined;
      if (kind && kind !== 'transfer-mechanism') report(`/transfers/${i}/mechanismId`, 'is not a transfer mechanism (Art. 45–49)');
    });
    const channels = new Set(input.collectionChannelIds ?? []);
    input.dataCategories?.forEach((d, i) =>
      d.sourceChannelIds?.forEach((id, j) => {
        if (!channels.has(id)) {
          report(`/dataCategories/${i}/sourceChannelIds/${j}`, "must also be listed in the activity's collectionChannelIds");
        }
      }),
    );
    const categories = new Set((input.dataCategories ?? []).map((d) => d.dataCategoryId));
    input.recipients?.forEach((r, i) =>
      r.dataCategoryIds?.forEach((id, j) => {
        if (!categories.has(id)) report(`/recipients/${i}/dataCategoryIds/${j}`, "must be one of the activity's dataCategories");
      }),
    );
    if (errors.length > 0) throw unknownReference(errors);
  }

  private async deleteLinks(manager: EntityManager, activityId: string) {
    // Nested links (legal bases, sources, recipient categories) go with their parents (CASCADE).
    for (const entity of [
      ActivityController,
      ActivityPurpose,
      ActivityDataSubjectCategory,
      ActivityDataCategory,
      ActivityCollectionChannel,
      ActivityRecipient,
      ActivityTransfer,
      ActivitySecurityMeasure,
    ]) {
      await manager.delete(entity, { activityId });
    }
  }

  private async writeLinks(manager: EntityManager, activityId: string, input: ActivityInput) {
    const purposes = (input.purposes ?? []).map((p) => ({ ...p, id: randomUUID() }));
    const dataCategories = (input.dataCategories ?? []).map((d) => ({ ...d, id: randomUUID() }));
    const recipients = (input.recipients ?? []).map((r) => ({ ...r, id: randomUUID() }));
    const batches: [ClassType, object[]][] = [
      [ActivityController, (input.controllerIds ?? []).map((organisationId) => ({ activityId, organisationId }))],
      [
        ActivityPurpose,
        purposes.map((p) => ({
          id: p.id,
          activityId,
          purposeId: p.purposeId,
          legitimateInterest: p.legitimateInterest ?? null,
          assessmentReference: p.assessmentReference ?? null,
        })),
      ],
      [
        ActivityPurposeLegalBasis,
        purposes.flatMap((p) => p.legalBasisIds.map((legalBasisId) => ({ activityPurposeId: p.id, legalBasisId, activityId }))),
      ],
      [
        ActivityDataSubjectCategory,
        (input.dataSubjectCategoryIds ?? []).map((dataSubjectCategoryId) => ({ activityId, dataSubjectCategoryId })),
      ],
      [ActivityCollectionChannel, (input.collectionChannelIds ?? []).map((collectionChannelId) => ({ activityId, collectionChannelId }))],
      [
        ActivityDataCategory,
        dataCategories.map((d) => ({ id: d.id, activityId, dataCategoryId: d.dataCategoryId, retentionRuleId: d.retentionRuleId ?? null })),
      ],
      [
        ActivityDataCategorySource,
        dataCategories.flatMap((d) =>
          (d.sourceChannelIds ?? []).map((collectionChannelId) => ({ activityDataCategoryId: d.id, collectionChannelId, activityId })),
        ),
      ],
      [ActivityRecipient, recipients.map((r) => ({ id: r.id, activityId, recipientId: r.recipientId }))],
      [
        ActivityRecipientDataCategory,
        recipients.flatMap((r) =>
          (r.dataCategoryIds ?? []).map((dataCategoryId) => ({ activityRecipientId: r.id, dataCategoryId, activityId })),
        ),
      ],
      [
        ActivityTransfer,
        (input.transfers ?? []).map((t) => ({
          id: randomUUID(),
          activityId,
          recipientId: t.recipientId,
          country: t.country,
          mechanismId: t.mechanismId ?? null,
          safeguard: t.safeguard ?? null,
          tiaReference: t.tiaReference ?? null,
        })),
      ],
      [ActivitySecurityMeasure, (input.securityMeasureIds ?? []).map((securityMeasureId) => ({ activityId, securityMeasureId }))],
    ];
    for (const [entity, rows] of batches) {
      if (rows.length === 0) continue;
      try {
        await manager.insert(entity, rows);
      } catch (error) {
        // A building block deleted by a concurrent request after validation.
        if (isForeignKeyViolation(error)) {
          const field = constraintField(pgError(error)?.constraint) ?? 'links';
          throw unknownReference([{ in: 'body', path: `/${field}`, message: 'refers to an entry that no longer exists' }]);
        }
        throw error;
      }
    }
  }
}

function pick<T extends object, K extends readonly (keyof T)[]>(source: T, keys: K): Partial<Pick<T, K[number]>> {
  const out: Partial<Pick<T, K[number]>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

/** The stored activity in the shape of a create request, so a patch can be merged onto it. */
function toInput(view: ActivityView): ActivityInput {
  const ids = (refs: Ref[]) => refs.map((ref) => ref.id);
  return {
    name: view.name,
    controllerIds: ids(view.controllers),
    purposes: view.purposes.map((p) => ({
      purposeId: p.purpose.id,
      legalBasisIds: ids(p.legalBases),
      legitimateInterest: p.legitimateInterest,
      assessmentReference: p.assessmentReference,
    })),
    dataSubjectCategoryIds: ids(view.dataSubjectCategories),
    dataCategories: view.dataCategories.map((d) => ({
      dataCategoryId: d.dataCategory.id,
      retentionRuleId: d.retentionRule?.id ?? null,
      sourceChannelIds: ids(d.sourceChannels),
    })),
    collectionChannelIds: ids(view.collectionChannels),
    recipients: view.recipients.map((r) => ({ recipientId: r.recipient.id, dataCategoryIds: ids(r.dataCategories) })),
    transfers: view.transfers.map((t) => ({
      recipientId: t.recipient.id,
      country: t.country,
      mechanismId: t.mechanism?.id ?? null,
      safeguard: t.safeguard,
      tiaReference: t.tiaReference,
    })),
    securityMeasureIds: ids(view.securityMeasures),
  };
}
