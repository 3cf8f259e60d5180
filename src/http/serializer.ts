import fastJsonStringify, { type Options } from 'fast-json-stringify';

type Schema = Record<string, unknown>;

/**
 * A schema without its conditionals (if/then/else): they constrain which values are valid (the
 * cookie of a cookie channel), never which fields exist, so serializing needs none of them —
 * and fast-json-stringify cannot merge the branches' `type`s.
 */
function withoutConditionals(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutConditionals);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => key !== 'if' && key !== 'then' && key !== 'else')
      .map(([key, value]) => [key, key === 'enum' || key === 'example' ? value : withoutConditionals(value)]),
  );
}

/** The ids of the shared schemas `schema` refers to ($ref "Id#…"), transitively. */
function referencedSchemas(schema: unknown, shared: Record<string, Schema>): Record<string, Schema> {
  const found: Record<string, Schema> = {};
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') {
          const id = value.split('#')[0]!;
          const target = shared[id];
          if (id && target && !found[id]) {
            found[id] = withoutConditionals(target) as Schema;
            visit(target);
          }
        } else {
          visit(value);
        }
      }
    }
  };
  visit(schema);
  return found;
}

/**
 * Fastify's response serializer factory, as its default (fast-json-stringify) but faster to
 * build: fast-json-stringify validates every shared schema it is handed on every build, and
 * Fastify hands it all of them (~100 DTO schemas) for each route × status code — ~7 s of a
 * ~9 s start-up. This one hands it only the schemas the response refers to, and builds each
 * distinct response schema once (the problem+json responses repeat on every route).
 */
export function buildSerializerFactory(externalSchemas: Record<string, Schema> = {}, serializerOpts: Options = {}) {
  const built = new Map<string, (data: unknown) => string>();
  return ({ schema }: { schema: Schema }) => {
    const key = JSON.stringify(schema);
    let serialize = built.get(key);
    if (!serialize) {
      const shared = referencedSchemas(schema, externalSchemas);
      if (typeof schema.$id === 'string') delete shared[schema.$id];
      serialize = fastJsonStringify(withoutConditionals(schema) as never, { ...serializerOpts, schema: shared as never }) as (
        data: unknown,
      ) => string;
      built.set(key, serialize);
    }
    return serialize;
  };
}
