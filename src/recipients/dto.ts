import { IsIn, IsISO31661Alpha2, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { processingAgreementStatuses, recipientCategories, recipientKinds } from '../../entities/recipient';
import { BuildingBlockInput, BuildingBlockListQuery } from '../http/common-dto';
import { Doc, expandedRef, OptionalDate, OptionalText, responseDtoOf, updateDtoOf } from '../http/dto';

export class RecipientCreate extends BuildingBlockInput {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Doc({ description: 'Name, unique in the register', example: 'Domain name registries' })
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @Doc({
    description: 'Who they are and why they receive data',
    example: 'Registries of the top-level domains we register names in',
    nullable: true,
  })
  description?: string | null;

  @IsOptional()
  @IsIn(recipientKinds)
  @Doc({
    description: 'Their role towards the data (Art. 4(8), 4(9), 26); the-public for data that is published; not-stated when left out',
    example: 'independent-controller',
  })
  kind?: string;

  @IsOptional()
  @IsIn(recipientCategories)
  @Doc({ description: 'What kind of recipient; not-stated when left out', example: 'domain-registry' })
  category?: string;

  @IsOptional()
  @IsISO31661Alpha2()
  @Doc({ description: 'Country where they receive the data, ISO 3166-1 alpha-2', example: 'NL', nullable: true })
  country?: string | null;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'The organisation behind this recipient, if recorded', nullable: true })
  organisationId?: string | null;

  @IsOptional()
  @IsIn(processingAgreementStatuses)
  @Doc({
    description: 'The Art. 28 agreement with a processor: signed, in-negotiation, not-needed, or not-stated (when left out)',
    example: 'signed',
  })
  processingAgreementStatus?: string;

  @OptionalDate('When the agreement was signed (YYYY-MM-DD)', '2021-03-31')
  processingAgreementDate?: string | null;

  @OptionalText(1000, 'Reference of the Art. 28 processing agreement (processors)', 'DPA-2021-004')
  processingAgreementRef?: string | null;
}

export const RecipientUpdate = updateDtoOf(RecipientCreate, 'RecipientUpdate');
export const RecipientResponse = responseDtoOf(RecipientCreate, 'RecipientResponse', (proto) =>
  expandedRef(proto, 'organisation', 'The organisation, resolved'),
);

export class RecipientListQuery extends BuildingBlockListQuery {
  @IsOptional()
  @IsIn(processingAgreementStatuses)
  @Doc({ description: 'Only recipients whose processing agreement has this status', example: 'not-stated' })
  processingAgreementStatus?: string;

  @IsOptional()
  @IsIn(recipientKinds)
  @Doc({ description: 'Only this kind', example: 'processor' })
  kind?: string;

  @IsOptional()
  @IsIn(recipientCategories)
  @Doc({ description: 'Only this category', example: 'credit-bureau' })
  category?: string;

  @IsOptional()
  @IsISO31661Alpha2()
  @Doc({ description: 'Only recipients in this country', example: 'US' })
  country?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only recipients of this organisation' })
  organisationId?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only recipients linked from this processing activity' })
  activityId?: string;
}
