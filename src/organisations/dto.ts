import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { contactRoles, dpoRequirements, legalFrameworks, organisationRoles } from '../../entities/organisation';
import { BuildingBlockInput, BuildingBlockListQuery } from '../http/common-dto';
import { Doc, expandedRef, OptionalText, responseDtoOf, updateDtoOf } from '../http/dto';

export class OrganisationContactInput {
  @IsIn(contactRoles)
  @Doc({ description: 'What the contact is for', example: 'privacy-desk' })
  role!: string;

  @OptionalText(300, 'Name', 'Fiona Thornton')
  name?: string | null;

  @OptionalText(300, 'Function or title', 'Clerk to the Council')
  title?: string | null;

  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  @Doc({ description: 'Email', example: 'hr@openproject.com', nullable: true })
  email?: string | null;

  @OptionalText(50, 'Phone number', '+34 971 17 25 00')
  phone?: string | null;

  @OptionalText(1000, 'Postal address', 'Edifici Son Lledó, Cra. de Valldemossa, km 7.5, Palma')
  address?: string | null;
}

export class OrganisationCreate extends BuildingBlockInput {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Doc({ description: 'Legal name, unique in the register', example: 'Woktron Ltd.' })
  name!: string;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(organisationRoles, { each: true })
  @Doc({ description: 'Roles the organisation plays in the register (Art. 4(7), 4(8), 26, 27)', example: ['controller'] })
  roles?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @Doc({ description: 'What the organisation is', example: 'Dutch hosting, domain and data-centre services company', nullable: true })
  description?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Doc({ description: 'Company registration number (e.g. KvK number)', example: '12345678', nullable: true })
  registrationNumber?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @Doc({ description: 'Postal address', example: 'Keizersgracht 1, 1015 AA Amsterdam', nullable: true })
  address?: string | null;

  @IsOptional()
  @IsISO31661Alpha2()
  @Doc({ description: 'Country of establishment, ISO 3166-1 alpha-2', example: 'NL', nullable: true })
  country?: string | null;

  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  @Doc({ description: 'General contact email', example: 'info@woktron.com', nullable: true })
  email?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  @Doc({ description: 'General contact phone number', example: '+31 20 123 4567', nullable: true })
  phone?: string | null;

  @IsOptional()
  @IsUrl()
  @MaxLength(2000)
  @Doc({ description: 'Website', example: 'https://www.woktron.com', nullable: true })
  website?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Doc({ description: 'Data protection officer (Art. 37–39), if one is appointed', example: 'J. de Vries', nullable: true })
  dpoName?: string | null;

  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  @Doc({ description: 'DPO email', example: 'dpo@woktron.com', nullable: true })
  dpoEmail?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  @Doc({ description: 'DPO phone number', example: '+31 20 123 4568', nullable: true })
  dpoPhone?: string | null;

  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  @Doc({ description: 'Where data subjects send privacy requests', example: 'services@woktron.com', nullable: true })
  privacyContactEmail?: string | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  @Doc({ description: 'Days the organisation says it may take to answer a privacy request', example: 14, nullable: true })
  privacyResponseDays?: number | null;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Its representative in the Union (Art. 27), an organisation in the register', nullable: true })
  representativeId?: string | null;

  @OptionalText(300, 'The DPO by function or title, when the source names the role rather than the person', 'Head of the Legal Office')
  dpoTitle?: string | null;

  @OptionalText(1000, "The DPO's postal address, when it is not the organisation's", 'Friedensallee 114, 22763 Hamburg')
  dpoAddress?: string | null;

  @IsOptional()
  @IsIn(dpoRequirements)
  @Doc({
    description:
      'Whether a DPO must be designated (Art. 37, or national law): yes, no, or not-stated (when left out). A public authority or body (publicBody) must, by Art. 37(1)(a), whatever this says.',
    example: 'yes',
  })
  dpoRequired?: string;

  @OptionalText(1000, 'Why a DPO is or is not required', 'Art. 37(1)(a): a public authority')
  dpoRequiredReason?: string | null;

  @IsOptional()
  @IsBoolean()
  @Doc({ description: 'A public authority or body (Art. 37(1)(a)); null: not stated', example: true, nullable: true })
  publicBody?: boolean | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => OrganisationContactInput)
  @Doc({ description: 'Contacts, each with its role: a privacy desk, HR for applicants, security… (the DPO also has its own fields)' })
  contacts?: OrganisationContactInput[];

  @IsOptional()
  @IsIn(legalFrameworks)
  @Doc({
    description:
      "The law its register is kept under: gdpr (Art. 30), uk-gdpr, eudpr (Regulation (EU) 2018/1725, Art. 31, for EU institutions), or not-stated (when left out). Findings and the privacy notice cite that law's articles.",
    example: 'gdpr',
  })
  framework?: string;

  @OptionalText(35, 'The language its register and notices are written in (BCP 47); the privacy notice speaks it', 'nl')
  language?: string | null;

  @IsOptional()
  @IsUUID()
  @Doc({
    description: 'One transfer mechanism the organisation states for all its transfers (a legal basis of kind transfer-mechanism)',
    nullable: true,
  })
  transferMechanismId?: string | null;

  @OptionalText(
    4000,
    'That statement in its own words',
    'All transfers outside the EEA take place under the SCC of Decision (EU) 2021/914.',
  )
  transferMechanismNote?: string | null;
}

export const OrganisationUpdate = updateDtoOf(OrganisationCreate, 'OrganisationUpdate');
export const OrganisationResponse = responseDtoOf(OrganisationCreate, 'OrganisationResponse', (proto) => {
  expandedRef(proto, 'representative', 'The representative, resolved');
  expandedRef(proto, 'transferMechanism', 'The register-wide transfer mechanism, resolved');
});

export class OrganisationListQuery extends BuildingBlockListQuery {
  @IsOptional()
  @IsIn(organisationRoles)
  @Doc({ description: 'Only organisations with this role', example: 'controller' })
  role?: string;

  @IsOptional()
  @IsISO31661Alpha2()
  @Doc({ description: 'Only organisations in this country', example: 'NL' })
  country?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only organisations linked from this processing activity' })
  activityId?: string;
}
