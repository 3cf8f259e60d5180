import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { runPeriodically } from '../periodic';

/**
 * This instance's webhook worker: every WEBHOOK_DELIVERY_INTERVAL_MS it sends what is due
 * (WebhookService.deliverDue), one run at a time, and hourly it prunes the delivery log. Any
 * number of instances may run one on the same database: each claims with FOR UPDATE SKIP LOCKED.
 * Off when the interval is 0. Stops on close, after the run in flight (bounded by the webhook
 * timeouts); what it had not sent yet stays in the outbox for the next start or another instance.
 */
export const webhookWorkerPlugin = fp(
  async (app: FastifyInstance) => {
    const interval = app.config.WEBHOOK_DELIVERY_INTERVAL_MS;
    if (interval === 0) return;
    // The log is pruned at start and then hourly (by the app's clock), not at every run.
    const pruneEveryMs = 3_600_000;
    let prunedAt = -Infinity;

    const run = async () => {
      if (app.clock() - prunedAt >= pruneEveryMs) {
        prunedAt = app.clock();
        await app.services.webhooks.pruneLog();
      }
      await app.services.webhooks.deliverDue();
    };
    runPeriodically(app, interval, 'webhook delivery run', run);
  },
  { name: 'webhook-worker', dependencies: ['services'] },
);
