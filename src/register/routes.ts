import { PassThrough, Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { validationFailed } from '../errors';
import { negotiate } from '../http/content-negotiation';
import { IdParams } from '../http/common-dto';
import { inline, json, pageOf, problems, ref } from '../http/responses';
import { RegisterExport, RegisterExportQuery, type ExportFormat } from './dto';
import { RegisterSigningJwks, RegisterSnapshotListQuery, RegisterSnapshotResponse, RegisterSnapshotSummary } from './snapshot-dto';
import { openRegisterAsOf } from './as-of';
import { openApprovedRegister } from './approved';
import type { RegisterState } from '../reviews/approved';
import { openRegister, type ReadStats, type RegisterFilter, type RegisterSource } from './reader';
import { renderCsv } from './render-csv';
import { renderJson } from './render-json';
import { renderJsonLd } from './render-jsonld';
import { renderXlsx } from './render-xlsx';
import type { SnapshotListInput } from './snapshots';
import { tagRank } from '../http/openapi-tags';

export const registerTag = {
  name: 'Register export and snapshots',
  description:
    'The whole record of processing activities (Art. 30(1) and 30(2)) as one self-contained document — JSON (schema: openapi/register.schema.json), JSON-LD with W3C DPV terms, or CSV in the UK ICO template — streamed however large the register; and signed snapshots of it (JWS, EdDSA) that an auditor verifies offline with the JWKS.',
};

const tags = [registerTag.name];

/** The register document's forms (src/register-document): the whole register, not streamed page by page. */
const documentFormats = {
  yaml: { type: 'application/yaml; charset=utf-8', extension: 'yaml' },
  document: { type: 'application/json; charset=utf-8', extension: 'register-document.json' },
} as const;
type DocumentFormat = keyof typeof documentFormats;
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const isDocumentFormat = (format: ExportFormat): format is DocumentFormat => format in documentFormats;

const formats: Record<
  Exclude<ExportFormat, DocumentFormat | 'xlsx'>,
  { type: string; extension: string; render: (source: RegisterSource) => AsyncGenerator<string> }
> = {
  json: { type: 'application/json; charset=utf-8', extension: 'json', render: renderJson },
  jsonld: { type: 'application/ld+json; charset=utf-8', extension: 'jsonld', render: renderJsonLd },
  csv: { type: 'text/csv; charset=utf-8; header=present', extension: 'csv', render: renderCsv },
};

/** `format=` wins; else the media type the Accept header prefers; JSON by default and on ties. */
export const chooseFormat = (format: string | undefined, accept: string | undefined): ExportFormat =>
  negotiate(format as ExportFormat | undefined, accept, [
    ['json', 'application/json'],
    ['jsonld', 'application/ld+json'],
    ['csv', 'text/csv'],
    ['yaml', 'application/yaml'],
    ['xlsx', xlsxType],
  ]);

const day = (iso: string) => iso.slice(0, 10);

/** The Content-Disposition response header of a download, documented. */
const attachment = (example: string) => ({
  type: 'string',
  description: 'Always an attachment, with the file name to save it as',
  example: `attachment; filename="${example}"`,
  'x-required': true,
});

/** Joins the renderers' per-activity pieces into chunks of about 32 K characters: fewer, still small, writes. */
async function* coalesced(pieces: AsyncGenerator<string>, size = 32_768): AsyncGenerator<string> {
  let chunk = '';
  for await (const piece of pieces) {
    chunk += piece;
    if (chunk.length >= size) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** A register source that the stream closes when it ends. */
type OpenSource = RegisterSource & { readonly stats: ReadStats; close(): Promise<void> };

/**
 * Sends an async generator of text as the reply body. The reader (its transaction and database
 * connection) is closed however the stream ends: completed, failed, the client gone — or the
 * client no longer reading for `idleMs` (a stalled client would otherwise hold the connection).
 */
function stream(
  reply: FastifyReply,
  request: FastifyRequest,
  reader: OpenSource,
  body: AsyncGenerator<string>,
  format: ExportFormat,
  idleMs: number,
) {
  const started = process.hrtime.bigint();
  let timer: NodeJS.Timeout | undefined;
  const watch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      request.log.warn({ format, idleMs }, 'register export abandoned: the client stopped reading');
      readable.destroy(new Error('the client stopped reading the export'));
    }, idleMs);
  };
  async function* guarded() {
    try {
      for await (const chunk of coalesced(body)) {
        // Only the wait for the client is timed, not the database reading the next page.
        watch();
        yield chunk;
        clearTimeout(timer);
      }
      request.log.info(
        { format, ...reader.stats, ...reader.totals, ms: Number(process.hrtime.bigint() - started) / 1e6 },
        'register exported',
      );
    } finally {
      clearTimeout(timer);
      await reader.close();
    }
  }
  // `watch` above runs only once the stream is read, after this line.
  const readable = Readable.from(guarded(), { objectMode: false });
  readable.once('close', () => clearTimeout(timer));
  return reply.send(readable);
}

