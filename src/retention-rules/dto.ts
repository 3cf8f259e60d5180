import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { retentionEndActions } from '../../entities/retention-rule';
import { BuildingBlockInput, BuildingBlockListQuery } from '../http/common-dto';
import { Doc, isoDurationPattern, responseDtoOf, updateDtoOf } from '../http/dto';

export class RetentionRuleCreate extends BuildingBlockInput {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Doc({ description: 'Name, unique in the register', example: 'Customer records: 7 years, at most 10' })
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @Doc({ description: 'Why this period', example: 'Typical retention under EU and Dutch law', nullable: true })
  description?: string | null;

  @Matches(isoDurationPattern)
  @MaxLength(50)
  @Doc({ description: 'Usual retention period, ISO 8601 duration', example: 'P7Y' })
  duration!: string;

  @IsOptional()
  @Matches(isoDurationPattern)
  @MaxLength(50)
  @Doc({ description: 'Longest retention allowed, ISO 8601 duration', example: 'P10Y', nullable: true })
  maximumDuration?: string | null;

  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Doc({ description: 'The event the period counts from', example: 'End of the customer relationship' })
  startEvent!: string;

  @IsOptional()
  @IsIn(retentionEndActions)
  @Doc({ description: 'What happens when the period ends', example: 'erase' })
  endAction?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @Doc({ description: 'The law or policy that sets the period', example: 'Art. 52 AWR (fiscal retention, 7 years)', nullable: true })
  legalReference?: string | null;
}

export const RetentionRuleUpdate = updateDtoOf(RetentionRuleCreate, 'RetentionRuleUpdate');
export const RetentionRuleResponse = responseDtoOf(RetentionRuleCreate, 'RetentionRuleResponse');

export class RetentionRuleListQuery extends BuildingBlockListQuery {
  @IsOptional()
  @IsIn(retentionEndActions)
  @Doc({ description: 'Only rules ending with this action', example: 'erase' })
  endAction?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only rules used by this processing activity' })
  activityId?: string;
}
