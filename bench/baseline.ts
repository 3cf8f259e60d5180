/**
 * The raw baseline of `npm run bench`: a bare Fastify (no plugins, no schemas, no auth, no ORM)
 * sending the same SQL as the service for the same four operations, straight to the driver —
 * node-postgres, or the embedded PGlite instance itself. It answers the same JSON (the stored
 * documents' bytes, written by the same refresh; the register rendered by the same renderer), so the service's figures divided by
 * these are what the framework, auth, validation, serialization schemas, ETags, rate limiting
 * and TypeORM cost.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import type { QueryRunner } from 'typeorm';
import { documentsTable, refreshActivityDocument } from '../src/processing-activities/documents';
import type { ActivityInput } from '../src/processing-activities/service';
import { RegisterReader } from '../src/register/reader';
import { renderJson } from '../src/register/render-json';

/** `name`: a named statement (prepared once per connection), as the service sends its document refresh. */
export type Query = (sql: string, params?: unknown[], name?: string) => Promise<any[]>;

/** A database as the baseline uses it: one-off queries, and a session (connection) held for a transaction. */
export interface RawDatabase {
  query: Query;
  /** A connection of its own until `release()`. */
  session(): Promise<{ query: Query; release(): void }>;
}

export interface BaselineCounters {
  queries: number;
}

