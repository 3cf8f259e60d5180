import type { Actor } from '../audit/recorder';
import { etagOf } from '../http/etag';
import type { Services } from '../plugins/services';
import type { ActivityInput } from '../processing-activities/service';
import type { RegisterDocument } from './register-document';

export class SeedConflictError extends Error {
  override name = 'SeedConflictError';
  constructor(readonly conflicts: string[]) {
    super(
      `The register already holds data that differs from the example register (${conflicts.length} difference${
        conflicts.length === 1 ? '' : 's'
      }):\n  - ${conflicts.slice(0, 20).join('\n  - ')}${conflicts.length > 20 ? '\n  - …' : ''}\nNothing was written. Re-run with --force to create what is missing and overwrite what differs.`,
    );
  }
}

export interface SeedResult {
  created: number;
  updated: number;
  unchanged: number;
}

type Body = Record<string, unknown>;

/** Drops review-only fields and undefined values; what remains is a create request body. */
function body(item: object, omit: string[] = []): Body {
  return Object.fromEntries(Object.entries(item).filter(([key, value]) => value !== undefined && !['source', ...omit].includes(key)));
}

/** Order-insensitive comparison of a wanted body with what is stored. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value))
    return value
      .map(normalize)
      .map((v) => JSON.stringify(v))
      .sort();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [k, normalize(v)])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  }
  return value;
}

function differs(wanted: Body, stored: Body): string[] {
  return Object.keys(wanted).filter((key) => JSON.stringify(normalize(wanted[key])) !== JSON.stringify(normalize(stored[key] ?? null)));
}

/**
 * Writes a register document through the same services the API uses. Items are matched by name
 * (legal bases by code): present and equal → left alone, so a re-run changes nothing; missing →
 * created; present but different → a conflict that refuses the whole load unless `force`, which
 * overwrites. A conflict check runs before anything is written.
 */
