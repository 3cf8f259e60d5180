import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { organisationalUnitKinds } from '../../entities/organisational-unit';
import { ListQuery } from '../http/common-dto';
import { Doc, OptionalText, responseDtoOf, updateDtoOf } from '../http/dto';

/** What a token's units claim names a unit by: stable, and safe in a space-separated claim. */
export const unitKeyPattern = /^[a-z0-9][a-z0-9._-]*$/;

export class OrganisationalUnitCreate {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Doc({ description: 'Name, unique in the register', example: 'Human Resources' })
  name!: string;

  @IsString()
  @MaxLength(100)
  @Matches(unitKeyPattern)
  @Doc({
    description:
      "Stable key, unique: what an editor's token names the unit by in its units claim (config JWT_UNITS_CLAIM) — the identity provider's group or department code. Lower-case letters, digits, '.', '_' and '-'.",
    example: 'hr',
  })
  key!: string;

  @IsOptional()
  @IsIn(organisationalUnitKinds)
  @Doc({ description: 'What kind of unit; not-stated when left out', example: 'department' })
  kind?: string;

  @OptionalText(4000, 'What the unit does', 'Recruitment, payroll and personnel files')
  description?: string | null;
}

export const OrganisationalUnitUpdate = updateDtoOf(OrganisationalUnitCreate, 'OrganisationalUnitUpdate');
export const OrganisationalUnitResponse = responseDtoOf(OrganisationalUnitCreate, 'OrganisationalUnitResponse');

export class OrganisationalUnitListQuery extends ListQuery {
  @IsOptional()
  @IsIn(organisationalUnitKinds)
  @Doc({ description: 'Only this kind', example: 'department' })
  kind?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Doc({ description: 'Only the unit with this key', example: 'hr' })
  key?: string;
}
