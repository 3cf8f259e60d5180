import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { runPeriodically } from '../periodic';

/**
 * Every REVIEW_DUE_CHECK_INTERVAL_MS, emits review.due for the reviews that have come due by the
 * app's clock (ReviewService.emitDue: each once, instances skipping what another holds). Off at 0.
 */
export const reviewDueCheckPlugin = fp(
  async (app: FastifyInstance) => {
    const interval = app.config.REVIEW_DUE_CHECK_INTERVAL_MS;
    if (interval === 0) return;
    runPeriodically(app, interval, 'review due check', () => app.services.reviews.emitDue().then(() => undefined));
  },
  { name: 'review-due-check', dependencies: ['services'] },
);
