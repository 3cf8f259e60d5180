import { existsSync } from 'node:fs';
import { buildApp } from './app';
import { roles } from './auth/permissions';
import { mintToken } from './auth/tokens';
import { ConfigError, loadConfig } from './config';
import { applyProcessSettings } from './runtime';

/** Starts the service: config → app → listen; stops cleanly on SIGTERM/SIGINT. */
async function main() {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  applyProcessSettings(config);
  const app = await buildApp(config);
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      // The drain (idle connections kept for their clients), then up to 10 s for requests in flight.
      const timer = setTimeout(() => {
        app.log.error('shutdown took too long; exiting');
        process.exit(1);
      }, config.SHUTDOWN_DRAIN_MS + 10_000);
      timer.unref();
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, 'error during shutdown');
          process.exit(1);
        },
      );
    });
  }
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info(`Swagger UI: ${address}/docs`);
  if (app.auth.keys.source === 'development-secret' && app.auth.keys.secret) {
    // Development only (production refuses to start without keys): ready-to-paste tokens.
    const lines = [`\nDevelopment tokens (12 h; mint more with: npm run token -- --role auditor --ttl 1h):`];
    for (const role of roles) {
      const token = await mintToken(app.auth.keys.secret, app.auth.settings, { sub: `dev-${role}`, roles: [role], ttlSeconds: 12 * 3600 });
      lines.push(`  ${role.padEnd(7)} Bearer ${token}`);
    }
    process.stdout.write(`${lines.join('\n')}\n\n`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Start-up failed:', error);
  }
  process.exit(1);
});
