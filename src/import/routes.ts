import type { FastifyInstance } from 'fastify';
import { actorOf } from '../audit/recorder';
import { AppError } from '../errors';
import { inline, json, problems, ref } from '../http/responses';
import { RegisterExport } from '../register/dto';
import { registerDocumentType } from '../register-document/schema';
import { registerTag } from '../register/routes';
import { RegisterImportQuery, RegisterImportReport } from './dto';
import type { ImportInput } from './service';

const csvTypes = ['text/csv', 'application/csv'];
const yamlTypes = ['application/yaml', 'application/x-yaml', 'text/yaml'];
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The register document's schema (src/register-document/schema.ts, among the app's DTO schemas). */
const documentSchema = { $ref: 'RegisterDocument#' };

/** A Fides manifest: fideslang's own format, checked by the import (src/import/fides.ts), which names every problem. */
const fidesManifestSchema = {
  type: 'object',
  description:
    'With format=fides: a Fides system manifest (fideslang, https://ethyca.github.io/fideslang/resources/system/): `system`, `dataset` and `organization` lists',
};

/** The media type of a request, without parameters. */
const mediaType = (header: string | undefined) => (header ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * POST /v1/register/import, in a scope of its own: the CSV body parser and the import's body
 * limit apply to this route only.
 */
export async function importRoutes(app: FastifyInstance) {
  const imports = app.services.registerImport;
  const limit = app.config.IMPORT_BODY_LIMIT_BYTES;
  app.addContentTypeParser([...csvTypes, ...yamlTypes], { parseAs: 'string', bodyLimit: limit }, (_request, body, done) =>
    done(null, body),
  );
  app.addContentTypeParser(xlsxType, { parseAs: 'buffer', bodyLimit: limit }, (_request, body, done) => done(null, body));

  app.post<{ Querystring: { dryRun?: boolean; mode?: 'merge' | 'replace'; format?: 'fides' }; Headers: { 'if-match'?: string } }>(
    '/register/import',
    {
      bodyLimit: limit,
      config: {
        permission: { resource: 'register-import', operation: 'create' },
        rateLimit: { max: app.config.EXPORT_RATE_LIMIT_MAX, timeWindow: 60_000 },
      },
      // The file is checked by the import itself, which names every bad row or field (IMPORT_INVALID).
      validatorCompiler: (route) => (route.httpPart === 'body' ? () => true : app.validatorCompiler!(route)),
      schema: {
        tags: [registerTag.name],
        operationId: 'import-register',
        summary: 'Import a register (register document in YAML or JSON, JSON export, ICO CSV, XLSX, or a Fides manifest)',
        description: `Brings a register kept elsewhere in: the register document a person writes (\`application/yaml\`, or \`application/json\` with \`documentType: ${registerDocumentType}\`; JSON Schema: \`openapi/register-document.schema.json\`; the document \`GET /v1/register?format=yaml|document\` writes), this service's own JSON export (\`application/json\`, the document of \`GET /v1/register\` from this or another installation) or a CSV in the UK ICO controller-template columns (\`text/csv\`, the columns \`GET /v1/register?format=csv\` writes; comma or semicolon, with or without BOM), or the XLSX workbook of \`GET /v1/register?format=xlsx\` (its ICO sheets read as the CSV; its building-block sheets add descriptions, recipient categories, collection mechanisms and the other fields the ICO columns do not carry; a problem names the sheet, row and column), or, with \`format=fides\`, a Fides system manifest (fideslang, \`application/yaml\` or \`application/json\`).

A Fides manifest becomes systems and activities: each \`system\` and \`dataset\` a system (a dataset of kind database), each privacy declaration an activity (status draft) whose \`data_use\` is its purpose, with its data categories and subjects and the system (and referenced datasets) holding its categories; \`organization\` entries the controllers. fideslang's default taxonomy names the keys it defines (\`user.contact.email\` → "Email"); other keys keep the manifest's own definition or their key as name. A legal basis only where a declaration states \`legal_basis_for_processing\` or \`special_category_legal_basis\`, never guessed from the data use. Fields the register has no place for (egress, ingress, cookies…) are kept as stated in the entry's internal note.

In the register document, entries refer to each other by name or by the \`key\` the author gives them; built-in legal bases by code (\`gdpr-6-1-b\`) or article (\`Art. 6(1)(b)\`), national-law bases declared in its \`legalBases\`. The document is the register: a field an entry leaves out is empty (null or an empty list), except internal notes unless the document says \`internalNotes: true\`.

Entries are matched by name (legal bases by code), so importing the same file again creates nothing. An entry that exists but differs is a conflict: \`mode=merge\` (default) refuses the import and lists them all (409 IMPORT_CONFLICT); \`mode=replace\` overwrites the fields the file states. The register document is the whole register: in replace mode, what it does not hold is deleted (built-in legal bases aside), and its references must then be to entries it holds. Other files never delete.

All or nothing, in one transaction: a file with any problem is refused with every bad row and column (CSV), JSON Pointer (JSON) or JSON Pointer with line and column (YAML) listed (422 IMPORT_INVALID), and the register is unchanged. \`dryRun=true\` is the plan: it reports per entry what would be created, matched (unchanged), changed (with the fields) and in conflict — and, for the register document in replace mode, deleted — writing nothing, with the register's \`version\`. Send that version as \`If-Match\` to apply exactly that plan: if the register changed since, the import is refused with 412 PRECONDITION_FAILED and nothing is written. Every change is in the audit trail under the caller's name. Files up to \`IMPORT_BODY_LIMIT_BYTES\` (${limit} bytes); larger ones get 413.`,
        querystring: inline(app.dtoSchemas, RegisterImportQuery),
        headers: {
          type: 'object',
          properties: {
            'if-match': {
              type: 'string',
              maxLength: 200,
              description:
                "The `version` of the plan (a dry run's answer) this import applies: refused with 412 PRECONDITION_FAILED if the register changed since. Without it the file is imported into the register as it is.",
              example: '"register-1742-1742"',
            },
          },
        },
        body: {
          content: {
            'application/json': { schema: { anyOf: [documentSchema, ref(RegisterExport), fidesManifestSchema] } },
            'application/yaml': { schema: { anyOf: [documentSchema, fidesManifestSchema] } },
            'text/csv': { schema: { type: 'string', description: 'CSV, header row first (UK ICO controller template columns)' } },
            [xlsxType]: {
              schema: {
                type: 'string',
                format: 'binary',
                description:
                  'XLSX workbook as GET /v1/register?format=xlsx writes it: the "Art. 30(1) controller" and "Art. 30(2) processor" sheets in the ICO columns, and building-block sheets for what those columns do not carry',
              },
            },
          },
        },
        response: {
          200: json('What the import did (or, for a dry run, would do)', ref(RegisterImportReport)),
          ...problems(
            'IMPORT_INVALID',
            'IMPORT_CONFLICT',
            'PRECONDITION_FAILED',
            'UNSUPPORTED_MEDIA_TYPE',
            'BODY_TOO_LARGE',
            'MALFORMED_BODY',
          ),
        },
      },
    },
    async (request) => {
      const type = mediaType(request.headers['content-type']);
      const fides = request.query.format === 'fides';
      if (fides && type !== 'application/json' && !yamlTypes.includes(type))
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send a Fides manifest (format=fides) as application/yaml or application/json.');
      const format: ImportInput | undefined = fides
        ? 'fides'
        : type === 'application/json'
          ? 'json'
          : csvTypes.includes(type)
            ? 'csv'
            : yamlTypes.includes(type)
              ? 'yaml'
              : type === xlsxType
                ? 'xlsx'
                : undefined;
      if (!format)
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          `Send the register as application/yaml or application/json (the register document, or our export), text/csv (ICO template columns) or ${xlsxType} (the workbook of GET /v1/register?format=xlsx).`,
        );
      const report = await imports.run(format, request.body, {
        mode: request.query.mode ?? 'merge',
        dryRun: request.query.dryRun ?? false,
        actor: actorOf(request),
        expectedVersion: request.headers['if-match'],
      });
      request.log.info({ format, mode: report.mode, dryRun: report.dryRun, counts: report.counts }, 'register import');
      return report;
    },
  );
}
