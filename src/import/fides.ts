import Ajv from 'ajv';
import type { SystemKind } from '../../entities/system';
import { describeAjvError, type AjvError } from '../http/validation-errors';
import { fidesDataCategories, fidesDataSubjects, fidesDataUses } from './fides/taxonomy';
import type { ImportProblem } from './problems';
import {
  emptyRegisterDocument,
  type RegisterDocument,
  type SeedActivity,
  type SeedDataCategory,
  type SeedOrganisation,
  type SeedSystem,
} from './register-document';

/**
 * A Fides system manifest (fideslang, https://ethyca.github.io/fideslang/resources/system/) as a
 * register document: each system and dataset a system, each privacy declaration of a system a
 * processing activity — its data use the purpose, its data categories and subjects the
 * activity's, the system (and the datasets it references) the activity's systems with the
 * declaration's data categories held there.
 *
 * fideslang's default taxonomy names the keys it defines (src/import/fides/taxonomy.ts); a key it
 * does not define keeps the manifest's own definition (its `data_category`, `data_use` or
 * `data_subject` section) or, with none, the key itself as its name. A legal basis is recorded only
 * where a declaration states one (`legal_basis_for_processing`, `special_category_legal_basis`):
 * none is guessed from the data use. What the register has no field for (egress and ingress,
 * cookies, vendor ids…) is kept as stated in the entry's internal note, so nothing is lost.
 */

type Loose = Record<string, unknown>;

/** fideslang's LegalBasisForProcessingEnum (Art. 6(1)), as the built-in legal bases. */
const processingBases: Record<string, string> = {
  Consent: 'gdpr-6-1-a',
  Contract: 'gdpr-6-1-b',
  'Legal obligations': 'gdpr-6-1-c',
  'Vital interests': 'gdpr-6-1-d',
  'Public interest': 'gdpr-6-1-e',
  'Legitimate interests': 'gdpr-6-1-f',
};

/** fideslang's SpecialCategoryLegalBasisEnum (Art. 9(2)), as the built-in conditions. */
const specialCategoryBases: Record<string, string> = {
  'Explicit consent': 'gdpr-9-2-a',
  'Employment, social security and social protection': 'gdpr-9-2-b',
  'Vital interests': 'gdpr-9-2-c',
  'Not-for-profit bodies': 'gdpr-9-2-d',
  'Made public by the data subject': 'gdpr-9-2-e',
  'Legal claims or judicial acts': 'gdpr-9-2-f',
  'Reasons of substantial public interest (with a basis in law)': 'gdpr-9-2-g',
  'Health or social care (with a basis in law)': 'gdpr-9-2-h',
  'Public health (with a basis in law)': 'gdpr-9-2-i',
  'Archiving, research and statistics (with a basis in law)': 'gdpr-9-2-j',
};

/**
 * The fideslang categories that are, by their definition, data Art. 9(1) names (health, genetic,
 * biometric, political opinion, ethnic origin, religious belief, sex life or sexual orientation) or
 * Art. 10 data (criminal history); a narrower key inherits its parent's.
 */
const specialKeys = [
  'user.biometric',
  'user.authorization.biometric',
  'user.health_and_medical',
  'user.demographic.political_opinion',
  'user.demographic.race_ethnicity',
  'user.demographic.religious_belief',
  'user.demographic.sexual_orientation',
];
const sensitivityOf = (key: string): SeedDataCategory['sensitivity'] => {
  const within = (root: string) => key === root || key.startsWith(`${root}.`);
  if (within('user.criminal_history')) return 'criminal';
  return specialKeys.some(within) ? 'special' : undefined;
};

/** system_type is free text in fideslang ("Service", "Application", "Third Party"…): only an unambiguous one gives a kind. */
function kindOf(systemType: unknown): SystemKind | undefined {
  const type = String(systemType ?? '').toLowerCase();
  if (/\bapplication\b|\bapp\b/.test(type)) return 'application';
  if (/database|data ?store|data ?warehouse/.test(type)) return 'database';
  if (/\bsaas\b|software as a service/.test(type)) return 'saas';
  return undefined;
}

