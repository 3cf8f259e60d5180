import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { isRegisterEmpty, loadRegister } from '../seed/seed-loader';
import { woktronRegister } from '../seed/woktron-register';

/**
 * On the first start of an empty embedded database, load the example (Woktron) register, so a
 * newcomer's `npm start` opens a register worth browsing. Never on PostgreSQL, never on a
 * register that holds anything: use `npm run seed` for those.
 */
export const seedPlugin = fp(
  async (app: FastifyInstance) => {
    if (!app.config.SEED_ON_EMPTY || app.database.kind !== 'pglite') return;
    if (!(await isRegisterEmpty(app.services))) return;
    const result = await loadRegister(app.services, woktronRegister);
    app.log.info(result, 'empty embedded database: loaded the example register (SEED_ON_EMPTY=false disables this)');
  },
  { name: 'seed', dependencies: ['services'] },
);
