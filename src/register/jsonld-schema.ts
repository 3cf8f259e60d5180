import type { JsonSchema } from '../http/dto';
import { jsonLdContext } from './render-jsonld';

/**
 * The JSON Schema of the JSON-LD export (`GET /v1/register`, `application/ld+json`), from the
 * renderer's own @context: the document is the inline context and a graph of nodes whose
 * properties are compact IRIs of its prefixes (`dpv:hasPurpose`, `eu-gdpr:…`, `reg:…`).
 */

const entries: [string, unknown][] = Object.entries(jsonLdContext);
const prefixes = entries.filter((entry): entry is [string, string] => typeof entry[1] === 'string');
const typedTerms = entries.filter((entry): entry is [string, { '@type': string }] => typeof entry[1] === 'object');

/** `@id`, `@type`, or a term of one of the context's prefixes. */
const propertyName = `^(@id|@type|(${prefixes.map(([prefix]) => prefix).join('|')}):[A-Za-z][A-Za-z0-9_-]*)$`;

const node: JsonSchema = {
  $id: 'JsonLdNode',
  type: 'object',
  description:
    'A node of the graph: a register entry (`@id` `urn:uuid:<id>`; a legal basis by its DPV IRI), or a node nested in one (a pairing that holds within one activity, a duration, a DPO), which has no `@id`.',
  minProperties: 1,
  properties: {
    '@id': { type: 'string', minLength: 1, description: 'IRI of the node', example: 'urn:uuid:0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11' },
    '@type': {
      description: 'Its DPV class or classes',
      anyOf: [
        { type: 'string', minLength: 1 },
        { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      ],
      example: 'dpv:PersonalDataHandling',
    },
  },
  propertyNames: { type: 'string', pattern: propertyName },
  additionalProperties: { $ref: 'JsonLdValue#' },
};

const value: JsonSchema = {
  $id: 'JsonLdValue',
  description: 'A property value: a literal, a node (or a reference `{"@id": …}`), or a list of them',
  anyOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { $ref: 'JsonLdNode#' },
    { type: 'array', items: { anyOf: [{ type: 'string' }, { $ref: 'JsonLdNode#' }] } },
  ],
};

const document: JsonSchema = {
  $id: 'RegisterJsonLd',
  type: 'object',
  description:
    'The register as JSON-LD with W3C DPV terms: the inline `@context` (nothing is fetched to read it) and `@graph` — the register node, its organisations, the legal bases it uses, every activity (`dpv:PersonalDataHandling`) and a closing node with the counts.',
  required: ['@context', '@graph'],
  additionalProperties: false,
  properties: {
    '@context': {
      type: 'object',
      description: 'The prefixes and typed terms, always these',
      required: Object.keys(jsonLdContext),
      additionalProperties: false,
      properties: {
        ...Object.fromEntries(prefixes.map(([prefix, iri]) => [prefix, { type: 'string', enum: [iri] }])),
        ...Object.fromEntries(
          typedTerms.map(([term, definition]) => [
            term,
            {
              type: 'object',
              required: ['@type'],
              additionalProperties: false,
              properties: { '@type': { type: 'string', enum: [definition['@type']] } },
            },
          ]),
        ),
      },
    },
    '@graph': { type: 'array', minItems: 2, items: { $ref: 'JsonLdNode#' } },
  },
};

/** Registered with the DTO schemas (components RegisterJsonLd, JsonLdNode, JsonLdValue). */
export const jsonLdSchemas: Record<string, JsonSchema> = { JsonLdNode: node, JsonLdValue: value, RegisterJsonLd: document };
