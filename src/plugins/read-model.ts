import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { bringDocumentsUpToDate } from '../processing-activities/document-upkeep';

/**
 * After the migrations, before anything reads or seeds: the stored activity documents are
 * rebuilt when the running code builds them in another shape than they were stored in.
 */
export const readModelPlugin = fp(
  async (app: FastifyInstance) => {
    const started = performance.now();
    const { rebuilt, shape } = await bringDocumentsUpToDate(app.dataSource);
    if (rebuilt) app.log.info({ shape, ms: Math.round(performance.now() - started) }, 'stored activity documents rebuilt');
  },
  { name: 'read-model', dependencies: ['database'] },
);
