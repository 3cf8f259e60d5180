import {
  ArrayUnique,
  IsArray,
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
} from 'class-validator';
import { organisationRoles } from '../../entities/organisation';
import { BuildingBlockInput, BuildingBlockListQuery } from '../http/common-dto';
import { Doc, expandedRef, responseDtoOf, updateDtoOf } from '../http/dto';

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
}

export const OrganisationUpdate = updateDtoOf(OrganisationCreate, 'OrganisationUpdate');
export const OrganisationResponse = responseDtoOf(OrganisationCreate, 'OrganisationResponse', (proto) =>
  expandedRef(proto, 'representative', 'The representative, resolved'),
);

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
