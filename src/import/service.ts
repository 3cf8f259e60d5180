import type { DataSource } from 'typeorm';
import type { Actor } from '../audit/recorder';
import type { JsonSchema } from '../http/dto';
import type { EntryServices } from '../entry-services';
import { AppError } from '../errors';
import { dropLeadingByteOrderMarks } from '../http/no-nul';
import { buildingBlocks, type BuildingBlockKey } from '../resources';
import { parseIcoCsv } from './csv';
import { parseRegisterWorkbook } from './xlsx';
import {
  createDocumentChecker,
  documentFromRegisterDocument,
  isRegisterDocument,
  parsedJson,
  parseYaml,
  type DocumentChecker,
  type KnownEntries,
  type ParsedText,
} from './document';
import { importInvalid, importRegister, type ImportDocument, type ImportMode, type ImportReport } from './engine';
import { createExportChecker, documentFromExport, maxReportedProblems } from './from-export';
import type { ImportProblem, KnownLegalBasis } from './problems';
import { createBodyValidator, type BodyValidator } from './validate';
import { createFidesChecker, documentFromFides, type FidesChecker } from './fides';

/** What a file is read as: our JSON export, the register document (JSON or YAML), or ICO CSV. */
export type ImportFormat = 'json' | 'document' | 'yaml' | 'csv' | 'xlsx' | 'fides';
/** What a caller sends: JSON is our export or the register document, by its `documentType`; fides a Fides manifest in YAML or JSON. */
export type ImportInput = 'json' | 'yaml' | 'csv' | 'xlsx' | 'fides';

export interface RegisterImportResult extends ImportReport {
  format: ImportFormat;
  records: number;
}

/**
 * Reads an import file (our JSON export, or ICO CSV) and brings it into the register, all or
 * nothing. Its validators (~140 ms to compile) are built on the first import, not at start-up.
 */
export class ImportService {
  private checkers?: {
    checkExport: ReturnType<typeof createExportChecker>;
    checkDocument: DocumentChecker;
    checkFides: FidesChecker;
    validate: BodyValidator;
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly services: EntryServices,
    private readonly dtoSchemas: Record<string, JsonSchema>,
  ) {}

  private get compiled() {
    this.checkers ??= {
      checkExport: createExportChecker(this.dtoSchemas),
      checkDocument: createDocumentChecker(this.dtoSchemas),
      checkFides: createFidesChecker(),
      validate: createBodyValidator(this.dtoSchemas),
    };
    return this.checkers;
  }

