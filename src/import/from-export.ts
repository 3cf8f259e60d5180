import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonSchema } from '../http/dto';
import { describeAjvError, type AjvError } from '../http/validation-errors';
import type {
  ExportActivity,
  ExportDataFlow,
  ExportOrganisation,
  ExportOrganisationalUnit,
  ExportPrivacyPolicy,
  ExportSystemEntry,
} from '../register/dto';
import { documentType, formatVersion } from '../register/render-json';
import { registerJsonSchema } from '../register/schema';
import { emptyRegisterDocument } from './register-document';
import { activityScalarInputs } from '../processing-activities/links';
import type { ImportDocument } from './engine';
import type { ImportProblem } from './problems';
import { carriesOwnership, upgradeFormat1, withOwnership, withReviewState, withSystems } from './upgrade-export';

/**
 * Our own register export (GET /v1/register, JSON) as an import document. The file is checked
 * against the export's published schema first, so a problem names its JSON Pointer. Building
 * blocks are taken from the activities that link them — where the same entry appears fully (a
 * collection channel of an activity) and as a reference (a data category's source), the full
 * one counts; two full appearances that disagree are a problem. Organisations and custom legal
 * bases come from the document's own lists; built-in legal bases are the installation's.
 */

export const maxReportedProblems = 500;

/**
 * An activity's own fields in the export, but its notes, which an export may leave out, and its
 * owner unit, which the export names by key (`ownerUnit`).
 */
const ownFields = activityScalarInputs.filter(
  (field): field is Exclude<(typeof activityScalarInputs)[number], 'sourcePhrase' | 'internalNote' | 'ownerUnitId'> =>
    !['sourcePhrase', 'internalNote', 'ownerUnitId'].includes(field),
);

type Loose = Record<string, unknown>;

/** What the reader makes of a file: the document as format 2, and its schema problems. */
export interface CheckedExport {
  json: unknown;
  problems: ImportProblem[];
  /** Whether the file says who owns what (see withOwnership): otherwise the import leaves ownership as it is. */
  ownership: boolean;
}

/** Compiles the export's JSON Schema once per app (it is made from the DTOs); format 1 files are read as format 2. */
export function createExportChecker(dtoSchemas: Record<string, JsonSchema>) {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  const schema = registerJsonSchema(dtoSchemas);
  const validate = ajv.compile(schema);
  return (file: unknown): CheckedExport => {
    const ownership = carriesOwnership(file);
    const json = withOwnership(withReviewState(withSystems(upgradeFormat1(file, schema))), schema);
    if (validate(json)) return { json, problems: [], ownership };
    const problems = (validate.errors ?? []).map((error) => {
      const { path, message } = describeAjvError(error as AjvError, 'is not a field of the register export');
      return { row: null, column: null, path: path || '/', value: null, message };
    });
    return { json, problems, ownership };
  };
}

const text = (value: unknown) => (value === null || value === undefined ? null : String(value).slice(0, 200));

/** Collects entries by name: the first full appearance defines an entry; references fill gaps. */
class Entries<T extends { name: string }> {
  private readonly byKey = new Map<string, { item: T; full: boolean; path: string }>();
  constructor(
    private readonly label: string,
    private readonly problems: ImportProblem[],
  ) {}

  add(item: T, path: string, full: boolean) {
    const key = item.name.toLowerCase();
    const known = this.byKey.get(key);
    if (!known || (!known.full && full)) {
      this.byKey.set(key, { item, full, path });
      return;
    }
    if (!full) return;
    const differing = Object.keys(item).filter(
      (field) => JSON.stringify((item as Loose)[field]) !== JSON.stringify((known.item as Loose)[field]),
    );
    if (differing.length > 0) {
      this.problems.push({
        row: null,
        column: null,
        path: `${path}/${differing[0]}`,
        value: text((item as Loose)[differing[0]!]),
        message: `${this.label} "${item.name}" is described differently at ${known.path} (${differing.join(', ')})`,
      });
    }
  }

