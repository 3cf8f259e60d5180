import type { FastifyInstance } from 'fastify';
import { loadRegister } from '../../src/seed/seed-loader';
import { woktronRegister } from '../../src/seed/woktron-register';
import { authHeader, buildTestApp, call, create, legalBasisId } from '../helper';

// The Woktron register with recorded data flows, and the export/import calls the data-map format
// tests share (test/register/systems-and-flows, test/register-document/data-flows, test/import/*-data-map).

/** The one entry of `path` named `name`. */
export async function named(app: FastifyInstance, path: string, name: string): Promise<any> {
  const items = (await call(app, 'GET', `/v1/${path}?q=${encodeURIComponent(name)}&limit=100`)).data.items as any[];
  const found = items.find((item) => item.name === name);
  if (!found) throw new Error(`no ${path} named ${name}`);
  return found;
}

/** The Woktron register with explicit flows: the seed records none (the policy names none). */
export async function woktronWithFlows(t: Parameters<typeof buildTestApp>[0]): Promise<FastifyInstance> {
  const app = await buildTestApp(t);
  await loadRegister(app.services, woktronRegister);
  const servers = await named(app, 'systems', 'Woktron servers');
  const siem = await named(app, 'systems', 'Security information and event management solutions');
  const analytics = await named(app, 'systems', 'Google Analytics');
  const google = await named(app, 'recipients', 'Google Analytics');
  const visitors = await named(app, 'data-subject-categories', 'Website visitors');
  const usage = await named(app, 'data-categories', 'Website usage and cookie data');
  await create(app, 'data-flows', {
    name: 'Server logs to the SIEM',
    description: 'Log lines of the servers, for security monitoring',
    fromKind: 'system',
    fromId: servers.id,
    toKind: 'system',
    toId: siem.id,
    dataCategoryIds: [usage.id],
  });
  await create(app, 'data-flows', {
    name: 'Website statistics to Google',
    fromKind: 'system',
    fromId: analytics.id,
    toKind: 'recipient',
    toId: google.id,
    dataCategoryIds: [usage.id],
    transferCountry: 'US',
    transferMechanismId: await legalBasisId(app, 'gdpr-45'),
    transferSafeguard: 'EU-US Data Privacy Framework',
    sourcePhrase: 'recorded for the test, not from the policy',
  });
  await create(app, 'data-flows', {
    name: 'Visits',
    fromKind: 'data-subject-category',
    fromId: visitors.id,
    toKind: 'system',
    toId: servers.id,
  });
  return app;
}

/** The register as edited (`state=working`): none of these activities is approved, and the register document is always the working state. */
export const download = async (app: FastifyInstance, format: string, query = '') =>
  app.inject({
    method: 'GET',
    url: `/v1/register?format=${format}${format === 'yaml' || format === 'document' ? '' : '&state=working'}${query}`,
    headers: await authHeader(app, 'admin'),
  });

export const upload = (app: FastifyInstance, payload: string | Buffer | object, type?: string) =>
  call(app, 'POST', '/v1/register/import', payload, 'admin', type ? { 'content-type': type } : {});

/** The export without what differs between installations: ids, timestamps, versions. */
export function portable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(portable);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !['id', 'createdAt', 'updatedAt', 'version', 'generatedAt'].includes(key))
      .map(([key, child]) => [key, portable(child)]),
  );
}