export async function buildBaseline(database: RawDatabase, counters: BaselineCounters): Promise<FastifyInstance> {
  const counted =
    (query: Query): Query =>
    (sql, params, name) => {
      counters.queries += 1;
      return query(sql, params, name);
    };
  const query = counted(database.query);
  const app = Fastify({ logger: false });

  // Reads send the stored documents as they are, as the service does (the same SQL).
  app.get<{ Params: { id: string } }>('/v1/processing-activities/:id', async (request, reply) => {
    const [row] = await query(`SELECT body, etag FROM ${documentsTable} WHERE activity_id = $1`, [request.params.id]);
    if (!row) return reply.code(404).send({ code: 'NOT_FOUND' });
    return reply.header('etag', row.etag).type('application/json; charset=utf-8').send(row.body);
  });

  app.get<{ Querystring: { limit?: string; offset?: string } }>('/v1/processing-activities', async (request, reply) => {
    const limit = Number(request.query.limit ?? 20);
    const offset = Number(request.query.offset ?? 0);
    const order = 'lower(a.name) ASC NULLS LAST, a.id ASC';
    const [row] = await query(
      `SELECT (SELECT string_agg(d.body, ',' ORDER BY ${order}) FROM (
           SELECT a.id, a.name FROM processing_activities a ORDER BY ${order} LIMIT $1 OFFSET $2
         ) a JOIN ${documentsTable} d ON d.activity_id = a.id) AS items,
         (SELECT count(*)::int FROM processing_activities a) AS total`,
      [limit, offset],
    );
    return reply
      .type('application/json; charset=utf-8')
      .send(`{"items":[${row.items ?? ''}],"total":${row.total},"limit":${limit},"offset":${offset}}`);
  });

  app.post<{ Body: ActivityInput }>('/v1/processing-activities', async (request, reply) => {
    const input = request.body;
    const session = await database.session();
    const q = counted(session.query);
    try {
      await q('START TRANSACTION');
      // The service's checks: every referenced id, one query per table it must exist in.
      const idOf = (item: string | { id: string }) => (typeof item === 'string' ? item : item.id);
      const wanted: Record<string, string[]> = {
        organisations: (input.controllerIds ?? []).map(idOf),
        purposes: (input.purposes ?? []).map((p) => p.purposeId),
        legal_bases: [
          ...(input.purposes ?? []).flatMap((p) => p.legalBasisIds.map(idOf)),
          ...(input.transfers ?? []).flatMap((t) => (t.mechanismId ? [t.mechanismId] : [])),
        ],
        data_subject_categories: input.dataSubjectCategoryIds ?? [],
        data_categories: (input.dataCategories ?? []).map((d) => d.dataCategoryId),
        retention_rules: (input.dataCategories ?? []).flatMap((d) => (d.retentionRuleId ? [d.retentionRuleId] : [])),
        collection_channels: input.collectionChannelIds ?? [],
        recipients: (input.recipients ?? []).map((r) => r.recipientId),
        security_measures: input.securityMeasureIds ?? [],
      };
      for (const [table, ids] of Object.entries(wanted)) {
        if (ids.length === 0) continue;
        const rows = await q(`SELECT id${table === 'legal_bases' ? ', kind' : ''} FROM ${table} WHERE id = ANY($1::uuid[])`, [
          [...new Set(ids)],
        ]);
        if (rows.length !== new Set(ids).size) {
          await q('ROLLBACK');
          return reply.code(422).send({ code: 'UNKNOWN_REFERENCE', table });
        }
      }
      const id = randomUUID();
      await q(
        `INSERT INTO processing_activities (id, name, description, role, status, owner) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING created_at, updated_at, version`,
        [id, input.name, input.description ?? null, input.role ?? 'controller', input.status ?? 'draft', input.owner ?? null],
      );
      const insert = async (table: string, columns: string[], rows: unknown[][]) => {
        if (rows.length === 0) return;
        const values = rows.map((row, i) => `(${row.map((_, j) => `$${i * columns.length + j + 1}`).join(', ')})`).join(', ');
        await q(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, rows.flat());
      };
      const purposes = (input.purposes ?? []).map((p) => ({ ...p, id: randomUUID() }));
      const categories = (input.dataCategories ?? []).map((d) => ({ ...d, id: randomUUID() }));
      const recipients = (input.recipients ?? []).map((r) => ({ ...r, id: randomUUID() }));
      await insert(
        'activity_controllers',
        ['activity_id', 'organisation_id'],
        (input.controllerIds ?? []).map((o) => [id, idOf(o)]),
      );
      await insert(
        'activity_purposes',
        ['id', 'activity_id', 'purpose_id', 'legitimate_interest', 'assessment_reference'],
        purposes.map((p) => [p.id, id, p.purposeId, p.legitimateInterest ?? null, p.assessmentReference ?? null]),
      );
      await insert(
        'activity_purpose_legal_bases',
        ['activity_purpose_id', 'legal_basis_id', 'activity_id'],
        purposes.flatMap((p) => p.legalBasisIds.map((lb) => [p.id, idOf(lb), id])),
      );
      await insert(
        'activity_data_subject_categories',
        ['activity_id', 'data_subject_category_id'],
        (input.dataSubjectCategoryIds ?? []).map((s) => [id, s]),
      );
      await insert(
        'activity_collection_channels',
        ['activity_id', 'collection_channel_id'],
        (input.collectionChannelIds ?? []).map((c) => [id, c]),
      );
      await insert(
        'activity_data_categories',
        ['id', 'activity_id', 'data_category_id', 'retention_rule_id'],
        categories.map((d) => [d.id, id, d.dataCategoryId, d.retentionRuleId ?? null]),
      );
      await insert(
        'activity_data_category_sources',
        ['activity_data_category_id', 'collection_channel_id', 'activity_id'],
        categories.flatMap((d) => (d.sourceChannelIds ?? []).map((c) => [d.id, c, id])),
      );
      await insert(
        'activity_recipients',
        ['id', 'activity_id', 'recipient_id'],
        recipients.map((r) => [r.id, id, r.recipientId]),
      );
      await insert(
        'activity_recipient_data_categories',
        ['activity_recipient_id', 'data_category_id', 'activity_id'],
        recipients.flatMap((r) => (r.dataCategoryIds ?? []).map((d) => [r.id, d, id])),
      );
      await insert(
        'activity_transfers',
        ['id', 'activity_id', 'recipient_id', 'destination', 'country', 'mechanism_id', 'safeguard', 'tia_reference'],
        (input.transfers ?? []).map((t) => [
          randomUUID(),
          id,
          t.recipientId,
          t.destination ?? (t.country ? 'country' : 'not-stated'),
          t.country,
          t.mechanismId ?? null,
          t.safeguard ?? null,
          t.tiaReference ?? null,
        ]),
      );
      await insert(
        'activity_security_measures',
        ['activity_id', 'security_measure_id'],
        (input.securityMeasureIds ?? []).map((m) => [id, m]),
      );
      await refreshActivityDocument(q, id);
      const [stored] = await q(`SELECT body, etag FROM ${documentsTable} WHERE activity_id = $1`, [id]);
      const view = JSON.parse(stored.body);
      await q(
        `INSERT INTO audit_events (actor, action, resource, entity_id, entity_name, before, after, request_id)
         VALUES ($1, 'create', 'processing-activities', $2, $3, NULL, $4::jsonb, $5)`,
        ['baseline', id, view.name, JSON.stringify(view), request.id],
      );
      await q('COMMIT');
      return reply.code(201).header('etag', stored.etag).type('application/json; charset=utf-8').send(stored.body);
    } catch (error) {
      await q('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      session.release();
    }
  });

  // A building block, as the driver gives the row (the service reads it with plain SQL too).
  app.get<{ Params: { id: string } }>('/v1/purposes/:id', async (request, reply) => {
    const [row] = await query('SELECT * FROM purposes WHERE id = $1', [request.params.id]);
    if (!row) return reply.code(404).send({ code: 'NOT_FOUND' });
    return row;
  });

  app.get<{ Querystring: { limit?: string; offset?: string } }>('/v1/purposes', async (request) => {
    const limit = Number(request.query.limit ?? 20);
    const offset = Number(request.query.offset ?? 0);
    const items = await query('SELECT * FROM purposes ORDER BY lower(name), id LIMIT $1 OFFSET $2', [limit, offset]);
    const [{ total }] = await query('SELECT count(*)::int AS total FROM purposes');
    return { items, total, limit, offset };
  });

  // The service's update for the fields the bench sends (scalars and the security measures):
  // lock, If-Match against the stored ETag, the id check, the link list replaced, the document
  // refreshed by the same named statement, audited before and after.
  app.patch<{ Params: { id: string }; Body: { description?: string; securityMeasureIds?: string[] } }>(
    '/v1/processing-activities/:id',
    async (request, reply) => {
      const { id } = request.params;
      const input = request.body;
      const session = await database.session();
      const q = counted(session.query);
      try {
        await q('START TRANSACTION');
        const locked = await q('SELECT id FROM processing_activities WHERE id = $1 FOR UPDATE', [id]);
        if (locked.length === 0) {
          await q('ROLLBACK');
          return reply.code(404).send({ code: 'NOT_FOUND' });
        }
        const [before] = await q(`SELECT body, etag FROM ${documentsTable} WHERE activity_id = $1`, [id]);
        if (request.headers['if-match'] !== before.etag) {
          await q('ROLLBACK');
          return reply.code(412).send({ code: 'PRECONDITION_FAILED' });
        }
        const measures = [...new Set(input.securityMeasureIds ?? [])];
        if (measures.length > 0) {
          const rows = await q('SELECT id FROM security_measures WHERE id = ANY($1::uuid[])', [measures]);
          if (rows.length !== measures.length) {
            await q('ROLLBACK');
            return reply.code(422).send({ code: 'UNKNOWN_REFERENCE', table: 'security_measures' });
          }
        }
        await q('UPDATE processing_activities SET description = $2, updated_at = CURRENT_TIMESTAMP WHERE id = $1', [
          id,
          input.description ?? null,
        ]);
        if (input.securityMeasureIds !== undefined) {
          await q('DELETE FROM activity_security_measures WHERE activity_id = $1', [id]);
          if (measures.length > 0)
            await q(`INSERT INTO activity_security_measures (activity_id, security_measure_id) SELECT $1, unnest($2::uuid[])`, [
              id,
              measures,
            ]);
        }
        await refreshActivityDocument(q, id);
        const [after] = await q(`SELECT body, etag FROM ${documentsTable} WHERE activity_id = $1`, [id]);
        await q(
          `INSERT INTO audit_events (actor, action, resource, entity_id, entity_name, before, after, request_id)
           VALUES ($1, 'update', 'processing-activities', $2, $3, $4::jsonb, $5::jsonb, $6)`,
          ['baseline', id, JSON.parse(after.body).name, before.body, after.body, request.id],
        );
        await q('COMMIT');
        return reply.header('etag', after.etag).type('application/json; charset=utf-8').send(after.body);
      } catch (error) {
        await q('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        session.release();
      }
    },
  );

  app.get('/v1/register', async (_request, reply) => {
    // The service's reader and renderer over the bare driver: the same statements, the same bytes.
    const session = await database.session();
    const runner = { query: counted(session.query), release: async () => session.release() } as unknown as QueryRunner;
    const reader = new RegisterReader(runner, {}, 500, false);
    try {
      await reader.begin(false);
    } catch (error) {
      await reader.close();
      throw error;
    }
    async function* body() {
      try {
        yield* renderJson(reader);
      } finally {
        await reader.close();
      }
    }
    return reply.type('application/json; charset=utf-8').send(Readable.from(body(), { objectMode: false }));
  });

  return app;
}
