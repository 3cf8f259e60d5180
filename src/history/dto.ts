import { Allow, IsArray, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { auditActions } from '../../entities/audit-event';
import { DateOrDateTime, Doc } from '../http/dto';

const anyObject = { type: 'object', additionalProperties: true, nullable: true };
const timestamp = { type: 'string', format: 'date-time' };

export class AuditEventListQuery {
  @IsOptional()
  @Doc({ description: 'Page size (at most 100)', example: 50, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } })
  limit?: number;

  @IsOptional()
  @Doc({ description: 'Events to skip', example: 0, schema: { type: 'integer', minimum: 0, maximum: 10_000_000, default: 0 } })
  offset?: number;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Doc({ description: 'Only events of this resource (URL segment)', example: 'processing-activities' })
  resource?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only events of this entry' })
  entityId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Doc({ description: 'Only events by this token subject', example: 'dpo@woktron.com' })
  actor?: string;

  @IsOptional()
  @IsIn(auditActions)
  @Doc({ description: 'Only this kind of change', example: 'update' })
  action?: string;

  @IsOptional()
  @DateOrDateTime({
    description: 'From this time (inclusive); a date means from the start of that day (UTC)',
    example: '2026-01-01T00:00:00Z',
  })
  from?: string;

  @IsOptional()
  @DateOrDateTime({ description: 'Up to this time (inclusive); a date means up to the end of that day (UTC)', example: '2026-12-31' })
  to?: string;
}

export class AuditEventResponse {
  @IsString()
  @Doc({ description: 'Position in the trail (increasing)', example: '42' })
  sequence!: string;

  @IsString()
  @Doc({ description: 'When the change was made', schema: timestamp, example: '2026-03-31T09:30:00.000Z' })
  occurredAt!: string;

  @IsString()
  @Doc({ description: 'Who made it: the token subject', example: 'dpo@woktron.com' })
  actor!: string;

  @IsIn(auditActions)
  @Doc({ description: 'create, update or delete', example: 'update' })
  action!: string;

  @IsString()
  @Doc({ description: 'Resource (URL segment)', example: 'purposes' })
  resource!: string;

  @IsUUID()
  @Doc({ description: 'The entry changed' })
  entityId!: string;

  @IsString()
  @Doc({ description: 'Its name at the time', example: 'Marketing' })
  entityName!: string;

  @IsOptional()
  @Doc({ description: 'The entry before (null for create)', schema: anyObject })
  before?: Record<string, unknown> | null;

  @IsOptional()
  @Doc({ description: 'The entry after (null for delete)', schema: anyObject })
  after?: Record<string, unknown> | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Request id, to find the log lines', nullable: true })
  requestId?: string | null;
}

export class RegisterDiffQuery {
  @DateOrDateTime({ description: 'Earlier time; a date means the start of that day (UTC)', example: '2026-01-01T00:00:00Z' })
  from!: string;

  @DateOrDateTime({ description: 'Later time; a date means the end of that day (UTC)', example: '2026-01-31' })
  to!: string;
}

export class StateEntryDto {
  @IsString()
  @Doc({ description: 'Resource', example: 'purposes' })
  resource!: string;

  @IsUUID()
  @Doc({ description: 'Entry id' })
  id!: string;

  @IsString()
  @Doc({ description: 'Name', example: 'Marketing' })
  name!: string;

  @IsObject()
  @Doc({ description: 'The entry as the API showed it then', schema: { type: 'object', additionalProperties: true } })
  value!: Record<string, unknown>;
}

export class FieldChangeDto {
  @IsString()
  @Doc({ description: 'JSON Pointer to the field', example: '/description' })
  path!: string;

  @Allow()
  @Doc({ description: 'Value at `from` (any JSON value, null when absent)' })
  from?: unknown;

  @Allow()
  @Doc({ description: 'Value at `to` (any JSON value, null when absent)' })
  to?: unknown;
}

export class ChangedEntryDto {
  @IsString()
  @Doc({ description: 'Resource', example: 'processing-activities' })
  resource!: string;

  @IsUUID()
  @Doc({ description: 'Entry id' })
  id!: string;

  @IsString()
  @Doc({ description: 'Name at `to`', example: 'Customer orders and service delivery' })
  name!: string;

  @IsArray()
  @Doc({ description: 'Field by field', schema: { type: 'array', items: { $ref: 'FieldChangeDto#' } } })
  changes!: FieldChangeDto[];
}

export class RegisterDiffResponse {
  @IsString()
  @Doc({ description: 'Earlier time', schema: timestamp })
  from!: string;

  @IsString()
  @Doc({ description: 'Later time', schema: timestamp })
  to!: string;

  @IsArray()
  @Doc({ description: 'Entries that exist at `to` but not at `from`', schema: { type: 'array', items: { $ref: 'StateEntryDto#' } } })
  added!: StateEntryDto[];

  @IsArray()
  @Doc({ description: 'Entries that existed at `from` but not at `to`', schema: { type: 'array', items: { $ref: 'StateEntryDto#' } } })
  removed!: StateEntryDto[];

  @IsArray()
  @Doc({ description: 'Entries that changed, field by field', schema: { type: 'array', items: { $ref: 'ChangedEntryDto#' } } })
  changed!: ChangedEntryDto[];
}
