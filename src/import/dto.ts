import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { Doc } from '../http/dto';

export const importModes = ['merge', 'replace'] as const;
/** Formats a caller names in `format=`, beyond those the media type tells. */
export const importSourceFormats = ['fides'] as const;
export const importActions = ['create', 'match', 'change', 'conflict', 'delete'] as const;

export class RegisterImportQuery {
  @IsOptional()
  @IsBoolean()
  @Doc({ description: 'true: check and report what the import would do, and write nothing', example: true, schema: { default: false } })
  dryRun?: boolean;

  @IsOptional()
  @IsIn(importModes)
  @Doc({
    description:
      'What to do with an entry that exists (same name; legal bases: same code) but differs from the file. merge: refuse the import and list the conflicts (409); replace: overwrite the fields the file states. Entries the file does not hold are left alone — except with the register document, which is the whole register: in replace mode they are deleted.',
    example: 'merge',
    schema: { default: 'merge' },
  })
  mode?: string;

  @IsOptional()
  @IsIn(importSourceFormats)
  @Doc({
    description:
      'What the file is, when its media type does not say: fides — a Fides system manifest (fideslang YAML or JSON: `system`, `dataset`, `organization` lists), sent as application/yaml or application/json. Left out, the media type decides.',
    example: 'fides',
  })
  format?: string;
}

export class ImportCountsDto {
  @IsInt()
  @Doc({ description: 'Entries created', example: 12 })
  create!: number;

  @IsInt()
  @Doc({ description: 'Entries that exist and equal the file: left alone', example: 80 })
  match!: number;

  @IsInt()
  @Doc({ description: 'Entries that exist, differ, and were (or would be) overwritten (mode=replace)', example: 0 })
  change!: number;

  @IsInt()
  @Doc({ description: 'Entries that exist and differ (mode=merge: the import is refused)', example: 0 })
  conflict!: number;

  @IsInt()
  @Doc({ description: 'Entries the register document does not hold, deleted (or to be deleted) in mode=replace', example: 0 })
  delete!: number;
}

export class ImportEntryDto {
  @IsString()
  @Doc({ description: 'Resource (URL segment)', example: 'recipients' })
  resource!: string;

  @IsString()
  @Doc({ description: 'The entry, by name (legal bases by code)', example: 'Hosting provider' })
  name!: string;

  @IsIn(importActions)
  @Doc({
    description:
      'What the import does (or would do) with it: create, match (unchanged), change, conflict, or delete (replace with the register document)',
    example: 'create',
  })
  action!: string;

  @IsOptional()
  @IsString({ each: true })
  @Doc({ description: 'For change and conflict: the fields that differ', example: ['country'] })
  fields?: string[];
}

export class RegisterImportReport {
  @IsString()
  @Doc({
    description:
      'What the file was read as: json (our export), document (the register document in JSON), yaml (the register document in YAML), csv, xlsx, or fides (a Fides system manifest)',
    example: 'yaml',
    schema: { enum: ['json', 'document', 'yaml', 'csv', 'xlsx', 'fides'] },
  })
  format!: string;

  @IsInt()
  @Doc({
    description:
      'Records read: CSV data rows, the activities of a JSON export or register document, or the privacy declarations of a Fides manifest',
    example: 13,
  })
  records!: number;

  @IsIn(importModes)
  @Doc({ description: 'The mode used', example: 'merge' })
  mode!: string;

  @IsBoolean()
  @Doc({ description: 'A dry run: nothing was written', example: false })
  dryRun!: boolean;

  @IsBoolean()
  @Doc({ description: 'The register now holds the file (false for a dry run)', example: true })
  applied!: boolean;

  @IsString()
  @Doc({
    description:
      "The register's version before the import. A dry run is the plan: send its version as If-Match to apply exactly that plan — refused with 412 if the register changed since",
    example: '"register-1742-1742"',
  })
  version!: string;

  @ValidateNested()
  @Type(() => ImportCountsDto)
  @Doc({ description: 'Entries per action' })
  counts!: ImportCountsDto;

  @IsOptional()
  @Doc({
    description: 'Entries per action, per resource',
    schema: { type: 'object', additionalProperties: { $ref: 'ImportCountsDto#' } },
  })
  byResource!: Record<string, ImportCountsDto>;

  @ValidateNested({ each: true })
  @Type(() => ImportEntryDto)
  @Doc({ description: 'Every entry of the file, in the order written' })
  entries!: ImportEntryDto[];
}
