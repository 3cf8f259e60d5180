import { IsBoolean, IsIn, IsOptional, IsString, IsUrl, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { CountryCodes } from 'validator/lib/isISO31661Alpha2';
import { legalBasisKinds } from '../../entities/legal-basis';
import { BuildingBlockInput, BuildingBlockListQuery } from '../http/common-dto';
import { Doc, responseDtoOf, updateDtoOf } from '../http/dto';

export const jurisdictions = ['EU', ...[...CountryCodes].sort()];

export class LegalBasisCreate extends BuildingBlockInput {
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  @MaxLength(100)
  @Doc({
    description: 'Stable code: lowercase words joined by "-". The `gdpr-` prefix is reserved for the built-in bases.',
    example: 'nl-awr-52',
  })
  code!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Doc({ description: 'Short title', example: 'Fiscal retention obligation' })
  name!: string;

  @IsIn(legalBasisKinds)
  @Doc({
    description:
      'Lawful basis (Art. 6), special-category condition (Art. 9), criminal-data condition (Art. 10) or transfer mechanism (Art. 45–49)',
    example: 'lawful-basis',
  })
  kind!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Doc({ description: 'The provision', example: 'Art. 52 Algemene wet inzake rijksbelastingen' })
  article!: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @Doc({ description: 'What the provision says', example: 'Businesses must keep their books for seven years.', nullable: true })
  description?: string | null;

  @IsOptional()
  @IsUrl()
  @MaxLength(2000)
  @Doc({
    description: 'W3C DPV (Data Privacy Vocabulary) IRI of the concept',
    example: 'https://w3id.org/dpv#LegalObligation',
    nullable: true,
  })
  dpvIri?: string | null;

  @IsIn(jurisdictions)
  @Doc({ description: "'EU' or the ISO 3166-1 alpha-2 code of the member state whose law this is", example: 'NL' })
  jurisdiction!: string;
}

export const LegalBasisUpdate = updateDtoOf(LegalBasisCreate, 'LegalBasisUpdate');
export const LegalBasisResponse = responseDtoOf(LegalBasisCreate, 'LegalBasisResponse', (proto) => {
  IsBoolean()(proto, 'builtIn');
  Doc({ description: 'Shipped GDPR reference data; read-only', example: true })(proto, 'builtIn');
});

export class LegalBasisListQuery extends BuildingBlockListQuery {
  @IsOptional()
  @IsIn(legalBasisKinds)
  @Doc({ description: 'Only this kind', example: 'transfer-mechanism' })
  kind?: string;

  @IsOptional()
  @MaxLength(100)
  @IsString()
  @Doc({ description: 'Exactly this code', example: 'gdpr-6-1-f' })
  code?: string;

  @IsOptional()
  @IsIn(jurisdictions)
  @Doc({ description: 'Only this jurisdiction', example: 'EU' })
  jurisdiction?: string;

  @IsOptional()
  @IsBoolean()
  @Doc({ description: 'Only built-in (true) or only own (false) bases', example: false })
  builtIn?: boolean;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only bases used by this processing activity' })
  activityId?: string;
}
