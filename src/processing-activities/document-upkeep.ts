import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { documentsQuery, refreshDocuments, refreshSql, type Query } from './documents';

const stateName = 'activity-documents';

/**
 * The shape the running code builds documents in: a fingerprint of the generator's statements
 * (the whole-register refresh, the one-activity refresh, the document query itself). Any change
 * of the link catalogue, of a field, or of the text form changes one of them.
 */
export function documentShape(): string {
  return createHash('sha256')
    .update(refreshSql('TRUE'))
    .update('\0')
    .update(refreshSql('a.id = $1', 'correlated'))
    .update('\0')
    .update(documentsQuery('TRUE'))
    .digest('base64url')
    .slice(0, 22);
}

export interface DocumentUpkeep {
  /** Whether every document was rebuilt (the stored shape differed from the code's). */
  rebuilt: boolean;
  shape: string;
}

/**
 * Brings the stored read model up to the running code, after the migrations: when the shape the
 * documents were built with (read_model_state, migration 1764100000031) is not the code's, every
 * document is rebuilt in one statement, in one transaction with the new shape. The state row is
 * locked first, so instances starting together rebuild once and the others see the new shape.
 * On an up-to-date database this is one indexed read.
 */
export async function bringDocumentsUpToDate(dataSource: DataSource): Promise<DocumentUpkeep> {
  const shape = documentShape();
  return dataSource.transaction(async (manager) => {
    const query: Query = (sql, params) => manager.query(sql, params);
    const [state] = (await query(`SELECT shape FROM read_model_state WHERE name = $1 FOR UPDATE`, [stateName])) as {
      shape: string;
    }[];
    if (state?.shape === shape) return { rebuilt: false, shape };
    await refreshDocuments(query, 'TRUE');
    await query(`INSERT INTO read_model_state (name, shape) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET shape = EXCLUDED.shape`, [
      stateName,
      shape,
    ]);
    return { rebuilt: true, shape };
  });
}