/** The register document (YAML or JSON): the whole register as it is now, so filters and asOf are refused, not ignored. */
async function sendDocument(
  app: FastifyInstance,
  reply: FastifyReply,
  format: DocumentFormat,
  query: RegisterFilter & { asOf?: string; internalNotes?: boolean; state?: RegisterState },
) {
  if (query.state === 'approved') {
    throw validationFailed([
      {
        in: 'query',
        path: '/state',
        message: `does not apply to format=${format}: the register document is the working register, the file to edit and import (use format=json for the approved state)`,
      },
    ]);
  }
  const narrowing = (['status', 'owner', 'role', 'asOf'] as const).filter((field) => query[field] !== undefined);
  if (narrowing.length > 0) {
    throw validationFailed(
      narrowing.map((field) => ({
        in: 'query',
        path: `/${field}`,
        message: `does not apply to format=${format}: the register document is the whole register as it is now`,
      })),
    );
  }
  const options = { internalNotes: query.internalNotes ?? false };
  const documents = app.services.registerDocument;
  const body = format === 'yaml' ? await documents.yaml(options) : `${JSON.stringify(await documents.document(options), null, 2)}\n`;
  const { type, extension } = documentFormats[format];
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="register-${day(new Date(app.clock()).toISOString())}.${extension}"`)
    .header('vary', 'accept')
    .header('cache-control', 'no-store')
    .send(body);
}

/** The workbook, written into the reply as the reader's pages come; the reader is closed however it ends. */
function sendXlsx(reply: FastifyReply, request: FastifyRequest, reader: OpenSource) {
  const body = new PassThrough();
  const started = process.hrtime.bigint();
  renderXlsx(reader, body)
    .then(() =>
      request.log.info(
        { format: 'xlsx', ...reader.stats, ...reader.totals, ms: Number(process.hrtime.bigint() - started) / 1e6 },
        'register exported',
      ),
    )
    .catch((error: unknown) => body.destroy(error as Error))
    .finally(() => void reader.close());
  return reply.send(body);
}

export async function registerRoutes(app: FastifyInstance) {
  app.declareTag(registerTag, tagRank.register);
  const snapshots = app.services.snapshots;
  // A configured key is checked (and recorded for the JWKS) at start-up: a bad one stops it.
  if (app.config.SNAPSHOT_SIGNING_KEY) await snapshots.signingKey();
  const exportRateLimit = { max: app.config.EXPORT_RATE_LIMIT_MAX, timeWindow: 60_000 };

  app.get<{ Querystring: RegisterFilter & { format?: string; asOf?: string; internalNotes?: boolean; state?: RegisterState } }>(
    '/register',
    {
      config: { permission: { resource: 'register', operation: 'get' }, rateLimit: exportRateLimit },
      schema: {
        tags,
        operationId: 'get-register',
        summary: 'Export the register',
        description: `The record of processing activities as one self-contained document, every linked entry resolved inline: the Art. 30(1) controller register (controllers with contacts, DPO and representative; per activity its purposes with legal bases, data subjects, data categories with erasure time limits, recipients, third-country transfers with safeguards, security measures and derived rights) and the Art. 30(2) processor register per controller, plus the register's organisations and the legal bases used (codes and W3C DPV IRIs).

Representations, by \`format\` or the \`Accept\` header: \`application/json\` (default; JSON Schema: \`openapi/register.schema.json\`), \`application/ld+json\` (W3C DPV where DPV has a term, the register's own \`reg:\` terms otherwise; @context inline; what is not stated is left out, never written as a DPV value), \`text/csv\` (UK ICO controller template columns, then columns for what real registers state beyond the template; one row per activity × purpose; an empty cell is not stated) and \`${xlsxType}\` (\`format=xlsx\`: the same columns on a sheet per Art. 30(1) and 30(2), and a sheet per building block, written as it is read).

\`format=yaml\` (or \`Accept: application/yaml\`) and \`format=document\` (JSON) give the register document people write (JSON Schema: \`openapi/register-document.schema.json\`): every entry of the register, linked or not, named instead of identified, without derived fields — the file to edit and bring back with \`POST /v1/register/import\`. It is always the whole register as it is now: with \`status\`, \`owner\`, \`role\` or \`asOf\` it is refused (400).

With \`internalNotes=true\` (auditors and admins), the register keeper's internal notes are filled in (every \`internalNote\`; \`internalNotes: true\` says so; in JSON-LD \`reg:internalNote\`, the register node saying \`reg:containsInternalNotes\`; in CSV the "Internal notes (register keeper only, not for publication)" column); without it they are null or absent, as in every public export and the privacy notice.

**Approved or working.** By default the export is the register as approved: each activity as its latest approval kept it (its text and the names of what it linked, as approved), with the organisations, legal bases and building blocks as they are now; activities never approved are left out — listed in \`notApproved\` (JSON), counted in \`totals.notApproved\`, and in the \`Register-Not-Approved\` header of every format. \`state=working\` gives the activities as they are being edited, approved or not (the register document formats and \`asOf\` are always the working state; \`state=approved\` with them is refused, 400).

With \`asOf\` (auditors and admins), the register as it stood at that moment, replayed from the audit trail — the same document, \`filters.asOf\` set. Sent as an attachment (\`register-YYYY-MM-DD.json|jsonld|csv\`), streamed page by page from one consistent (repeatable-read) view of the register. At most \`EXPORT_RATE_LIMIT_MAX\` (${app.config.EXPORT_RATE_LIMIT_MAX}) exports per client per minute.`,
        querystring: inline(app.dtoSchemas, RegisterExportQuery),
        response: {
          200: {
            description: 'The register (an attachment)',
            headers: {
              'Content-Disposition': attachment('register-2026-11-25.json'),
              'Register-State': {
                type: 'string',
                enum: ['approved', 'working'],
                description: 'The state shown: approved (each activity as its latest approval kept it) or working',
              },
              'Register-Not-Approved': {
                type: 'integer',
                description: 'How many activities the approved state leaves out because they were never approved (0 in the working state)',
              },
            },
            content: {
              'application/json': { schema: { oneOf: [ref(RegisterExport), { $ref: 'RegisterDocument#' }] } },
              'application/ld+json': { schema: { $ref: 'RegisterJsonLd#' } },
              'application/yaml': { schema: { $ref: 'RegisterDocument#' } },
              [xlsxType]: {
                schema: {
                  type: 'string',
                  format: 'binary',
                  description:
                    'XLSX workbook: sheets "Art. 30(1) controller" and "Art. 30(2) processor" in the UK ICO template columns (as the CSV), then one sheet per building block',
                },
              },
              'text/csv': { schema: { type: 'string', description: 'CSV, header row first, CRLF line ends' } },
            },
          },
          ...problems(),
        },
      },
    },
    async (request, reply) => {
      const { format: requested, asOf, internalNotes, state: requestedState, ...filter } = request.query;
      const format = chooseFormat(requested, request.headers.accept);
      // The register keeper's internal notes are for the audit, never for a public export.
      if (internalNotes) app.requirePermission(request, { resource: 'internal-notes', operation: 'get' });
      if (isDocumentFormat(format)) return sendDocument(app, reply, format, request.query);
      const options = { rightIris: format === 'jsonld', internalNotes: internalNotes ?? false };
      let reader: OpenSource;
      if (asOf) {
        // The past includes what was deleted since: the audit trail's readers only.
        app.requirePermission(request, { resource: 'register-history', operation: 'get' });
        if (Date.parse(asOf) > Date.now()) {
          throw validationFailed([
            { in: 'query', path: '/asOf', message: 'must not be in the future: the register can only be shown as it stood' },
          ]);
        }
        if (requestedState === 'approved') {
          throw validationFailed([
            {
              in: 'query',
              path: '/state',
              message: 'only working applies with asOf: the audit trail replays the register as it was edited',
            },
          ]);
        }
        reader = await openRegisterAsOf(app.dataSource, app.services.history, filter, new Date(asOf).toISOString(), options);
      } else if (requestedState === 'working') {
        reader = await openRegister(app.dataSource, filter, options);
      } else {
        reader = await openApprovedRegister(app.dataSource, filter, options);
      }
      reply.header('register-state', reader.filters.state).header('register-not-approved', String(reader.notApproved.length));
      const moment = asOf ? `-as-of-${new Date(asOf).toISOString().slice(0, 19).replace(/:/g, '')}Z` : '';
      if (format === 'xlsx') {
        reply
          .type(xlsxType)
          .header('content-disposition', `attachment; filename="register-${day(reader.generatedAt)}${moment}.xlsx"`)
          .header('vary', 'accept')
          .header('cache-control', 'no-store');
        return sendXlsx(reply, request, reader);
      }
      const { type, extension, render } = formats[format];
      reply
        .type(type)
        .header('content-disposition', `attachment; filename="register-${day(reader.generatedAt)}${moment}.${extension}"`)
        .header('vary', 'accept')
        .header('cache-control', 'no-store');
      return stream(reply, request, reader, render(reader), format, app.config.CONNECTION_TIMEOUT_MS);
    },
  );

  const snapshot = json('The snapshot: the JWS with its SHA-256', ref(RegisterSnapshotResponse));

  app.post(
    '/register/snapshots',
    {
      config: { permission: { resource: 'register-snapshots', operation: 'create' }, rateLimit: exportRateLimit },
      schema: {
        tags,
        operationId: 'create-register-snapshots',
        summary: 'Freeze and sign the register',
        description:
          'Takes the unfiltered JSON export of the register as it is now, signs it as a compact JWS (EdDSA, `kid` in the protected header; the payload is the exact JSON bytes), stores it and returns it with the SHA-256 of the payload. Verify it offline with the keys of `GET /v1/register/snapshots/jwks.json` (`npm run verify-snapshot`). Takes no body. Shares the export rate limit.',
        response: { 201: snapshot, ...problems('UNSUPPORTED_MEDIA_TYPE', 'BODY_TOO_LARGE') },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (body !== undefined && body !== null && !(typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0)) {
        throw validationFailed([
          { in: 'body', path: '', message: 'must be empty: a snapshot takes the whole register, with no parameters' },
        ]);
      }
      const created = await snapshots.create(request.principal!.sub);
      request.log.info(
        { snapshot: created.id, sha256: created.sha256, bytes: created.byteSize, kid: created.kid },
        'register snapshot made',
      );
      return reply.code(201).header('location', `/v1/register/snapshots/${created.id}`).send(created);
    },
  );

  app.get<{ Querystring: SnapshotListInput }>(
    '/register/snapshots',
    {
      config: { permission: { resource: 'register-snapshots', operation: 'list' } },
      schema: {
        tags,
        operationId: 'list-register-snapshots',
        summary: 'List register snapshots',
        description: 'Newest first, without the signed payloads.',
        querystring: inline(app.dtoSchemas, RegisterSnapshotListQuery),
        response: { 200: json('A page of snapshots', pageOf(RegisterSnapshotSummary)), ...problems() },
      },
    },
    (request) => snapshots.list(request.query),
  );

  app.get(
    '/register/snapshots/jwks.json',
    {
      config: { permission: { resource: 'register', operation: 'get' } },
      schema: {
        tags,
        operationId: 'get-register-snapshot-keys',
        summary: 'Public keys that verify snapshots (JWKS)',
        description:
          'Every Ed25519 key that has signed snapshots, as a JSON Web Key Set; keys are never removed, so old snapshots keep verifying. Public keys, but behind a token like every /v1 route: any role may fetch it. Save it once and verify snapshots offline.',
        response: { 200: json('The JSON Web Key Set', ref(RegisterSigningJwks)), ...problems() },
      },
    },
    async (_request, reply) => reply.header('cache-control', 'private, max-age=300').send(await snapshots.jwks()),
  );

  app.get<{ Params: { id: string } }>(
    '/register/snapshots/:id',
    {
      config: { permission: { resource: 'register-snapshots', operation: 'get' } },
      schema: {
        tags,
        operationId: 'get-register-snapshots',
        summary: 'Get one register snapshot',
        description:
          'The snapshot with its JWS and SHA-256, as an attachment (`register-snapshot-YYYY-MM-DD-<id>.json`); with `Accept: application/jose` the bare compact JWS (`register-snapshot-YYYY-MM-DD-<id>.jws`). `npm run verify-snapshot` takes either file.',
        params: inline(app.dtoSchemas, IdParams),
        response: {
          200: {
            description: 'The snapshot',
            headers: { 'Content-Disposition': attachment('register-snapshot-2026-11-25-0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11.json') },
            content: {
              'application/json': { schema: ref(RegisterSnapshotResponse) },
              'application/jose': { schema: { type: 'string', description: 'The compact JWS' } },
            },
          },
          ...problems('NOT_FOUND'),
        },
      },
    },
    async (request, reply) => {
      const found = await snapshots.get(request.params.id);
      const filename = `register-snapshot-${day(found.createdAt)}-${found.id}`;
      reply.header('vary', 'accept');
      if (
        negotiate(undefined, request.headers.accept, [
          ['json', 'application/json'],
          ['jws', 'application/jose'],
        ]) === 'jws'
      ) {
        return reply.type('application/jose').header('content-disposition', `attachment; filename="${filename}.jws"`).send(found.jws);
      }
      // A download of its own too (Swagger UI offers "Download file"): the JSON form keeps the SHA-256 with the JWS.
      return reply.header('content-disposition', `attachment; filename="${filename}.json"`).send(found);
    },
  );
}
