import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import type { DataSource } from 'typeorm';
import { refreshDocuments } from '../../src/processing-activities/documents';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { buildTestApp } from '../helper';

/** One app with the Woktron register, built on first use and shared by the tests of a file that only read it. */
export function sharedWoktronApp(t: Test): () => Promise<FastifyInstance> {
  let shared: Promise<FastifyInstance> | undefined;
  return () =>
    (shared ??= (async () => {
      const app = await buildTestApp(t);
      await loadRegister(app.services, woktronRegister);
      return app;
    })());
}

/** The published JSON Schema of the register export, compiled the way a consumer would (draft-07, strict). */
export function registerSchemaValidator() {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi', 'register.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

/**
 * Adds `count` controller activities named `<prefix>000001`… straight in SQL (fast enough for
 * thousands), each linked like a real record to the building blocks already in the register:
 * the first controller organisation, 2 purposes with 2 legal bases each, 3 data subject
 * categories, 4 data categories with a retention rule and a source channel, 2 channels, 2
 * recipients receiving a category, a transfer to the US and 3 security measures (fewer where the register has fewer).
 */
export async function generateActivities(dataSource: DataSource, count: number, prefix = 'Generated activity ') {
  await dataSource.transaction(async (manager) => {
    const first = (table: string, n: number, where = 'TRUE') =>
      `(SELECT id FROM ${table} WHERE ${where} ORDER BY lower(name), id LIMIT ${n})`;
    const mine = `SELECT id FROM processing_activities WHERE name LIKE $1 || '%'`;
    await manager.query(
      `INSERT INTO processing_activities (name, description, role, status, owner, review_due_at)
       SELECT $1 || lpad(g::text, 6, '0'), 'Generated record ' || g || ', with "quotes", commas, and a
line break', 'controller', CASE WHEN g % 10 = 0 THEN 'draft' ELSE 'active' END, 'Generated', DATE '2027-03-31'
         FROM generate_series(1, $2::int) g`,
      [prefix, count],
    );
    await manager.query(
      `INSERT INTO activity_controllers (activity_id, organisation_id) SELECT a.id, o.id FROM (${mine}) a, ${first('organisations', 1, `'controller' = ANY(roles)`)} o`,
      [prefix],
    );
    await manager.query(
      `INSERT INTO activity_purposes (activity_id, purpose_id) SELECT a.id, p.id FROM (${mine}) a, ${first('purposes', 2)} p`,
      [prefix],
    );
    await manager.query(
      `INSERT INTO activity_purpose_legal_bases (activity_purpose_id, legal_basis_id, activity_id)
       SELECT ap.id, lb.id, ap.activity_id FROM activity_purposes ap JOIN (${mine}) a ON a.id = ap.activity_id,
              (SELECT id FROM legal_bases WHERE code IN ('gdpr-6-1-b', 'gdpr-6-1-f')) lb`,
      [prefix],
    );
    await manager.query(
      `INSERT INTO activity_data_subject_categories (activity_id, data_subject_category_id) SELECT a.id, s.id FROM (${mine}) a, ${first('data_subject_categories', 3)} s`,
      [prefix],
    );
    await manager.query(
      `INSERT INTO activity_collection_channels (activity_id, collection_channel_id) SELECT a.id, c.id FROM (${mine}) a, ${first('collection_channels', 2)} c`,
      [prefix],
    );
    await manager.query(
      `INSERT INTO activity_data_categories (activity_id, data_category_id, retention_rule_id)
       SELECT a.id, d.id, ${first('retention_rules', 1)} FROM (${mine}) a, ${first('data_categories', 4)} d`,
      [prefix],
    );
    await manager.query(
      `INSERT INTO activity_data_category_sources (activity_data_category_id, collection_channel_id, activity_id)
       SELECT adc.id, c.id, adc.activity_id FROM activity_data_categories adc JOIN (${mine}) a ON a.id = adc.activity_id, ${first('collection_channels', 1)} c`,
      [prefix],
    );
    await manager.query(
      `INSERT INTO activity_recipients (activity_id, recipient_id) SELECT a.id, r.id FROM (${mine}) a, ${first('recipients', 2)} r`,
      [prefix],
    );
    await manager.query(
      `INSERT INTO activity_recipient_data_categories (activity_recipient_id, data_category_id, activity_id)
       SELECT ar.id, d.id, ar.activity_id FROM activity_recipients ar JOIN (${mine}) a ON a.id = ar.activity_id, ${first('data_categories', 1)} d`,
      [prefix],
    );
    await manager.query(
      `INSERT INTO activity_transfers (activity_id, recipient_id, destination, country, mechanism_id, safeguard)
       SELECT a.id, r.id, 'country', 'US', (SELECT id FROM legal_bases WHERE code = 'gdpr-45'), 'Data Privacy Framework'
         FROM (${mine}) a, ${first('recipients', 1)} r`,
      [prefix],
    );
    await manager.query(
      `INSERT INTO activity_security_measures (activity_id, security_measure_id) SELECT a.id, m.id FROM (${mine}) a, ${first('security_measures', 3)} m`,
      [prefix],
    );
    // Written past the service, so their stored documents are too: one statement, as a migration fills them.
    await refreshDocuments((sql, params) => manager.query(sql, params), `a.id IN (${mine})`, [prefix]);
  });
}