const fidesKey = { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.<>-]+$' };
const keys = { type: 'array', items: fidesKey };
const text = { type: 'string', maxLength: 8000 };
const contact = { type: 'object', properties: { name: text, address: text, email: text, phone: text } };
const flow = {
  type: 'object',
  required: ['fides_key', 'type'],
  properties: { fides_key: fidesKey, type: { enum: ['system', 'dataset', 'user'] }, data_categories: keys },
};
const taxonomyEntry = {
  type: 'object',
  required: ['fides_key'],
  properties: { fides_key: fidesKey, name: text, description: text, parent_key: { type: ['string', 'null'] } },
};
const field: Loose = {
  type: 'object',
  required: ['name'],
  properties: {
    name: text,
    description: { type: ['string', 'null'] },
    data_categories: keys,
    fields: { type: 'array', items: { $ref: '#/definitions/field' } },
  },
};

/** A list of fideslang resources (FidesModel: a key, a name, a description) with these fields too. */
const resources = (properties: Loose) => ({
  type: 'array',
  items: {
    type: 'object',
    required: ['fides_key'],
    properties: { fides_key: fidesKey, name: text, description: { type: ['string', 'null'] }, ...properties },
  },
});

/** The parts of fideslang's models (models.py) the import reads; other fields are allowed and kept as stated. */
const manifestSchema = {
  type: 'object',
  definitions: { field },
  properties: {
    system: {
      type: 'array',
      items: {
        type: 'object',
        required: ['fides_key', 'privacy_declarations'],
        properties: {
          fides_key: fidesKey,
          organization_fides_key: fidesKey,
          name: text,
          description: { type: ['string', 'null'] },
          system_type: text,
          administrating_department: { type: ['string', 'null'] },
          egress: { type: ['array', 'null'], items: flow },
          ingress: { type: ['array', 'null'], items: flow },
          dataset_references: keys,
          legal_name: { type: ['string', 'null'] },
          legal_address: { type: ['string', 'null'] },
          responsibility: { type: 'array', items: { enum: ['Controller', 'Processor', 'Sub-Processor'] } },
          requires_data_protection_assessments: { type: 'boolean' },
          dpa_location: { type: ['string', 'null'] },
          uses_profiling: { type: 'boolean' },
          does_international_transfers: { type: 'boolean' },
          data_security_practices: { type: ['string', 'null'] },
          privacy_declarations: {
            type: 'array',
            items: {
              type: 'object',
              required: ['data_categories', 'data_use'],
              properties: {
                name: { type: ['string', 'null'] },
                data_categories: keys,
                data_use: fidesKey,
                data_subjects: keys,
                dataset_references: { type: ['array', 'null'], items: fidesKey },
                egress: { type: ['array', 'null'], items: fidesKey },
                ingress: { type: ['array', 'null'], items: fidesKey },
                legal_basis_for_processing: { enum: [...Object.keys(processingBases), null] },
                special_category_legal_basis: { enum: [...Object.keys(specialCategoryBases), null] },
                processes_special_category_data: { type: 'boolean' },
                impact_assessment_location: { type: ['string', 'null'] },
                retention_period: { type: ['string', 'null'] },
                data_shared_with_third_parties: { type: 'boolean' },
                third_parties: { type: ['string', 'null'] },
                shared_categories: keys,
              },
            },
          },
        },
      },
    },
    dataset: resources({ data_categories: keys, collections: { type: 'array', items: field } }),
    organization: resources({ controller: contact, data_protection_officer: contact, representative: contact }),
    data_category: { type: 'array', items: taxonomyEntry },
    data_use: { type: 'array', items: taxonomyEntry },
    data_subject: { type: 'array', items: taxonomyEntry },
  },
};

/** The top-level sections a manifest may hold; `policy` (Fides's own evaluation rules) has no place in a register. */
const sections = new Set(['system', 'dataset', 'organization', 'data_category', 'data_use', 'data_subject', 'policy', 'registry']);

