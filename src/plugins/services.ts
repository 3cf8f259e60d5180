import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { buildServices } from '../services';

/** The app's services (src/services.ts), built once per app instance over its DataSource. */
export const servicesPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorate('services', buildServices(app));
  },
  { name: 'services', dependencies: ['database'] },
);
