import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { securityMeasureTypes } from '../../entities/security-measure';
import { BuildingBlockInput, BuildingBlockListQuery } from '../http/common-dto';
import { Doc, responseDtoOf, updateDtoOf } from '../http/dto';

export class SecurityMeasureCreate extends BuildingBlockInput {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Doc({ description: 'Name, unique in the register', example: 'Full-disk encryption of endpoints' })
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @Doc({ description: 'What the measure does', example: 'All laptops and workstations encrypt their disks', nullable: true })
  description?: string | null;

  @IsOptional()
  @IsIn(securityMeasureTypes)
  @Doc({ description: 'Technical, organisational or physical measure (Art. 32); not-stated when left out', example: 'technical' })
  type?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Doc({ description: 'Standard or certification it relates to', example: 'PCI DSS', nullable: true })
  standardReference?: string | null;
}

export const SecurityMeasureUpdate = updateDtoOf(SecurityMeasureCreate, 'SecurityMeasureUpdate');
export const SecurityMeasureResponse = responseDtoOf(SecurityMeasureCreate, 'SecurityMeasureResponse');

export class SecurityMeasureListQuery extends BuildingBlockListQuery {
  @IsOptional()
  @IsIn(securityMeasureTypes)
  @Doc({ description: 'Only this type', example: 'organisational' })
  type?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only measures linked from this processing activity' })
  activityId?: string;
}
