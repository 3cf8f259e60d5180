import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { errorCatalogue } from '../errors';
import { DateTime, Doc, OptionalText } from './dto';

export const maxPageSize = 100;

/** `{ id, name }`: how one register entry refers to another in responses. */
export class EntityRef {
  @IsUUID()
  @Doc({ description: 'Id of the linked entry', example: '0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11' })
  id!: string;

  @IsString()
  @Doc({ description: 'Name of the linked entry', example: 'Customers' })
  name!: string;
}

export class IdParams {
  @IsUUID()
  @Doc({ description: 'The entry id (a UUID)', example: '0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11' })
  id!: string;
}

export const sortValues = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;

/** Paging by limit and offset, shared by every list endpoint. */
export class PageQuery {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(maxPageSize)
  @Doc({ description: `Page size (at most ${maxPageSize})`, example: 20, schema: { default: 20 } })
  limit?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  @Doc({ description: 'Number of entries to skip', example: 0, schema: { default: 0 } })
  offset?: number;
}

/** Paging, sorting and name search shared by the lists of register entries. */
export class ListQuery extends PageQuery {
  @IsOptional()
  @IsIn(sortValues)
  @Doc({ description: 'Sort key; a leading "-" sorts descending. Ties are broken by id, so pages are stable.', example: 'name' })
  sort?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Doc({ description: 'Case-insensitive search in the name', example: 'customer' })
  q?: string;
}

/** List filters of the building blocks that activities link to. */
export class BuildingBlockListQuery extends ListQuery {
  @IsOptional()
  @IsBoolean()
  @Doc({ description: 'true: only retired entries (retiredAt now or earlier); false: only those in use', example: false })
  retired?: boolean;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only entries owned by this organisational unit' })
  ownerUnitId?: string;
}

/** The `retiredAt` field of every building block (create, update and response). */
function RetiredAt(): PropertyDecorator {
  return (target, property) => {
    IsOptional()(target, property);
    DateTime({
      description:
        'Since when it is no longer in use (retired instead of deleted, so activities and history keep it); null: in use. Findings flag an active activity that still links it.',
      example: '2026-06-30T00:00:00Z',
      nullable: true,
    })(target, property);
  };
}

/**
 * The `ownerUnitId` of every owned entry (activities, building blocks): the organisational unit
 * that owns it, and whose editors may change it. Null: not assigned — only admins and the DPO may
 * then change it.
 */
export function OwnerUnitId(): PropertyDecorator {
  return (target, property) => {
    IsOptional()(target, property);
    IsUUID()(target, property);
    Doc({
      description:
        'The organisational unit that owns the entry: editors write only entries of the units their token names. Null: not assigned (only admins and the DPO may change it). Left out on create by an editor of exactly one unit: that unit.',
      example: '5d1f0c2a-3b4e-4f6a-8c7d-9e0f1a2b3c4d',
      nullable: true,
    })(target, property);
  };
}

export class FieldErrorDto {
  @IsIn(['body', 'query', 'params', 'headers'])
  @Doc({ description: 'Which part of the request', example: 'body' })
  in!: string;

  @IsString()
  @Doc({ description: 'JSON Pointer to the field', example: '/purposes/0/purposeId' })
  path!: string;

  @IsString()
  @Doc({ description: 'What is wrong with it', example: 'must match format "uuid"' })
  message!: string;
}

export class ReferrerDto {
  @IsString()
  @Doc({ description: 'Kind of the entry that links here', example: 'processing-activities' })
  resource!: string;

  @IsUUID()
  @Doc({ description: 'Its id', example: '0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11' })
  id!: string;

  @IsString()
  @Doc({ description: 'Its name', example: 'Customer orders and service delivery' })
  name!: string;
}

export class ImportProblemPositionDto {
  @IsInt()
  @Doc({ description: 'Line, from 1', example: 42 })
  line!: number;

  @IsInt()
  @Doc({ description: 'Column (character of the line), from 1', example: 9 })
  column!: number;
}

