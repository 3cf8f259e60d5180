import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Every REVIEW_DUE_CHECK_INTERVAL_MS, emits review.due for the reviews that have come due by the
 * app's clock (ReviewService.emitDue: each once, instances skipping what another holds). Off at 0.
 */
export const reviewDueCheckPlugin = fp(
  async (app: FastifyInstance) => {
    const interval = app.config.REVIEW_DUE_CHECK_INTERVAL_MS;
    if (interval === 0) return;
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | undefined;
    let stopped = false;
    const tick = () => {
      running = app.services.reviews
        .emitDue()
        .then(
          () => undefined,
          (error: unknown) => app.log.error({ err: error }, 'review due check failed; retrying at the next interval'),
        )
        .finally(() => {
          running = undefined;
          if (!stopped) schedule();
        });
    };
    const schedule = () => {
      timer = setTimeout(tick, interval);
      timer.unref();
    };
    app.addHook('onReady', async () => schedule());
    app.addHook('onClose', async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    });
  },
  { name: 'review-due-check', dependencies: ['services'] },
);