  async run(
    input: ImportInput,
    body: unknown,
    options: { mode: ImportMode; dryRun: boolean; actor: Actor; expectedVersion?: string },
  ): Promise<RegisterImportResult> {
    const format: ImportFormat = input === 'json' && isRegisterDocument(body) ? 'document' : input;
    const wholeRegister = format === 'document' || format === 'yaml';
    const read =
      format === 'json'
        ? this.fromJson(body)
        : format === 'csv'
          ? await this.fromCsv(body)
          : format === 'xlsx'
            ? await this.fromXlsx(body)
            : format === 'fides'
              ? this.fromFides(body)
              : await this.fromDocument(format, body, options.mode === 'replace');
    const { document, problems, records, originOf } = read;
    const locate = 'locate' in read ? (read.locate as ParsedText['locate']) : undefined;
    if (problems.length > 0) {
      const shown = problems.slice(0, maxReportedProblems);
      if (problems.length > shown.length) {
        shown.push({ row: null, column: null, path: null, value: null, message: `… and ${problems.length - shown.length} more problems` });
      }
      throw importInvalid(locate ? positioned(shown, locate) : shown);
    }
    try {
      const report = await importRegister(this.dataSource, this.services, document, {
        ...options,
        validate: this.compiled.validate,
        originOf,
        wholeRegister,
      });
      return { format, records, ...report };
    } catch (error) {
      // The entries' own checks name a JSON Pointer; in YAML, its line and column too.
      if (locate && error instanceof AppError && error.extras.problems) positioned(error.extras.problems, locate);
      throw error;
    }
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

  /** A Fides system manifest: YAML (text), or JSON as the HTTP layer parsed it. */
  private fromFides(body: unknown) {
    const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : undefined;
    const parsed: ParsedText = text !== undefined ? parseYaml(text.replace(/^\uFEFF+/, '')) : parsedJson(body);
    if (parsed.problems.length > 0) return { document: undefined as never, problems: parsed.problems, records: 0, locate: parsed.locate };
    const read = documentFromFides(dropLeadingByteOrderMarks(parsed.value), this.compiled.checkFides);
    return { document: read.document, problems: read.problems, records: read.activities, originOf: read.originOf, locate: parsed.locate };
  }

  /** The register document, YAML (text) or JSON (parsed by the HTTP layer or the CLI). */
  /** `replacing`: the document becomes the register, so it may refer only to what it holds (and built-in legal bases). */
  private async fromDocument(format: 'document' | 'yaml', body: unknown, replacing: boolean) {
    const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : undefined;
    const parsed: ParsedText = format === 'yaml' ? parseYaml((text ?? '').replace(/^\uFEFF+/, '')) : parsedJson(body);
    if (parsed.problems.length > 0) return { document: undefined as never, problems: parsed.problems, records: 0, locate: parsed.locate };
    const known = await this.known();
    if (replacing) {
      known.legalBases = known.legalBases.filter((basis) => (basis as KnownLegalBasis & { builtIn?: boolean }).builtIn);
      // Units excepted: a replace never deletes one (tokens name them), so the document may name the register's.
      known.names = { organisationalUnits: known.names.organisationalUnits };
    }
    const read = documentFromRegisterDocument(dropLeadingByteOrderMarks(parsed.value), this.compiled.checkDocument, known);
    return { document: read.document, problems: read.problems, records: read.activities, originOf: read.originOf, locate: parsed.locate };
  }

  /** The register's legal bases and the names of its entries, which a document may refer to without declaring them. */
  private async known(): Promise<KnownEntries> {
    const legalBases: (KnownLegalBasis & { builtIn: boolean })[] = await this.dataSource.query(
      'SELECT code, name, article, kind, built_in AS "builtIn" FROM legal_bases ORDER BY code',
    );
    const names: KnownEntries['names'] = {};
    for (const kind of Object.keys(buildingBlocks) as BuildingBlockKey[]) {
      if (buildingBlocks[kind].readOnly) continue;
      const key = buildingBlocks[kind].naturalKey ?? 'name';
      const rows = (await this.services[kind].all(this.dataSource.manager)) as unknown as Record<string, unknown>[];
      names[kind] = new Set(rows.map((row) => String(row[key]).toLowerCase()));
      // A unit is named by its key or its name.
      if (kind === 'organisationalUnits') for (const row of rows) names[kind].add(String(row.name).toLowerCase());
    }
    return { legalBases, names };
  }

  /** The workbook of GET /v1/register?format=xlsx: the ICO sheets as the CSV, the building-block sheets for what they do not carry. */
  private async fromXlsx(
    body: unknown,
  ): Promise<{ document: ImportDocument; problems: ImportProblem[]; records: number; originOf?: undefined }> {
    const buffer = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : '', 'binary');
    const legalBases: KnownLegalBasis[] = await this.dataSource.query('SELECT code, name, article, kind FROM legal_bases ORDER BY code');
    const organisations: { name: string }[] = await this.dataSource.query('SELECT name FROM organisations');
    const { document, problems, rows } = await parseRegisterWorkbook(
      buffer,
      { legalBases, organisations: organisations.map((o) => o.name) },
      this.compiled.checkDocument.entrySchemas,
    );
    return { document, problems, records: rows };
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

/** Adds each problem's line and column, where its JSON Pointer is in the YAML text. */
function positioned<P extends { path: string | null; position?: { line: number; column: number } }>(
  problems: P[],
  locate: ParsedText['locate'],
): P[] {
  for (const problem of problems) {
    const position = problem.path !== null ? locate(problem.path) : undefined;
    if (position) problem.position = position;
  }
  return problems;
}
