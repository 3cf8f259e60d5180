import type { Actor } from '../audit/recorder';
import { buildingBlockServices, type EntryServices } from '../entry-services';
import { ImportConflictError } from '../import/engine';
import type { ImportService } from '../import/service';
import type { RegisterDocument } from '../import/register-document';

export class SeedConflictError extends Error {
  override name = 'SeedConflictError';
  constructor(readonly conflicts: string[]) {
    super(
      `The register already holds data that differs from the example register (${conflicts.length} difference${
        conflicts.length === 1 ? '' : 's'
      }):\n  - ${conflicts.slice(0, 20).join('\n  - ')}${conflicts.length > 20 ? '\n  - …' : ''}\nNothing was written. Re-run with --force to create what is missing and overwrite what differs.`,
    );
  }
}

export interface SeedResult {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Writes a register document through the import engine, so the seed and an import are one
 * mechanism: entries are matched by name (legal bases by code), those present and equal are left
 * alone (a re-run changes nothing), missing ones are created, and present ones that differ refuse
 * the whole load unless `force` (which overwrites them) — all in one transaction.
 */
export async function loadRegister(
  services: { registerImport: ImportService },
  document: RegisterDocument,
  options: { force?: boolean; actor?: Actor } = {},
): Promise<SeedResult> {
  try {
    const report = await services.registerImport.importDocument(document, {
      mode: options.force ? 'replace' : 'merge',
      actor: options.actor ?? { sub: 'seed' },
    });
    return { created: report.counts.create, updated: report.counts.change, unchanged: report.counts.match };
  } catch (error) {
    if (!(error instanceof ImportConflictError)) throw error;
    throw new SeedConflictError(
      error.report.entries
        .filter((entry) => entry.action === 'conflict')
        .map((entry) => `${entry.resource} "${entry.name}": ${(entry.fields ?? []).join(', ')} differ`),
    );
  }
}

/** True when the register holds nothing but reference data (built-in legal bases, rights). */
export async function isRegisterEmpty(services: EntryServices): Promise<boolean> {
  for (const service of buildingBlockServices(services)) {
    if (service.definition.readOnly) continue;
    const page = await service.list(service.definition.path === 'legal-bases' ? { builtIn: false, limit: 1 } : { limit: 1 });
    if (page.total > 0) return false;
  }
  return !(await services.processingActivities.any());
}
