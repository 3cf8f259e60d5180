import {
  IS_ISO31661_ALPHA_2,
  IsDateString,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  getMetadataStorage,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { CountryCodes } from 'validator/lib/isISO31661Alpha2';

/** Parsed JSON whose shape is not known statically: JSON Schemas, OpenAPI documents, stored rows. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- open-ended JSON is read field by field
export type JsonObject = Record<string, any>;

export type JsonSchema = JsonObject;

/** A class used as a value (a DTO or an entity): its name and metadata are what matter. */
export type ClassType = abstract new (...args: never[]) => object;

/** Adds `null` as an allowed value, in the OpenAPI 3.0 way (nullable) that AJV also understands. */
export function allowNull(schema: JsonSchema): JsonSchema {
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) {
    return { ...schema, nullable: true, enum: [...schema.enum, null] };
  }
  return { ...schema, nullable: true };
}

export interface DocOptions {
  description: string;
  example?: unknown;
  /** The field may be sent as null (meaning "not recorded"); update requests use null to clear it. */
  nullable?: boolean;
  /** Further keywords (format, default…). One decorator, because class-validator-jsonschema keeps one per field. */
  schema?: JsonSchema;
}

/** Describes a DTO property for OpenAPI; the validation decorators beside it give the rest. */
export function Doc({ description, example, nullable, schema: extra }: DocOptions): PropertyDecorator {
  return JSONSchema((schema: JsonSchema) => {
    const documented: JsonSchema = { ...schema, ...extra, description, ...(example === undefined ? {} : { example }) };
    return nullable ? allowNull(documented) : documented;
  }) as PropertyDecorator;
}

/** An optional text field that may be null (not stated / cleared), at most `max` characters. */
export function OptionalText(max: number, description: string, example?: string): PropertyDecorator {
  return (target, property) => {
    IsOptional()(target, property);
    IsString()(target, property);
    MaxLength(max)(target, property);
    Doc({ description, example, nullable: true })(target, property);
  };
}

/** An optional calendar date (YYYY-MM-DD) that may be null. */
export function OptionalDate(description: string, example: string): PropertyDecorator {
  return (target, property) => {
    IsOptional()(target, property);
    Matches(isoDatePattern)(target, property);
    Doc({ description, example, nullable: true, schema: { format: 'date' } })(target, property);
  };
}

/**
 * An RFC 3339 date-time with a time zone. Replaces what class-validator-jsonschema derives from
 * IsISO8601 (a oneOf that also admits a bare date, and that fast-json-stringify cannot merge).
 */
export function DateTime({ description, example, nullable }: Omit<DocOptions, 'schema'>): PropertyDecorator {
  return (target, property) => {
    IsISO8601({ strict: true })(target, property);
    JSONSchema(() => {
      const schema: JsonSchema = { type: 'string', format: 'date-time', description, ...(example === undefined ? {} : { example }) };
      return nullable ? allowNull(schema) : schema;
    })(target, property as string);
  };
}

/**
 * A moment given as an RFC 3339 date-time, or as a date (YYYY-MM-DD) meaning a whole day in UTC:
 * the start of that day where a range begins (`from`), its end where it ends (`to`).
 * See `instantOf`, which turns either form into the instant a query uses.
 */
export function DateOrDateTime({ description, example }: Omit<DocOptions, 'schema' | 'nullable'>): PropertyDecorator {
  return (target, property) => {
    IsISO8601({ strict: true })(target, property);
    JSONSchema(() => ({
      type: 'string',
      anyOf: [
        { type: 'string', format: 'date' },
        { type: 'string', format: 'date-time' },
      ],
      description,
      ...(example === undefined ? {} : { example }),
    }))(target, property as string);
  };
}

/** The instant a DateOrDateTime value stands for: a date is the first (`start`) or last (`end`) microsecond of that UTC day. */
export function instantOf(value: string, boundary: 'start' | 'end'): string {
  if (!isoDatePattern.test(value)) return value;
  return boundary === 'start' ? `${value}T00:00:00.000000Z` : `${value}T23:59:59.999999Z`;
}

/** JSON Schema for class-validator decorators that class-validator-jsonschema does not convert. */
export const additionalConverters = {
  [IS_ISO31661_ALPHA_2]: { type: 'string' as const, enum: [...CountryCodes].sort() },
};

/** ISO 8601 durations such as P7Y, P6M, P1Y6M, P30D or PT24H. */
export const isoDurationPattern = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** A calendar date, YYYY-MM-DD. */
export const isoDatePattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type DtoClass = new (...args: any[]) => object;

function named<T extends DtoClass>(cls: T, name: string): T {
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

/**
 * A DTO's fields in declaration order, a parent class's before its own (as the generated JSON
 * Schema lists them): EntityRef's id and name, then LegalBasisRef's code, article and kind.
 */
export function dtoFields(dto: ClassType): string[] {
  const chain: ClassType[] = [];
  for (let cls: unknown = dto; typeof cls === 'function' && cls !== Function.prototype; cls = Object.getPrototypeOf(cls)) {
    chain.unshift(cls as ClassType);
  }
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto as never, '', true, false);
  const fields = chain.flatMap((cls) => metadata.filter((meta) => meta.target === cls).map((meta) => meta.propertyName));
  return [...new Set(fields)];
}

/** The update shape of a create DTO: every field optional (nullable ones may be null), at least one. */
export function updateDtoOf<T extends DtoClass>(Create: T, name: string): T {
  const Update = named(class extends Create {}, name);
  const properties = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(Create, '', true, false)
      .map((meta) => meta.propertyName),
  );
  for (const property of properties) IsOptional()(Update.prototype, property);
  JSONSchema({ minProperties: 1 } as JsonSchema)(Update);
  return Update;
}

/** Declares id, createdAt, updatedAt and version, the fields every stored entry has, on a response DTO. */
export function addEntityFields(proto: object) {
  IsUUID()(proto, 'id');
  Doc({ description: 'Id (UUID)', example: '0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11' })(proto, 'id');
  for (const [property, description] of [
    ['createdAt', 'When the entry was created'],
    ['updatedAt', 'When the entry was last changed'],
  ] as const) {
    IsDateString()(proto, property);
    JSONSchema(() => ({ type: 'string', format: 'date-time', description, example: '2026-03-31T09:30:00.000Z' }))(proto, property);
  }
  IsInt()(proto, 'version');
  Doc({ description: 'Increases by one with every change', example: 1 })(proto, 'version');
}

/** The response shape of a create DTO: the same fields plus id, timestamps and version. */
export function responseDtoOf<T extends DtoClass>(Create: T, name: string, extend?: (prototype: object) => void): T {
  const Response = named(class extends Create {}, name);
  addEntityFields(Response.prototype);
  extend?.(Response.prototype);
  return Response;
}

/** Adds `{ id, name } | null` for an expanded many-to-one relation to a response DTO. */
export function expandedRef(proto: object, property: string, description: string) {
  IsOptional()(proto, property);
  JSONSchema(() => ({
    type: 'object',
    nullable: true,
    description,
    required: ['id', 'name'],
    properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' } },
  }))(proto, property);
}