/** Fields of a system, privacy declaration or dataset that become a field of an entry; the others go to its internal note. */
const mappedSystemFields = new Set([
  'fides_key',
  'organization_fides_key',
  'name',
  'description',
  'system_type',
  'administrating_department',
  'privacy_declarations',
  'legal_name',
  'legal_address',
  'responsibility',
  'requires_data_protection_assessments',
  'dpa_location',
  'uses_profiling',
  'does_international_transfers',
  'data_security_practices',
  'dataset_references',
]);
const mappedDeclarationFields = new Set([
  'name',
  'data_categories',
  'data_use',
  'data_subjects',
  'dataset_references',
  'legal_basis_for_processing',
  'special_category_legal_basis',
  'processes_special_category_data',
  'impact_assessment_location',
  'retention_period',
  'data_shared_with_third_parties',
  'third_parties',
  'shared_categories',
]);

export type FidesChecker = (value: unknown) => ImportProblem[];

/** Compiles the manifest's schema (once per app). */
export function createFidesChecker(): FidesChecker {
  // verbose: each error carries the value it refuses, which the problem shows.
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  const validate = ajv.compile(manifestSchema);
  return (value) => {
    const problems: ImportProblem[] = [];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return [problem('/', value, 'is not a Fides manifest: a mapping with a `system` (and optionally `dataset`, `organization`) list')];
    }
    if (!('system' in value) && !('dataset' in value))
      problems.push(problem('/', null, 'is not a Fides manifest: it has no `system` or `dataset` list'));
    for (const key of Object.keys(value))
      if (!sections.has(key))
        problems.push(
          problem(
            `/${key}`,
            key,
            'is not a section of a Fides manifest (system, dataset, organization, data_category, data_use, data_subject, policy)',
          ),
        );
    if (!validate(value)) {
      for (const error of validate.errors ?? []) {
        const { path, message } = describeAjvError(error as AjvError, 'is not read');
        problems.push(problem(path || '/', error.data, message));
      }
    }
    return problems;
  };
}

const shorten = (value: unknown) =>
  value === null || value === undefined ? null : (typeof value === 'string' ? value : JSON.stringify(value)).slice(0, 200);
const problem = (path: string, value: unknown, message: string): ImportProblem => ({
  row: null,
  column: null,
  path,
  value: shorten(value),
  message,
});

