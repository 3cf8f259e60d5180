import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { CountryCodes } from 'validator/lib/isISO31661Alpha2';
import { hostingNotStated, systemKinds } from '../../entities/system';
import { BuildingBlockInput, BuildingBlockListQuery, EntityRef } from '../http/common-dto';
import { Doc, expandedRef, OptionalText, responseDtoOf, updateDtoOf } from '../http/dto';

/** What a hosting country may be: an ISO 3166-1 alpha-2 code, or not-stated. */
export const hostingValues = [...[...CountryCodes].sort(), hostingNotStated];

export class SystemCreate extends BuildingBlockInput {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Doc({ description: 'Name, unique in the register', example: 'Google Analytics' })
  name!: string;

  @OptionalText(4000, 'What it is and what it holds', 'Web statistics of the website')
  description?: string | null;

  @IsOptional()
  @IsIn(systemKinds)
  @Doc({
    description: 'application, database, saas, file-share, paper-archive or device; not-stated when left out (never guessed)',
    example: 'saas',
  })
  kind?: string;

  @OptionalText(300, 'Who is responsible for it in the organisation (a department or role)', 'IT department')
  owner?: string | null;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'The organisation that provides or operates it, if recorded', nullable: true })
  providerId?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsIn(hostingValues, { each: true })
  @Doc({
    description:
      'Where it is hosted: ISO 3166-1 alpha-2 codes, or ["not-stated"] alone when the source does not say (the value when left out)',
    example: ['NL'],
    // not-stated stands alone: it cannot be combined with a country.
    schema: {
      anyOf: [
        { type: 'array', items: { type: 'string' }, maxItems: 1 },
        { type: 'array', items: { type: 'string' }, not: { contains: { const: hostingNotStated } } },
      ],
    },
  })
  hostingCountries?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  @Doc({ description: 'Security measures that apply to it (ids of security measures)', example: ['0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11'] })
  securityMeasureIds?: string[];
}

export const SystemUpdate = updateDtoOf(SystemCreate, 'SystemUpdate');
export const SystemResponse = responseDtoOf(SystemCreate, 'SystemResponse', (proto) =>
  expandedRef(proto, 'provider', 'The provider organisation, resolved'),
);

export class SystemListQuery extends BuildingBlockListQuery {
  @IsOptional()
  @IsIn(systemKinds)
  @Doc({ description: 'Only this kind', example: 'saas' })
  kind?: string;

  @IsOptional()
  @IsIn(hostingValues)
  @Doc({ description: 'Only systems hosted in this country (or not-stated: those whose hosting is not stated)', example: 'US' })
  hostingCountry?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only systems provided by this organisation' })
  providerId?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only systems protected by this security measure' })
  securityMeasureId?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only systems linked from this processing activity' })
  activityId?: string;
}

/** A system as an activity's link shows it. */
export class SystemRef extends EntityRef {
  @IsIn(systemKinds)
  @Doc({ description: 'Kind of system', example: 'saas' })
  kind!: string;

  @IsIn(hostingValues, { each: true })
  @Doc({ description: 'Where it is hosted (ISO codes, or not-stated)', example: ['US'] })
  hostingCountries!: string[];
}
