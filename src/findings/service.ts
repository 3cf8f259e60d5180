import type { DataSource, EntityManager } from 'typeorm';
import { notFound } from '../errors';
import { activityColumns } from '../processing-activities/read-model';
import { buildingBlocks } from '../resources';
import {
  checkRegister,
  type ActivityRecord,
  type ChannelRecord,
  type FindingRecord,
  type OrganisationRecord,
  type PolicyRecord,
  type RecipientRecord,
  type RetiredRecord,
  type RegisterSnapshot,
} from './rules';

export interface FindingsFilter {
  severity?: string;
  code?: string;
  activityId?: string;
}

const ids = (values: (string | null | undefined)[]) => [...new Set(values.filter((value): value is string => !!value))];

/**
 * Findings are computed on read from the register as it is: they never block a save. One request
 * reads the register in seven queries, however many activities it holds: the activities through the
 * same read model as the API, then one query per building-block kind the rules look at and one for the retired entries, all in one
 * repeatable-read transaction so they see the same state.
 */
export class FindingsService {
  constructor(private readonly dataSource: DataSource) {}

  async register(
    filter: FindingsFilter,
  ): Promise<{ findings: FindingRecord[]; total: number; summary: { code: string; severity: string; count: number }[] }> {
    const { findings: all } = await this.check();
    const findings = applyFilter(all, filter).filter(
      (finding) => !filter.activityId || finding.activities.some((a) => a.id === filter.activityId),
    );
    const summary = new Map<string, { code: string; severity: string; count: number }>();
    for (const { code, severity } of findings) {
      const entry = summary.get(code) ?? { code, severity, count: 0 };
      entry.count += 1;
      summary.set(code, entry);
    }
    return { findings, total: findings.length, summary: [...summary.values()] };
  }

  async forActivity(id: string, filter: FindingsFilter) {
    const { activity, findings } = await this.check(id);
    const filtered = applyFilter(findings, filter);
    return { activity: activity!, findings: filtered, total: filtered.length };
  }

  /** Loads the snapshot (all activities, or the one with `activityId`) and runs the rules. */
  private check(activityId?: string): Promise<{ activity?: { id: string; name: string }; findings: FindingRecord[] }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const rows: ActivityRecord[] = await manager.query(
        `SELECT ${activityColumns} FROM processing_activities a ${activityId ? 'WHERE a.id = $1' : ''} ORDER BY lower(a.name), a.id`,
        activityId ? [activityId] : [],
      );
      if (activityId && !rows[0]) throw notFound('processing activity', activityId);
      // A retired activity no longer processes anything: its record is history, not a to-do list.
      const activities = rows.filter((a) => a.status !== 'retired');
      const findings = checkRegister(await loadBuildingBlocks(manager, activities));
      return { activity: rows[0] && activityId ? { id: rows[0].id, name: rows[0].name } : undefined, findings };
    });
  }
}

function applyFilter(findings: FindingRecord[], filter: FindingsFilter) {
  return findings.filter((f) => (!filter.severity || f.severity === filter.severity) && (!filter.code || f.code === filter.code));
}

/** One query per building-block kind, for the entries the activities link to. */
async function loadBuildingBlocks(manager: EntityManager, activities: ActivityRecord[]): Promise<RegisterSnapshot> {
  const recipientIds = ids(
    activities.flatMap((a) => [...a.recipients.map((r) => r.recipient.id), ...a.transfers.map((t) => t.recipient.id)]),
  );
  const controllerIds = ids(activities.flatMap((a) => a.controllers.map((c) => c.id)));
  const recipients: RecipientRecord[] = await manager.query(
    `SELECT id, name, kind, category, country, organisation_id AS "organisationId", processing_agreement_ref AS "processingAgreementRef"
       FROM recipients WHERE id = ANY($1::uuid[])`,
    [recipientIds],
  );
  const organisations: OrganisationRecord[] = await manager.query(
    `SELECT id, name, country, email, privacy_contact_email AS "privacyContactEmail", dpo_email AS "dpoEmail"
       FROM organisations
      WHERE id = ANY($1::uuid[]) OR id IN (SELECT organisation_id FROM recipients WHERE id = ANY($2::uuid[]))`,
    [controllerIds, recipientIds],
  );
  const vulnerable: { id: string }[] = await manager.query(
    'SELECT id FROM data_subject_categories WHERE vulnerable AND id = ANY($1::uuid[])',
    [ids(activities.flatMap((a) => a.dataSubjectCategories.map((s) => s.id)))],
  );
  const channels: ChannelRecord[] = await manager.query(
    'SELECT id, name, source_type AS "sourceType", mechanism, cookie FROM collection_channels WHERE id = ANY($1::uuid[])',
    [ids(activities.flatMap((a) => a.collectionChannels.map((c) => c.id)))],
  );
  const policies: PolicyRecord[] = await manager.query(
    `SELECT id, name, organisation_id AS "organisationId", rights FROM privacy_policies
      WHERE organisation_id = ANY($1::uuid[]) ORDER BY lower(name), id`,
    [controllerIds],
  );
  // Every building block that can be retired (has retiredAt), from the entity metadata.
  const retirable = Object.values(buildingBlocks)
    .map((definition) => ({ path: definition.path, metadata: manager.connection.getMetadata(definition.entity) }))
    .filter(({ metadata }) => metadata.findColumnWithPropertyName('retiredAt'));
  const retired: RetiredRecord[] = await manager.query(
    retirable
      .map(
        ({ path, metadata }) =>
          `SELECT '${path}' AS resource, id, name, retired_at AS "retiredAt" FROM ${metadata.tableName} WHERE retired_at <= now()`,
      )
      .join(' UNION ALL '),
  );
  return {
    today: new Date().toISOString().slice(0, 10),
    activities,
    organisations: new Map(organisations.map((o) => [o.id, o])),
    vulnerableSubjects: new Set(vulnerable.map((s) => s.id)),
    channels: new Map(channels.map((c) => [c.id, c])),
    recipients: new Map(recipients.map((r) => [r.id, r])),
    policies,
    retired: new Map(retired.map((r) => [r.id, { ...r, retiredAt: new Date(r.retiredAt).toISOString() }])),
  };
}