/** Stated fields the register has no place for, one `field: value` line each (values as JSON). */
function keptAsStated(heading: string, entry: Loose, mapped: Set<string>, extra: string[] = []): string | undefined {
  const lines = Object.entries(entry)
    .filter(([key, value]) => !mapped.has(key) && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const all = [...extra, ...lines];
  if (all.length === 0) return undefined;
  const note = `${heading}\n${all.join('\n')}`;
  return note.length > 8000 ? `${note.slice(0, 7999)}…` : note;
}

export interface FidesImport {
  document: RegisterDocument;
  problems: ImportProblem[];
  /** Privacy declarations read (activities). */
  activities: number;
  originOf: (resource: string, name: string) => string | undefined;
}

/** The register document a checked manifest describes. */
export function documentFromFides(value: unknown, check: FidesChecker): FidesImport {
  const origins = new Map<string, string>();
  const originOf = (resource: string, name: string) => origins.get(`${resource}:${name.toLowerCase()}`);
  const problems = check(value);
  const document = emptyRegisterDocument();
  if (problems.length > 0) return { document, problems, activities: 0, originOf };
  const manifest = value as Loose;
  const list = (section: string) => (manifest[section] as Loose[] | undefined) ?? [];
  const at = (resource: string, name: string, pointer: string) => {
    if (!origins.has(`${resource}:${name.toLowerCase()}`)) origins.set(`${resource}:${name.toLowerCase()}`, pointer);
  };

  // The manifest's own taxonomy first: it defines (or renames) keys for this organisation.
  const defined = (section: string, defaults: Readonly<Record<string, readonly [string, string]>>) => {
    const own = new Map(list(section).map((entry) => [String(entry.fides_key), entry]));
    return (key: string): { name: string; description: string } => {
      const entry = own.get(key);
      if (entry)
        return {
          name: String(entry.name ?? key),
          description: entry.description ? String(entry.description) : `As the manifest defines "${key}"`,
        };
      const term = defaults[key];
      if (term) return { name: term[0], description: `${term[1]} (fideslang ${section.replace('_', ' ')} "${key}")` };
      return {
        name: key,
        description: `As stated in the Fides manifest: ${section.replace('_', ' ')} "${key}", which fideslang's default taxonomy does not define`,
      };
    };
  };
  const category = defined('data_category', fidesDataCategories);
  const use = defined('data_use', fidesDataUses);
  const subject = defined('data_subject', fidesDataSubjects);

  const categoryNames = new Map<string, string>();
  const categoryName = (key: string, pointer: string): string => {
    const known = categoryNames.get(key);
    if (known) return known;
    const { name, description } = category(key);
    categoryNames.set(key, name);
    const sensitivity = sensitivityOf(key);
    document.dataCategories.push({ name, description, ...(sensitivity ? { sensitivity } : {}) });
    at('data-categories', name, pointer);
    return name;
  };
  const named = <T extends { name: string }>(entries: T[], resource: string, item: T, pointer: string): string => {
    if (!entries.some((entry) => entry.name.toLowerCase() === item.name.toLowerCase())) {
      entries.push(item);
      at(resource, item.name, pointer);
    }
    return item.name;
  };

  // Organisations: the controller's and DPO's contact details as stated.
  const organisationName = new Map<string, string>();
  list('organization').forEach((entry, i) => {
    const controller = (entry.controller as Loose | undefined) ?? {};
    const dpo = (entry.data_protection_officer as Loose | undefined) ?? {};
    const representative = entry.representative as Loose | undefined;
    const name = String(entry.name ?? entry.fides_key);
    organisationName.set(String(entry.fides_key), name);
    const organisation: SeedOrganisation = {
      name,
      roles: [],
      ...(entry.description ? { description: String(entry.description) } : {}),
      ...(controller.address ? { address: String(controller.address) } : {}),
      ...(controller.email ? { email: String(controller.email) } : {}),
      ...(controller.phone ? { phone: String(controller.phone) } : {}),
      ...(dpo.name ? { dpoName: String(dpo.name) } : {}),
      ...(dpo.email ? { dpoEmail: String(dpo.email) } : {}),
      ...(dpo.phone ? { dpoPhone: String(dpo.phone) } : {}),
      ...(dpo.address ? { dpoAddress: String(dpo.address) } : {}),
    };
    const note = keptAsStated(
      `Fides organization "${String(entry.fides_key)}", also stated:`,
      entry,
      new Set(['fides_key', 'name', 'description', 'controller', 'data_protection_officer', 'representative']),
      controller.name ? [`controller contact: ${String(controller.name)}`] : [],
    );
    if (note) organisation.internalNote = note;
    if (representative?.name) {
      organisation.representative = named(
        document.organisations,
        'organisations',
        {
          name: String(representative.name),
          roles: ['representative'],
          ...(representative.address ? { address: String(representative.address) } : {}),
          ...(representative.email ? { email: String(representative.email) } : {}),
          ...(representative.phone ? { phone: String(representative.phone) } : {}),
        },
        `/organization/${i}/representative`,
      );
    }
    named(document.organisations, 'organisations', organisation, `/organization/${i}`);
  });
  const addRole = (name: string, role: SeedOrganisation['roles'][number]) => {
    const organisation = document.organisations.find((o) => o.name === name)!;
    if (!organisation.roles.includes(role)) organisation.roles.push(role);
  };

  // Datasets: systems of kind database (fideslang: "a Dataset takes a database schema"), holding every category it declares at any level.
  const datasetSystems = new Map<string, { name: string; categories: string[] }>();
  list('dataset').forEach((entry, i) => {
    const categories: string[] = [];
    const collect = (item: Loose, pointer: string) => {
      ((item.data_categories as string[] | undefined) ?? []).forEach((key, k) => {
        const name = categoryName(key, `${pointer}/data_categories/${k}`);
        if (!categories.includes(name)) categories.push(name);
      });
      ((item.fields as Loose[] | undefined) ?? []).forEach((child, f) => collect(child, `${pointer}/fields/${f}`));
      ((item.collections as Loose[] | undefined) ?? []).forEach((child, c) => collect(child, `${pointer}/collections/${c}`));
    };
    collect(entry, `/dataset/${i}`);
    const name = String(entry.name ?? entry.fides_key);
    datasetSystems.set(String(entry.fides_key), { name, categories });
    const system: SeedSystem = {
      name,
      kind: 'database',
      ...(entry.description ? { description: String(entry.description) } : {}),
    };
    const note = keptAsStated(
      `Fides dataset "${String(entry.fides_key)}", also stated:`,
      entry,
      new Set(['fides_key', 'name', 'description', 'data_categories', 'collections']),
      [
        `collections: ${((entry.collections as Loose[] | undefined) ?? []).map((c) => c.name).join(', ')}`,
        `data categories: ${categories.join(', ')}`,
      ],
    );
    if (note) system.internalNote = note;
    named(document.systems!, 'systems', system, `/dataset/${i}`);
  });

  // Activity names as written, and where two declarations share one, with their system's name.
  const systems = list('system');
  const declarationNames = new Map<string, number>();
  for (const system of systems)
    for (const declaration of system.privacy_declarations as Loose[]) {
      const name = String(declaration.name ?? '').toLowerCase();
      if (name) declarationNames.set(name, (declarationNames.get(name) ?? 0) + 1);
    }

  systems.forEach((entry, s) => {
    const here = `/system/${s}`;
    const systemName = String(entry.name ?? entry.fides_key);
    const department =
      entry.administrating_department && entry.administrating_department !== 'Not defined'
        ? String(entry.administrating_department)
        : undefined;
    const system: SeedSystem = {
      name: systemName,
      ...(entry.description ? { description: String(entry.description) } : {}),
      ...(kindOf(entry.system_type) ? { kind: kindOf(entry.system_type) } : {}),
      ...(department ? { owner: department } : {}),
    };
    if (entry.legal_name) {
      system.provider = named(
        document.organisations,
        'organisations',
        { name: String(entry.legal_name), roles: ['other'], ...(entry.legal_address ? { address: String(entry.legal_address) } : {}) },
        `${here}/legal_name`,
      );
    }
    if (entry.data_security_practices) {
      system.securityMeasures = [
        named(
          document.securityMeasures,
          'security-measures',
          { name: `${systemName}: data security practices`, description: String(entry.data_security_practices), type: 'not-stated' },
          `${here}/data_security_practices`,
        ),
      ];
    }
    const note = keptAsStated(`Fides system "${String(entry.fides_key)}", also stated:`, entry, mappedSystemFields, [
      ...(entry.system_type !== undefined ? [`system_type: ${String(entry.system_type)}`] : []),
    ]);
    if (note) system.internalNote = note;
    named(document.systems!, 'systems', system, here);

    const responsibility = (entry.responsibility as string[] | undefined) ?? [];
    const role: SeedActivity['role'] = responsibility.length > 0 && !responsibility.includes('Controller') ? 'processor' : 'controller';
    const organisation = organisationName.get(String(entry.organization_fides_key ?? 'default_organization'));
    if (organisation && responsibility.length > 0) addRole(organisation, role);
    const systemDatasets = (entry.dataset_references as string[] | undefined) ?? [];

    (entry.privacy_declarations as Loose[]).forEach((declaration, d) => {
      const where = `${here}/privacy_declarations/${d}`;
      const purpose = use(String(declaration.data_use));
      named(document.purposes, 'purposes', { name: purpose.name, description: purpose.description }, `${where}/data_use`);
      const stated = declaration.name ? String(declaration.name) : `${systemName}: ${purpose.name}`;
      const name = declaration.name && (declarationNames.get(stated.toLowerCase()) ?? 0) > 1 ? `${stated} (${systemName})` : stated;
      const categories = (declaration.data_categories as string[]).map((key, k) => categoryName(key, `${where}/data_categories/${k}`));
      const subjects = ((declaration.data_subjects as string[] | undefined) ?? []).map((key, k) => {
        const { name: subjectName, description } = subject(key);
        return named(
          document.dataSubjectCategories,
          'data-subject-categories',
          { name: subjectName, description },
          `${where}/data_subjects/${k}`,
        );
      });
      const legalBases = [
        ...(declaration.legal_basis_for_processing ? [processingBases[String(declaration.legal_basis_for_processing)]!] : []),
        ...(declaration.special_category_legal_basis ? [specialCategoryBases[String(declaration.special_category_legal_basis)]!] : []),
      ];
      const datasets = [...new Set([...systemDatasets, ...((declaration.dataset_references as string[] | undefined) ?? [])])];
      // A referenced dataset holds, for this activity, the declaration's categories it declares.
      const held = datasets.flatMap((key) => {
        const dataset = datasetSystems.get(key);
        return dataset ? [{ system: dataset.name, dataCategories: dataset.categories.filter((name) => categories.includes(name)) }] : [];
      });
      const unknownDatasets = datasets.filter((key) => !datasetSystems.has(key));
      const activity: SeedActivity = {
        name,
        role,
        // A manifest describes systems; the record still wants what Art. 30 asks and the manifest does not say.
        status: 'draft',
        ...(department ? { owner: department } : {}),
        controllers: organisation && role === 'controller' ? [organisation] : [],
        purposes: [
          {
            purpose: purpose.name,
            legalBases,
            ...(declaration.impact_assessment_location ? { assessmentReference: String(declaration.impact_assessment_location) } : {}),
          },
        ],
        dataSubjectCategories: subjects,
        dataCategories: categories.map((dataCategory) => ({ dataCategory })),
        collectionChannels: [],
        recipients: [],
        transfers: [],
        securityMeasures: [],
        systems: [{ system: systemName, dataCategories: categories }, ...held],
      };
      if (entry.requires_data_protection_assessments !== undefined)
        activity.dpiaRequired = entry.requires_data_protection_assessments as boolean;
      if (entry.dpa_location) activity.dpiaReference = String(entry.dpa_location);
      if (entry.uses_profiling !== undefined) activity.automatedDecisions = entry.uses_profiling ? 'yes' : 'no';
      const absences: NonNullable<SeedActivity['statedAbsences']> = [];
      if (entry.does_international_transfers === false) absences.push('transfers');
      if (declaration.processes_special_category_data === false) absences.push('special-categories');
      if (absences.length > 0) activity.statedAbsences = absences;
      if (declaration.retention_period) {
        const rule = String(declaration.retention_period);
        activity.retentionRules = [
          named(document.retentionRules, 'retention-rules', { name: rule, description: rule }, `${where}/retention_period`),
        ];
      }
      if (declaration.third_parties) {
        const shared = ((declaration.shared_categories as string[] | undefined) ?? []).map((key, k) =>
          categoryName(key, `${where}/shared_categories/${k}`),
        );
        const recipient = named(
          document.recipients,
          'recipients',
          { name: String(declaration.third_parties), kind: 'not-stated' },
          `${where}/third_parties`,
        );
        activity.recipients.push({ recipient, ...(shared.length > 0 ? { dataCategories: shared } : {}) });
        for (const dataCategory of shared)
          if (!activity.dataCategories.some((d) => d.dataCategory === dataCategory)) activity.dataCategories.push({ dataCategory });
      }
      const extra = [
        ...(responsibility.length === 0
          ? [
              'The manifest does not state the responsibility (Controller or Processor) of the system: recorded as controller, the register’s default.',
            ]
          : []),
        ...(unknownDatasets.length > 0 ? [`dataset_references not in the manifest: ${unknownDatasets.join(', ')}`] : []),
        ...(declaration.data_shared_with_third_parties === true && !declaration.third_parties
          ? ['data_shared_with_third_parties: true (the third parties are not named)']
          : []),
      ];
      const declarationNote = keptAsStated(
        `Fides system "${String(entry.fides_key)}", privacy declaration ${d + 1}, also stated:`,
        declaration,
        mappedDeclarationFields,
        extra,
      );
      if (declarationNote) activity.internalNote = declarationNote;
      if (!document.activities.some((a) => a.name.toLowerCase() === name.toLowerCase())) {
        document.activities.push(activity);
        at('processing-activities', name, where);
      } else problems.push(problem(`${where}/name`, name, 'names another privacy declaration of the same system: give each its own name'));
    });
  });

  // A narrower category's parent, where the manifest names the broader one too.
  for (const [key, name] of categoryNames) {
    const parent = categoryNames.get(key.split('.').slice(0, -1).join('.'));
    if (parent) document.dataCategories.find((c) => c.name === name)!.parent = parent;
  }
  // Broader categories first, so that a parent exists when its narrower ones are written.
  const depth = new Map([...categoryNames].map(([key, name]) => [name, key.split('.').length]));
  document.dataCategories.sort((a, b) => depth.get(a.name)! - depth.get(b.name)!);
  return { document, problems, activities: document.activities.length, originOf };
}