export class ImportProblemDto {
  @IsOptional()
  @IsInt()
  @Doc({ description: 'CSV and XLSX: the spreadsheet row (the header is row 1)', example: 7, nullable: true })
  row!: number | null;

  @IsOptional()
  @IsString()
  @Doc({
    description: 'CSV: the column header; XLSX: the sheet and the column header, as `Art. 30(1) controller › Role`',
    example: 'Categories of recipients',
    nullable: true,
  })
  column!: string | null;

  @IsOptional()
  @IsString()
  @Doc({
    description: 'JSON: a JSON Pointer into the document',
    example: '/controllerRegister/activities/3/recipients/0/country',
    nullable: true,
  })
  path!: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => ImportProblemPositionDto)
  @Doc({ description: 'YAML: where in the file (the register document in YAML); `path` is its JSON Pointer' })
  position?: ImportProblemPositionDto;

  @IsOptional()
  @IsString()
  @Doc({ description: 'The offending value (shortened)', example: 'Hosting B.V. (subcontractor, NL)', nullable: true })
  value!: string | null;

  @IsString()
  @Doc({
    description: 'Why it is refused',
    example: 'unknown recipient kind "subcontractor"; one of: processor, independent-controller, …',
  })
  message!: string;
}

export class ImportConflictDto {
  @IsString()
  @Doc({ description: 'Resource (URL segment)', example: 'recipients' })
  resource!: string;

  @IsString()
  @Doc({ description: 'The entry, by name (legal bases by code)', example: 'Hosting provider' })
  name!: string;

  @IsString({ each: true })
  @Doc({ description: 'The fields whose stored value differs from the file', example: ['country', 'processingAgreementRef'] })
  fields!: string[];
}

/** RFC 9457 problem details, with a stable `code`. */
export class Problem {
  @IsString()
  @Doc({ description: 'URI identifying the problem type', example: 'urn:problem:processing-register:not-found' })
  type!: string;

  @IsString()
  @Doc({ description: 'Short summary of the problem type', example: 'No such resource' })
  title!: string;

  @IsInt()
  @Doc({ description: 'HTTP status code', example: 404 })
  status!: number;

  @IsIn(Object.keys(errorCatalogue))
  @Doc({ description: 'Stable machine-readable error code', example: 'NOT_FOUND' })
  code!: string;

  @IsString()
  @Doc({ description: 'What happened, for a person', example: 'No purpose with id 0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11.' })
  detail!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'The request path', example: '/v1/purposes/0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11' })
  instance?: string;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => FieldErrorDto)
  @Doc({ description: 'Every invalid field, for validation and reference errors' })
  errors?: FieldErrorDto[];

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ReferrerDto)
  @Doc({ description: 'What still links to the entry, when deleting it is refused' })
  referencedBy?: ReferrerDto[];

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ImportProblemDto)
  @Doc({ description: 'Every problem of an import file (IMPORT_INVALID)' })
  problems?: ImportProblemDto[];

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ImportConflictDto)
  @Doc({ description: 'Every entry an import in merge mode would overwrite (IMPORT_CONFLICT)' })
  conflicts?: ImportConflictDto[];
}

/**
 * What every building block's create DTO (and so its update and response DTOs) has besides its
 * own fields: its notes, `retiredAt` and `ownerUnitId`. Listed after them (see http/schemas.ts).
 */
export abstract class BuildingBlockInput {
  @OptionalText(8000, "The source's own words for this entry (a published register, a policy), as they are: never translated or corrected")
  sourcePhrase?: string | null;

  @OptionalText(8000, "The register keeper's internal note or assessment: never in the privacy notice or a public export")
  internalNote?: string | null;

  @RetiredAt()
  retiredAt?: string | null;

  @OwnerUnitId()
  ownerUnitId?: string | null;
}

/** Bases that only lend their fields to other DTOs: no schema of their own in the document. */
export const fieldOnlyDtos: ReadonlySet<string> = new Set([BuildingBlockInput.name]);
