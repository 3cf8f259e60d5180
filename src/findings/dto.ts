import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { EntityRef } from '../http/common-dto';
import { Doc } from '../http/dto';
import { findingCodes, findingSeverities } from './catalogue';

const uuidExample = '0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11';

/** The register entry a finding is about: where the fix goes. */
export class FindingEntity {
  @IsString()
  @Doc({ description: 'Its resource (the path under /v1)', example: 'recipients' })
  resource!: string;

  @IsUUID()
  @Doc({ description: 'Its id', example: uuidExample })
  id!: string;

  @IsString()
  @Doc({ description: 'Its name', example: 'Service partners and agents' })
  name!: string;
}

export class Finding {
  @IsIn(findingCodes)
  @Doc({ description: 'Stable rule code (the README lists them all)', example: 'processor-agreement-missing' })
  code!: string;

  @IsIn(findingSeverities)
  @Doc({
    description: 'error: a GDPR requirement is not met by what the register records; warning: a likely gap to review; info: advice',
    example: 'error',
  })
  severity!: string;

  @ValidateNested()
  @Type(() => FindingEntity)
  @Doc({ description: 'The entry concerned' })
  entity!: FindingEntity;

  // Always present (null when the whole entry is meant), so it is serialized in this place.
  @IsString()
  @Doc({
    description: 'JSON Pointer to the field concerned, in the entry as the API returns it',
    example: '/processingAgreementRef',
    nullable: true,
  })
  field!: string | null;

  @ValidateNested({ each: true })
  @Type(() => EntityRef)
  @Doc({ description: 'The processing activities it concerns' })
  activities!: EntityRef[];

  @IsString()
  @Doc({
    description: 'What is wrong, in one line, citing the GDPR article',
    example:
      'Art. 28(3) GDPR: processing by a processor must be governed by a contract; no processing agreement is recorded for the processor "Service partners and agents".',
  })
  explanation!: string;

  @IsString()
  @Doc({ description: 'How to resolve it', example: 'Record the Art. 28 agreement in processingAgreementRef (PATCH /v1/recipients/{id}).' })
  resolution!: string;
}

export class FindingCount {
  @IsIn(findingCodes)
  @Doc({ description: 'Rule code', example: 'processor-agreement-missing' })
  code!: string;

  @IsIn(findingSeverities)
  @Doc({ description: 'Its severity', example: 'error' })
  severity!: string;

  @IsInt()
  @Doc({ description: 'How many findings carry it', example: 1 })
  count!: number;
}

export class ActivityFindingsQuery {
  @IsOptional()
  @IsIn(findingSeverities)
  @Doc({ description: 'Only findings of this severity', example: 'error' })
  severity?: string;

  @IsOptional()
  @IsIn(findingCodes)
  @Doc({ description: 'Only findings with this rule code', example: 'retention-missing' })
  code?: string;
}

export class RegisterFindingsQuery extends ActivityFindingsQuery {
  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only findings concerning this processing activity', example: uuidExample })
  activityId?: string;
}

export class ActivityFindingsResponse {
  @ValidateNested()
  @Type(() => EntityRef)
  @Doc({ description: 'The processing activity' })
  activity!: EntityRef;

  @ValidateNested({ each: true })
  @Type(() => Finding)
  @Doc({ description: 'Findings, errors first' })
  findings!: Finding[];

  @IsInt()
  @Doc({ description: 'Number of findings', example: 2 })
  total!: number;
}

export class RegisterFindingsResponse {
  @ValidateNested({ each: true })
  @Type(() => Finding)
  @Doc({ description: 'Findings, errors first' })
  findings!: Finding[];

  @IsInt()
  @Doc({ description: 'Number of findings', example: 7 })
  total!: number;

  @ValidateNested({ each: true })
  @Type(() => FindingCount)
  @Doc({ description: 'Count per rule code of the findings returned' })
  summary!: FindingCount[];
}
