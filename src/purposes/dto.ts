import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { BuildingBlockInput, BuildingBlockListQuery } from '../http/common-dto';
import { Doc, responseDtoOf, updateDtoOf } from '../http/dto';

export class PurposeCreate extends BuildingBlockInput {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Doc({ description: 'Name, unique in the register', example: 'Processing orders and contracts' })
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @Doc({
    description: 'What the processing is for',
    example: 'Processing orders, contracts and providing the services ordered',
    nullable: true,
  })
  description?: string | null;
}

export const PurposeUpdate = updateDtoOf(PurposeCreate, 'PurposeUpdate');
export const PurposeResponse = responseDtoOf(PurposeCreate, 'PurposeResponse');

export class PurposeListQuery extends BuildingBlockListQuery {
  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only purposes linked from this processing activity' })
  activityId?: string;
}
