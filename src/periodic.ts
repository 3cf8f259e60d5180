import type { FastifyInstance } from 'fastify';

/**
 * Runs `run` every `intervalMs` once the app is ready: one run at a time (the next is scheduled
 * when the last has finished, so a slow run is never overlapped), a failure logged and retried at
 * the next interval, and on close no new run, the one in flight awaited. The timer does not keep
 * the process alive. The webhook worker and the review-due check share it.
 */
export function runPeriodically(app: FastifyInstance, intervalMs: number, what: string, run: () => Promise<void>): void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    running = run()
      .then(
        () => undefined,
        (error: unknown) => app.log.error({ err: error }, `${what} failed; retrying at the next interval`),
      )
      .finally(() => {
        running = undefined;
        if (!stopped) schedule();
      });
  };
  const schedule = () => {
    timer = setTimeout(tick, intervalMs);
    timer.unref();
  };
  app.addHook('onReady', async () => schedule());
  app.addHook('onClose', async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  });
}
