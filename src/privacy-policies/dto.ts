import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { dataSubjectRightCodes } from '../../entities/data-subject-right';
import { ListQuery, OwnerUnitId } from '../http/common-dto';
import { Doc, expandedRef, isoDatePattern, responseDtoOf, updateDtoOf } from '../http/dto';

export class RightStatementDto {
  @IsIn(dataSubjectRightCodes)
  @Doc({ description: 'Which right (see /v1/data-subject-rights)', example: 'access' })
  right!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  @Doc({ description: 'What the policy tells data subjects about it', example: 'You may ask for copies of your personal data.' })
  description!: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @Doc({ description: 'Any fee the organisation says it may charge', example: 'A small fee may be charged.' })
  feeNote?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @Doc({ description: "The policy's own wording", example: 'Het recht op toegang – …' })
  source?: string;
}

export class PolicyNoteDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Doc({ description: 'What the statement is about', example: 'Marketing opt-out' })
  topic!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  @Doc({ description: 'The statement', example: 'You can unsubscribe from marketing at any time.' })
  text!: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @Doc({ description: "The policy's own wording" })
  source?: string;
}

export class PrivacyPolicyCreate {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Doc({ description: 'Title, unique in the register', example: 'Privacy Beleid' })
  name!: string;

  @IsUUID()
  @Doc({ description: 'The organisation whose policy this is', example: '0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11' })
  organisationId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @Doc({ description: 'What the policy covers', example: 'Privacy policy of the woktron.com website and services', nullable: true })
  description?: string | null;

  @Matches(/^[a-z]{2}(-[A-Z]{2})?$/)
  @Doc({ description: 'Language (ISO 639-1, optionally with region)', example: 'nl' })
  language!: string;

  @IsOptional()
  @IsUrl()
  @MaxLength(2000)
  @Doc({ description: 'Where it is published', example: 'https://www.woktron.com/privacy', nullable: true })
  url?: string | null;

  @IsOptional()
  @Matches(isoDatePattern)
  @Doc({ description: 'When it was last changed (YYYY-MM-DD)', example: '2021-03-31', nullable: true, schema: { format: 'date' } })
  lastChanged?: string | null;

  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  @Doc({ description: 'Contact for privacy requests named in the policy', example: 'services@woktron.com', nullable: true })
  contactEmail?: string | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  @Doc({ description: 'Days the policy says an answer may take', example: 14, nullable: true })
  responseDays?: number | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RightStatementDto)
  @Doc({ description: 'The rights the policy names, each once' })
  rights?: RightStatementDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PolicyNoteDto)
  @Doc({ description: 'Other statements of the policy' })
  notes?: PolicyNoteDto[];

  @OwnerUnitId()
  ownerUnitId?: string | null;
}

export const PrivacyPolicyUpdate = updateDtoOf(PrivacyPolicyCreate, 'PrivacyPolicyUpdate');
export const PrivacyPolicyResponse = responseDtoOf(PrivacyPolicyCreate, 'PrivacyPolicyResponse', (proto) =>
  expandedRef(proto, 'organisation', 'The organisation, resolved'),
);

export class PrivacyPolicyListQuery extends ListQuery {
  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only policies of this organisation' })
  organisationId?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only policies owned by this organisational unit' })
  ownerUnitId?: string;
}
