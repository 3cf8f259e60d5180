import type { DataSource } from 'typeorm';
import type { Actor } from '../audit/recorder';
import type { JsonSchema } from '../http/dto';
import type { EntryServices } from '../entry-services';
import { dropLeadingByteOrderMarks } from '../http/no-nul';
import { parseIcoCsv } from './csv';
import { importInvalid, importRegister, type ImportDocument, type ImportMode, type ImportReport } from './engine';
import { createExportChecker, documentFromExport, maxReportedProblems } from './from-export';
import type { ImportProblem, KnownLegalBasis } from './problems';
import { createBodyValidator, type BodyValidator } from './validate';

export type ImportFormat = 'json' | 'csv';

export interface RegisterImportResult extends ImportReport {
  format: ImportFormat;
  records: number;
}

/**
 * Reads an import file (our JSON export, or ICO CSV) and brings it into the register, all or
 * nothing. Its validators (~140 ms to compile) are built on the first import, not at start-up.
 */
export class ImportService {
  private checkers?: { checkExport: ReturnType<typeof createExportChecker>; validate: BodyValidator };

  constructor(
    private readonly dataSource: DataSource,
    private readonly services: EntryServices,
    private readonly dtoSchemas: Record<string, JsonSchema>,
  ) {}

  private get compiled() {
    this.checkers ??= { checkExport: createExportChecker(this.dtoSchemas), validate: createBodyValidator(this.dtoSchemas) };
    return this.checkers;
  }

  async run(
    format: ImportFormat,
    body: unknown,
    options: { mode: ImportMode; dryRun: boolean; actor: Actor },
  ): Promise<RegisterImportResult> {
    const { document, problems, records, originOf } = format === 'json' ? this.fromJson(body) : await this.fromCsv(body);
    if (problems.length > 0) {
      const shown = problems.slice(0, maxReportedProblems);
      if (problems.length > shown.length) {
        shown.push({ row: null, column: null, path: null, value: null, message: `… and ${problems.length - shown.length} more problems` });
      }
      throw importInvalid(shown);
    }
    const report = await importRegister(this.dataSource, this.services, document, {
      ...options,
      validate: this.compiled.validate,
      originOf,
    });
    return { format, records, ...report };
  }

  /**
   * Brings a register document (entries by name, as the seed writes them) in: checked against the
   * API's request schemas, then written through the services, all or nothing.
   */
  importDocument(document: ImportDocument, options: { mode: ImportMode; dryRun?: boolean; actor: Actor }): Promise<ImportReport> {
    return importRegister(this.dataSource, this.services, document, { ...options, validate: this.compiled.validate });
  }

  private fromJson(body: unknown) {
    // As the API does with every request (npm run import reads the file itself).
    const { document, problems, activities, originOf } = documentFromExport(dropLeadingByteOrderMarks(body), this.compiled.checkExport);
    return { document, problems, records: activities, originOf };
  }

  private async fromCsv(
    body: unknown,
  ): Promise<{ document: ImportDocument; problems: ImportProblem[]; records: number; originOf?: undefined }> {
    const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
    const legalBases: KnownLegalBasis[] = await this.dataSource.query('SELECT code, name, article, kind FROM legal_bases ORDER BY code');
    const organisations: { name: string }[] = await this.dataSource.query('SELECT name FROM organisations');
    const { document, problems, rows } = parseIcoCsv(text, { legalBases, organisations: organisations.map((o) => o.name) });
    return { document, problems, records: rows };
  }
}
