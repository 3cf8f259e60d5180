import type { DataSource } from 'typeorm';
import type { StateEntry } from '../history/service';
import type { JsonObject } from '../http/dto';
import { loadLinkedBlocks } from '../processing-activities/linked-blocks';
import { buildingBlocks, type BuildingBlockKey } from '../resources';
import { approvedActivities, notApprovedActivities } from '../reviews/approved';
import { HistoricalRegister } from './as-of';
import type { ReadStats, RegisterFilter, RegisterOptions } from './reader';

/**
 * The register in its approved state (GET /v1/register's default): every activity as its latest
 * approval kept it — its own text and the names of what it linked, as approved — beside the
 * building blocks, organisations and legal bases as they are now (what the records' details,
 * contacts and safeguards are read from). An activity never approved is not in the document: it
 * is listed in `notApproved` and counted in `totals.notApproved`, so the export never passes an
 * unapproved draft for an approved record, nor silently drops one.
 *
 * Read whole in one REPEATABLE READ transaction (three statements), like the as-of register,
 * whose source it reuses: the approved documents are stored text, not the tables the streaming
 * reader aggregates.
 */
export async function openApprovedRegister(
  dataSource: DataSource,
  filter: RegisterFilter,
  options: RegisterOptions = {},
): Promise<HistoricalRegister> {
  const stats: ReadStats = { queries: 0, pages: 0 };
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    const query = (sql: string, params?: unknown[]) => {
      stats.queries += 1;
      return manager.query(sql, params) as Promise<Record<string, unknown>[]>;
    };
    const kinds = Object.keys(buildingBlocks) as BuildingBlockKey[];
    const blocks = await loadLinkedBlocks(query, Object.fromEntries(kinds.map((kind) => [kind, 'all' as const])));
    const state: StateEntry[] = [];
    for (const kind of kinds) {
      for (const { row } of blocks[kind]?.values() ?? []) {
        state.push({ resource: buildingBlocks[kind].path, id: row.id as string, name: row.name as string, value: row as JsonObject });
      }
    }
    for (const activity of await approvedActivities(query)) {
      state.push({ resource: 'processing-activities', id: activity.id, name: activity.name, value: activity as unknown as JsonObject });
    }
    const params: unknown[] = [];
    const where = ['TRUE'];
    for (const field of ['status', 'owner', 'role'] as const) {
      if (filter[field] !== undefined) where.push(`a.${field} = $${params.push(filter[field])}`);
    }
    const notApproved = await notApprovedActivities(query, where.join(' AND '), params);
    let rightIris = new Map<string, string>();
    if (options.rightIris) {
      const rights = (await query('SELECT code, dpv_iri AS "dpvIri" FROM data_subject_rights')) as { code: string; dpvIri: string }[];
      rightIris = new Map(rights.map((right) => [right.code, right.dpvIri]));
    }
    return new HistoricalRegister(
      state,
      [],
      rightIris,
      filter,
      { asOf: null, state: 'approved', notApproved },
      options.pageSize ?? 500,
      stats,
      options.internalNotes ?? false,
    );
  });
}
