import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { CrudService } from '../crud/crud-service';
import { ProcessingActivityService } from '../processing-activities/service';
import { buildingBlocks } from '../resources';

type BuildingBlocks = typeof buildingBlocks;

export type Services = {
  [K in keyof BuildingBlocks]: CrudService<InstanceType<BuildingBlocks[K]['entity']>>;
} & { processingActivities: ProcessingActivityService };

/** The app's services, built once per app instance over its DataSource. */
export const servicesPlugin = fp(
  async (app: FastifyInstance) => {
    const services = { processingActivities: new ProcessingActivityService(app.dataSource) } as Record<string, unknown>;
    for (const [key, definition] of Object.entries(buildingBlocks)) {
      services[key] = new CrudService(app.dataSource, definition as never);
    }
    app.decorate('services', services as Services);
  },
  { name: 'services', dependencies: ['database'] },
);
