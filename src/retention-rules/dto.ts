import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { retentionEndActions, retentionKinds } from '../../entities/retention-rule';
import { BuildingBlockInput, BuildingBlockListQuery } from '../http/common-dto';
import { Doc, isoDurationPattern, OptionalText, responseDtoOf, updateDtoOf } from '../http/dto';

export class RetentionConditionInput {
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  @Doc({ description: "When it applies, in the source's words", example: 'when tax law applies' })
  condition!: string;

  @IsOptional()
  @Matches(isoDurationPattern)
  @MaxLength(50)
  @Doc({ description: 'The period then, ISO 8601 duration', example: 'P10Y', nullable: true })
  duration?: string | null;

  @IsOptional()
  @IsIn(retentionEndActions)
  @Doc({ description: 'What happens then, when it differs', example: 'erase', nullable: true })
  endAction?: string | null;
}

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

  @IsOptional()
  @IsIn(retentionKinds)
  @Doc({
    description:
      'What kind of period: fixed-duration (a duration from a start event), statutory (a law or an archive selection list defines it: name it in legalReference), until-event (until the start event, then the duration if any), permanent (archived in the public interest, Art. 89), as-long-as-necessary, or not-stated. Left out: fixed-duration when a duration is given, else not-stated.',
    example: 'fixed-duration',
  })
  kind?: string;

  @IsOptional()
  @Matches(isoDurationPattern)
  @MaxLength(50)
  @Doc({
    description: 'The period, ISO 8601 duration (fixed-duration; optional for statutory and until-event)',
    example: 'P7Y',
    nullable: true,
  })
  duration?: string | null;

  @IsOptional()
  @Matches(isoDurationPattern)
  @MaxLength(50)
  @Doc({ description: 'Longest retention allowed, ISO 8601 duration', example: 'P10Y', nullable: true })
  maximumDuration?: string | null;

  @OptionalText(300, 'The event the period counts from (or, for until-event, the event it lasts until)', 'End of the customer relationship')
  startEvent?: string | null;

  @IsOptional()
  @IsIn(retentionEndActions)
  @Doc({
    description:
      'What happens when the period ends: erase, anonymise, archive, restrict, review, transfer (handed on to another record or body), or not-stated (when left out)',
    example: 'erase',
  })
  endAction?: string;

  @OptionalText(1000, 'The law, policy or archive selection list that sets the period', 'Selectielijst Gemeenten 3140103 04')
  legalReference?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RetentionConditionInput)
  @Doc({ description: 'Periods that apply only under a condition ("10 years when tax law applies", "+2 years with consent")' })
  conditions?: RetentionConditionInput[];
}

export const RetentionRuleUpdate = updateDtoOf(RetentionRuleCreate, 'RetentionRuleUpdate');
export const RetentionRuleResponse = responseDtoOf(RetentionRuleCreate, 'RetentionRuleResponse');

export class RetentionRuleListQuery extends BuildingBlockListQuery {
  @IsOptional()
  @IsIn(retentionKinds)
  @Doc({ description: 'Only rules of this kind', example: 'statutory' })
  kind?: string;

  @IsOptional()
  @IsIn(retentionEndActions)
  @Doc({ description: 'Only rules ending with this action', example: 'erase' })
  endAction?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only rules used by this processing activity' })
  activityId?: string;
}