export async function loadRegister(services: Services, document: RegisterDocument, options: { force?: boolean; actor?: Actor } = {}) {
  const actor = options.actor ?? { sub: 'seed' };
  const result: SeedResult = { created: 0, updated: 0, unchanged: 0 };
  const ids = new Map<string, string>();
  const key = (kind: string, name: string) => `${kind}:${name.toLowerCase()}`;
  const idOf = (kind: string, name: string) => {
    const id = ids.get(key(kind, name));
    if (!id) throw new Error(`The register document refers to an unknown ${kind} "${name}"`);
    return id;
  };
  const idOrNull = (kind: string, name: string | undefined) => (name ? idOf(kind, name) : undefined);

  type Step = {
    kind: string;
    name: string;
    find: () => Promise<Body | undefined>;
    wanted: () => Body;
    stored?: (found: Body) => Body;
    create: (b: Body) => Promise<{ id: string }>;
    update: (id: string, b: Body, etag: string) => Promise<unknown>;
  };
  const crud = (
    kind: keyof Omit<Services, 'processingActivities'>,
    name: string,
    wanted: () => Body,
    lookup: Body = { q: name },
  ): Step => ({
    kind,
    name,
    wanted,
    async find() {
      const page = await services[kind].list({ ...lookup, limit: 100 });
      const field = 'code' in lookup ? 'code' : 'name';
      return (page.items as unknown as Body[]).find(
        (item) => String(item[field]).toLowerCase() === String(lookup[field] ?? name).toLowerCase(),
      );
    },
    create: (b) => services[kind].create(b as never, actor),
    update: (id, b, etag) => services[kind].update(id, b as never, etag, actor),
  });

  const steps: Step[] = [
    ...document.legalBases.map((item) => crud('legalBases', item.code, () => body(item), { code: item.code })),
    ...document.organisations.map((item) =>
      crud('organisations', item.name, () => ({
        ...body(item, ['representative']),
        ...(item.representative ? { representativeId: idOf('organisations', item.representative) } : {}),
      })),
    ),
    ...document.dataSubjectCategories.map((item) => crud('dataSubjectCategories', item.name, () => body(item))),
    ...document.dataCategories.map((item) =>
      crud('dataCategories', item.name, () => ({
        ...body(item, ['parent']),
        ...(item.parent ? { parentId: idOf('dataCategories', item.parent) } : {}),
      })),
    ),
    ...document.collectionChannels.map((item) => crud('collectionChannels', item.name, () => body(item))),
    ...document.purposes.map((item) => crud('purposes', item.name, () => body(item))),
    ...document.recipients.map((item) =>
      crud('recipients', item.name, () => ({
        ...body(item, ['organisation']),
        ...(item.organisation ? { organisationId: idOf('organisations', item.organisation) } : {}),
      })),
    ),
    ...document.retentionRules.map((item) => crud('retentionRules', item.name, () => body(item))),
    ...document.securityMeasures.map((item) => crud('securityMeasures', item.name, () => body(item))),
    ...document.privacyPolicies.map((item) =>
      crud('privacyPolicies', item.name, () => ({
        ...body(item, ['organisation']),
        organisationId: idOf('organisations', item.organisation),
      })),
    ),
    ...document.activities.map((item): Step => ({
      kind: 'processingActivities',
      name: item.name,
      wanted: () => activityBody(item),
      async find() {
        const page = await services.processingActivities.list({ q: item.name, limit: 100 });
        return page.items.find((a) => a.name.toLowerCase() === item.name.toLowerCase()) as unknown as Body | undefined;
      },
      stored: (found) => ({ ...found, ...services.processingActivities.asInput(found as never) }),
      create: (b) => services.processingActivities.create(b as ActivityInput, actor),
      update: (id, b, etag) => services.processingActivities.update(id, b as ActivityInput, etag, actor),
    })),
  ];

  function activityBody(item: RegisterDocument['activities'][number]): Body {
    const legalBasis = (code: string) => idOf('legalBases', code);
    return body({
      ...body(item, [
        'controllers',
        'purposes',
        'dataSubjectCategories',
        'dataCategories',
        'collectionChannels',
        'recipients',
        'transfers',
        'securityMeasures',
      ]),
      controllerIds: item.controllers.map((name) => idOf('organisations', name)),
      purposes: item.purposes.map((p) => ({
        purposeId: idOf('purposes', p.purpose),
        legalBasisIds: p.legalBases.map(legalBasis),
        legitimateInterest: p.legitimateInterest ?? null,
        assessmentReference: p.assessmentReference ?? null,
      })),
      dataSubjectCategoryIds: item.dataSubjectCategories.map((name) => idOf('dataSubjectCategories', name)),
      dataCategories: item.dataCategories.map((d) => ({
        dataCategoryId: idOf('dataCategories', d.dataCategory),
        retentionRuleId: idOrNull('retentionRules', d.retentionRule) ?? null,
        sourceChannelIds: (d.sourceChannels ?? []).map((name) => idOf('collectionChannels', name)),
      })),
      collectionChannelIds: item.collectionChannels.map((name) => idOf('collectionChannels', name)),
      recipients: item.recipients.map((r) => ({
        recipientId: idOf('recipients', r.recipient),
        dataCategoryIds: (r.dataCategories ?? []).map((name) => idOf('dataCategories', name)),
      })),
      transfers: item.transfers.map((t) => ({
        recipientId: idOf('recipients', t.recipient),
        country: t.country,
        mechanismId: t.mechanism ? legalBasis(t.mechanism) : null,
        safeguard: t.safeguard ?? null,
        tiaReference: t.tiaReference ?? null,
      })),
      securityMeasureIds: item.securityMeasures.map((name) => idOf('securityMeasures', name)),
    });
  }

  // Built-in legal bases are referred to by code without being listed in the document.
  for (let offset = 0; ; offset += 100) {
    const page = await services.legalBases.list({ builtIn: true, limit: 100, offset });
    for (const basis of page.items) ids.set(key('legalBases', basis.code), basis.id);
    if (offset + 100 >= page.total) break;
  }

  // Pass 1: find what exists and what differs, writing nothing. Items that do not exist yet
  // cannot be compared before their dependencies have ids, so they only count as "to create".
  const conflicts: string[] = [];
  const plan: { step: Step; existing?: Body }[] = [];
  for (const step of steps) {
    const existing = await step.find();
    if (existing) ids.set(key(step.kind, step.name), String(existing.id));
    plan.push({ step, existing });
  }
  for (const { step, existing } of plan) {
    if (!existing) continue;
    let wanted: Body;
    try {
      wanted = step.wanted();
    } catch {
      continue; // depends on an item still to be created: it will be compared when written
    }
    const fields = differs(wanted, step.stored ? step.stored(existing) : existing);
    if (fields.length > 0) conflicts.push(`${step.kind} "${step.name}": ${fields.join(', ')} differ`);
  }
  if (conflicts.length > 0 && !options.force) throw new SeedConflictError(conflicts);

  // Pass 2: write in dependency order.
  for (const { step, existing } of plan) {
    const wanted = step.wanted();
    if (!existing) {
      const created = await step.create(wanted);
      ids.set(key(step.kind, step.name), created.id);
      result.created += 1;
    } else if (differs(wanted, step.stored ? step.stored(existing) : existing).length > 0) {
      // The entry as read above: if someone changed it meanwhile, the update fails rather than overwrite.
      await step.update(String(existing.id), wanted, etagOf(existing));
      result.updated += 1;
    } else {
      result.unchanged += 1;
    }
  }
  return result;
}

/** True when the register holds nothing but reference data (built-in legal bases, rights). */
export async function isRegisterEmpty(services: Services): Promise<boolean> {
  for (const [name, service] of Object.entries(services)) {
    if ('definition' in service && service.definition.readOnly) continue;
    const page = await service.list(name === 'legalBases' ? { builtIn: false, limit: 1 } : { limit: 1 });
    if (page.total > 0) return false;
  }
  return true;
}
