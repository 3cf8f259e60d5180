import type { DataSource, EntityManager } from 'typeorm';
import { notFound } from '../errors';
import { linkedIds } from '../processing-activities/link-walk';
import { loadLinkedBlocks } from '../processing-activities/linked-blocks';
import { activityColumns } from '../processing-activities/read-model';
import type { ActivityView } from '../processing-activities/view';
import { buildingBlocks } from '../resources';
import { checkRegister, type FindingRecord } from './check';
import type {
  ChannelRecord,
  FlowRecord,
  OrganisationRecord,
  PolicyRecord,
  RecipientRecord,
  RegisterSnapshot,
  RetiredRecord,
  SystemRecord,
} from './snapshot';

export interface FindingsFilter {
  severity?: string;
  code?: string;
  activityId?: string;
}

/**
 * Findings are computed on read from the register as it is: they never block a save. One request
 * reads the register in four queries, however many activities it holds: the activities through the
 * same read model as the API, the building blocks they link to (one statement, through the loader
 * the privacy notice and the export use), the controllers' privacy policies and the retired
 * entries — all in one repeatable-read transaction, so they see the same state.
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
      const rows: ActivityView[] = await manager.query(
        `SELECT ${activityColumns} FROM processing_activities a ${activityId ? 'WHERE a.id = $1' : ''} ORDER BY lower(a.name), a.id`,
        activityId ? [activityId] : [],
      );
      if (activityId && !rows[0]) throw notFound('processing activity', activityId);
      // A retired activity no longer processes anything: its record is history, not a to-do list.
      const activities = rows.filter((a) => a.status !== 'retired');
      const findings = checkRegister(await loadSnapshot(manager, activities, !activityId));
      return { activity: rows[0] && activityId ? { id: rows[0].id, name: rows[0].name } : undefined, findings };
    });
  }
}

function applyFilter(findings: FindingRecord[], filter: FindingsFilter) {
  return findings.filter((f) => (!filter.severity || f.severity === filter.severity) && (!filter.code || f.code === filter.code));
}

/** What the rules read besides the activities: the building blocks they link to, the policies, the retired entries. */
async function loadSnapshot(manager: EntityManager, activities: ActivityView[], wholeRegister: boolean): Promise<RegisterSnapshot> {
  const linked = linkedIds(activities);
  // Organisations whole: the controllers, and those behind recipients (a recipient's country may be its organisation's).
  const blocks = await loadLinkedBlocks((sql, params) => manager.query(sql, params), {
    organisations: 'all',
    recipients: linked.get('recipients') ?? [],
    dataSubjectCategories: linked.get('dataSubjectCategories') ?? [],
    collectionChannels: linked.get('collectionChannels') ?? [],
    // The data map whole: a system no activity links is itself a finding.
    systems: 'all',
    dataFlows: 'all',
  });
  const rows = <T>(kind: keyof typeof blocks) => [...(blocks[kind]?.values() ?? [])].map(({ row }) => row as T);
  const controllerIds = [...(linked.get('organisations') ?? [])];
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
    organisations: new Map(rows<OrganisationRecord>('organisations').map((o) => [o.id, o])),
    vulnerableSubjects: new Set(
      rows<{ id: string; vulnerable: boolean }>('dataSubjectCategories')
        .filter((s) => s.vulnerable)
        .map((s) => s.id),
    ),
    channels: new Map(rows<ChannelRecord>('collectionChannels').map((c) => [c.id, c])),
    recipients: new Map(rows<RecipientRecord>('recipients').map((r) => [r.id, r])),
    policies,
    retired: new Map(retired.map((r) => [r.id, { ...r, retiredAt: new Date(r.retiredAt).toISOString() }])),
    systems: new Map(rows<SystemRecord>('systems').map((s) => [s.id, s])),
    flows: rows<FlowRecord>('dataFlows'),
    wholeRegister,
  };
}