  values(): T[] {
    return [...this.byKey.values()].map((entry) => entry.item);
  }

  /** Where each entry is defined in the file, by name. */
  paths(): [string, string][] {
    return [...this.byKey.entries()].map(([key, entry]) => [key, entry.path]);
  }
}

export interface ExportImport {
  document: ImportDocument;
  problems: ImportProblem[];
  activities: number;
  /** JSON Pointer of an entry's definition in the file, by resource and name. */
  originOf: (resource: string, name: string) => string | undefined;
}

export function documentFromExport(file: unknown, check: (file: unknown) => CheckedExport): ExportImport {
  const origins = new Map<string, string>();
  const originOf = (resource: string, name: string) => origins.get(`${resource}:${name.toLowerCase()}`);
  const empty: ImportDocument = emptyRegisterDocument();
  // Another document, or a later format, is one problem, not a list of what its fields are not.
  const head = (file ?? {}) as Loose;
  if (
    typeof file === 'object' &&
    file !== null &&
    (head.documentType !== documentType || ![1, formatVersion].includes(head.formatVersion as number))
  ) {
    const path = head.documentType !== documentType ? '/documentType' : '/formatVersion';
    const problem = {
      row: null,
      column: null,
      path,
      value: text(path === '/documentType' ? head.documentType : head.formatVersion),
      message: `must be a ${documentType} document of format version ${formatVersion} (or 1, read as ${formatVersion})`,
    };
    return { document: empty, problems: [problem], activities: 0, originOf };
  }
  const { json, problems, ownership } = check(file);
  if (problems.length > 0) return { document: empty, problems, activities: 0, originOf };

  const register = json as {
    organisationalUnits: ExportOrganisationalUnit[];
    organisations: ExportOrganisation[];
    legalBases: {
      code: string;
      name: string;
      kind: string;
      article: string;
      description: string | null;
      jurisdiction: string;
      dpvIri: string | null;
      builtIn: boolean;
      ownerUnit: string | null;
    }[];
    privacyPolicies: ExportPrivacyPolicy[];
    systems: ExportSystemEntry[];
    dataFlows: ExportDataFlow[];
    internalNotes: boolean;
    controllerRegister: { activities: ExportActivity[] };
    processorRegister: { controllers: { activities: ExportActivity[] }[] };
  };
  const document = empty;
  // An export without internal notes says nothing about them: they are neither compared nor cleared.
  // Nor does one from before units about who owns what.
  const owner = (entry: { ownerUnit: string | null }) => (ownership ? { ownerUnit: entry.ownerUnit } : {});
  const sourcing = (entry: { sourcePhrase: string | null; internalNote: string | null; ownerUnit: string | null }) => ({
    sourcePhrase: entry.sourcePhrase,
    ...(register.internalNotes ? { internalNote: entry.internalNote } : {}),
    ...owner(entry),
  });
  /** A reference that carries a detail of the link: by name alone when the detail is not stated. */
  const named = <K extends string>(name: string, key: K, value: string | null, unstated: string | null = null) =>
    value === unstated ? name : ({ name, [key]: value } as { name: string } & Record<K, string>);

  document.organisationalUnits = register.organisationalUnits.map((unit) => ({
    name: unit.name,
    key: unit.key,
    kind: unit.kind as never,
    description: unit.description,
  }));
  document.organisations = register.organisations.map((o) => ({
    name: o.name,
    roles: o.roles as never,
    description: o.description,
    registrationNumber: o.registrationNumber,
    address: o.address,
    country: o.country,
    email: o.email,
    phone: o.phone,
    website: o.website,
    privacyContactEmail: o.privacyContactEmail,
    dpoName: o.dpo?.name ?? null,
    dpoEmail: o.dpo?.email ?? null,
    dpoPhone: o.dpo?.phone ?? null,
    dpoTitle: o.dpo?.title ?? null,
    dpoAddress: o.dpo?.address ?? null,
    representative: o.representative?.name ?? null,
    dpoRequired: o.dpoRequired as never,
    dpoRequiredReason: o.dpoRequiredReason,
    publicBody: o.publicBody,
    contacts: o.contacts as never,
    framework: o.framework as never,
    language: o.language,
    transferMechanism: o.transferMechanism?.code ?? null,
    transferMechanismNote: o.transferMechanismNote,
    ...sourcing(o),
  }));
  document.legalBases = register.legalBases
    .filter((basis) => !basis.builtIn)
    .map((basis) => ({
      code: basis.code,
      name: basis.name,
      kind: basis.kind as never,
      article: basis.article,
      description: basis.description,
      dpvIri: basis.dpvIri,
      jurisdiction: basis.jurisdiction,
      ...owner(basis),
    }));
  document.privacyPolicies = register.privacyPolicies.map((policy) => ({
    organisation: policy.organisation.name,
    name: policy.name,
    description: policy.description,
    language: policy.language,
    url: policy.url,
    lastChanged: policy.lastChanged,
    contactEmail: policy.contactEmail,
    responseDays: policy.responseDays,
    rights: policy.rights.map((statement) => ({
      right: statement.right as never,
      description: statement.description,
      ...(statement.feeNote === null ? {} : { feeNote: statement.feeNote }),
      ...(statement.source === null ? {} : { source: statement.source }),
    })),
    notes: policy.notes.map((note) => ({ topic: note.topic, text: note.text, ...(note.source === null ? {} : { source: note.source }) })),
    ...owner(policy),
  })) as never;

  const purposes = new Entries<ImportDocument['purposes'][number]>('purpose', problems);
  const subjects = new Entries<ImportDocument['dataSubjectCategories'][number]>('data subject category', problems);
  const categories = new Entries<ImportDocument['dataCategories'][number]>('data category', problems);
  const channels = new Entries<ImportDocument['collectionChannels'][number]>('collection channel', problems);
  const recipients = new Entries<ImportDocument['recipients'][number]>('recipient', problems);
  const retention = new Entries<ImportDocument['retentionRules'][number]>('retention rule', problems);
  const measures = new Entries<ImportDocument['securityMeasures'][number]>('security measure', problems);
  const activities = new Entries<ImportDocument['activities'][number]>('processing activity', problems);
  const systems = new Entries<NonNullable<ImportDocument['systems']>[number]>('system', problems);

  // The register's systems, those no activity uses too: whole, as the activities' links repeat them.
  const systemEntry = (x: ExportSystemEntry) => ({
    name: x.name,
    description: x.description,
    kind: x.kind as never,
    owner: x.owner,
    provider: x.provider?.name ?? null,
    hostingCountries: x.hostingCountries,
    securityMeasures: x.securityMeasures.map((m) => m.name),
    ...sourcing(x),
  });
  const measureEntry = (m: ExportSystemEntry['securityMeasures'][number]) => ({
    name: m.name,
    description: m.description,
    type: m.type as never,
    standardReference: m.standardReference,
    ...sourcing(m),
  });
  register.systems.forEach((x, i) => {
    x.securityMeasures.forEach((m, j) => measures.add(measureEntry(m), `/systems/${i}/securityMeasures/${j}`, true));
    systems.add(systemEntry(x), `/systems/${i}`, true);
  });

  const records: [ExportActivity, string][] = [
    ...register.controllerRegister.activities.map((a, i): [ExportActivity, string] => [a, `/controllerRegister/activities/${i}`]),
    ...register.processorRegister.controllers.flatMap((group, g) =>
      group.activities.map((a, i): [ExportActivity, string] => [a, `/processorRegister/controllers/${g}/activities/${i}`]),
    ),
  ];
  const retentionOf = ({ id: _id, sourcePhrase, internalNote, ownerUnit, ...rule }: ExportActivity['retentionRules'][number]) =>
    ({ ...rule, ...sourcing({ sourcePhrase, internalNote, ownerUnit }) }) as never;
  for (const [a, at] of records) {
    a.purposes.forEach((p, i) => purposes.add({ name: p.name, description: p.description, ...sourcing(p) }, `${at}/purposes/${i}`, true));
    a.dataSubjectCategories.forEach((s, i) =>
      subjects.add(
        { name: s.name, description: s.description, vulnerable: s.vulnerable, ...sourcing(s) },
        `${at}/dataSubjectCategories/${i}`,
        true,
      ),
    );
    a.dataCategories.forEach((d, i) => {
      categories.add(
        { name: d.name, description: d.description, examples: d.examples, sensitivity: d.sensitivity as never, ...sourcing(d) },
        `${at}/dataCategories/${i}`,
        true,
      );
      if (d.retention) retention.add(retentionOf(d.retention), `${at}/dataCategories/${i}/retention`, true);
      d.sources.forEach((c, j) =>
        channels.add(
          { name: c.name, sourceType: c.sourceType as never, mechanism: c.mechanism as never },
          `${at}/dataCategories/${i}/sources/${j}`,
          false,
        ),
      );
    });
    a.retentionRules.forEach((r, i) => retention.add(retentionOf(r), `${at}/retentionRules/${i}`, true));
    a.collectionChannels.forEach((c, i) =>
      channels.add(
        {
          name: c.name,
          description: c.description,
          sourceType: c.sourceType as never,
          mechanism: c.mechanism as never,
          cookie: c.cookie as never,
          ...sourcing(c),
        },
        `${at}/collectionChannels/${i}`,
        true,
      ),
    );
    a.recipients.forEach((r, i) => {
      recipients.add(
        {
          name: r.name,
          description: r.description,
          kind: r.kind as never,
          category: r.category as never,
          country: r.country,
          organisation: r.organisation?.name ?? null,
          processingAgreementStatus: r.processingAgreementStatus as never,
          processingAgreementDate: r.processingAgreementDate,
          processingAgreementRef: r.processingAgreementRef,
          ...sourcing(r),
        },
        `${at}/recipients/${i}`,
        true,
      );
      r.dataCategories.forEach((d, j) => categories.add({ name: d.name }, `${at}/recipients/${i}/dataCategories/${j}`, false));
    });
    a.transfers.forEach((t, i) => {
      // A recipient seen only in a transfer: its category is not in the export.
      recipients.add(
        { name: t.recipient.name, kind: t.recipient.kind as never, country: t.recipient.country },
        `${at}/transfers/${i}/recipient`,
        false,
      );
      if (t.via) recipients.add({ name: t.via.name, kind: t.via.kind as never, country: t.via.country }, `${at}/transfers/${i}/via`, false);
    });
    a.securityMeasures.forEach((m, i) =>
      measures.add(
        { name: m.name, description: m.description, type: m.type as never, standardReference: m.standardReference, ...sourcing(m) },
        `${at}/securityMeasures/${i}`,
        true,
      ),
    );
    (a.systems ?? []).forEach((x, i) => {
      x.securityMeasures.forEach((m, j) => measures.add(measureEntry(m), `${at}/systems/${i}/securityMeasures/${j}`, true));
      systems.add(systemEntry(x), `${at}/systems/${i}`, true);
    });
    activities.add(
      {
        // The activity's own fields, as the export writes them (the notes as the export's flag allows).
        ...(Object.fromEntries(ownFields.map((field) => [field, a[field]])) as Record<(typeof ownFields)[number], never>),
        ...sourcing(a),
        controllers: a.controllers.map((c) => named(c.name, 'relationship', c.relationship, 'not-stated')) as never,
        legalBases: a.legalBases.map((basis) => named(basis.code, 'note', basis.note)),
        retentionRules: a.retentionRules.map((r) => r.name),
        purposes: a.purposes.map((p) => ({
          purpose: p.name,
          legalBases: p.legalBases.map((basis) => named(basis.code, 'note', basis.note)),
          // Links are written whole: an unstated pairing detail is no detail.
          legitimateInterest: p.legitimateInterest ?? undefined,
          assessmentReference: p.assessmentReference ?? undefined,
        })),
        dataSubjectCategories: a.dataSubjectCategories.map((s) => s.name),
        dataCategories: a.dataCategories.map((d) => ({
          dataCategory: d.name,
          retentionRule: d.retention?.name,
          sourceChannels: d.sources.map((c) => c.name),
        })),
        collectionChannels: a.collectionChannels.map((c) => c.name),
        recipients: a.recipients.map((r) => ({ recipient: r.name, dataCategories: r.dataCategories.map((d) => d.name) })),
        transfers: a.transfers.map((t) => ({
          recipient: t.recipient.name,
          destination: t.destination as never,
          country: t.country ?? undefined,
          internationalOrganisation: t.internationalOrganisation ?? undefined,
          via: t.via?.name,
          mechanism: t.mechanism?.code,
          safeguard: t.safeguard ?? undefined,
          tiaReference: t.tiaReference ?? undefined,
        })),
        securityMeasures: a.securityMeasures.map((m) => m.name),
        systems: (a.systems ?? []).map((x) => ({ system: x.name, dataCategories: x.dataCategories.map((d) => d.name) })),
      },
      at,
      true,
    );
  }
  // The recorded flows. An end or data category no record uses comes by name only: the flow names it, nothing more.
  const flows = new Entries<NonNullable<ImportDocument['dataFlows']>[number]>('data flow', problems);
  const endEntries: Record<string, Entries<{ name: string }> | undefined> = {
    'collection-channel': channels,
    'data-subject-category': subjects,
    recipient: recipients as Entries<{ name: string }>,
  };
  register.dataFlows.forEach((f, i) => {
    const at = `/dataFlows/${i}`;
    for (const side of ['from', 'to'] as const) endEntries[f[side].kind]?.add({ name: f[side].name }, `${at}/${side}`, false);
    f.dataCategories.forEach((d, j) => categories.add({ name: d.name }, `${at}/dataCategories/${j}`, false));
    flows.add(
      {
        name: f.name,
        description: f.description,
        fromKind: f.from.kind as never,
        from: f.from.name,
        toKind: f.to.kind as never,
        to: f.to.name,
        dataCategories: f.dataCategories.map((d) => d.name),
        transferCountry: f.transferCountry,
        transferMechanism: f.transferMechanism?.code ?? null,
        transferSafeguard: f.transferSafeguard,
        ...sourcing(f),
      },
      at,
      true,
    );
  });
  document.dataFlows = flows.values();
  document.purposes = purposes.values();
  document.dataSubjectCategories = subjects.values();
  document.dataCategories = categories.values();
  document.collectionChannels = channels.values();
  document.recipients = recipients.values();
  document.retentionRules = retention.values();
  document.securityMeasures = measures.values();
  document.activities = activities.values();
  document.systems = systems.values();
  register.organisationalUnits.forEach((unit, i) =>
    origins.set(`organisational-units:${unit.key.toLowerCase()}`, `/organisationalUnits/${i}`),
  );
  register.organisations.forEach((o, i) => origins.set(`organisations:${o.name.toLowerCase()}`, `/organisations/${i}`));
  register.legalBases.forEach((basis, i) => origins.set(`legal-bases:${basis.code.toLowerCase()}`, `/legalBases/${i}`));
  const located: [string, Entries<{ name: string }>][] = [
    ['purposes', purposes],
    ['data-subject-categories', subjects],
    ['data-categories', categories],
    ['collection-channels', channels],
    ['recipients', recipients],
    ['retention-rules', retention],
    ['security-measures', measures],
    ['systems', systems],
    ['data-flows', flows as Entries<{ name: string }>],
    ['processing-activities', activities],
  ];
  for (const [resource, entries] of located) for (const [key, path] of entries.paths()) origins.set(`${resource}:${key}`, path);
  return { document, problems, activities: document.activities.length, originOf };
}
