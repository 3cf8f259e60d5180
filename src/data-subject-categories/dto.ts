import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { BuildingBlockInput, BuildingBlockListQuery } from '../http/common-dto';
import { Doc, responseDtoOf, updateDtoOf } from '../http/dto';

export class DataSubjectCategoryCreate extends BuildingBlockInput {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Doc({ description: 'Name, unique in the register', example: 'Customers' })
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @Doc({ description: 'Who belongs to this category', example: 'People and companies who ordered a Woktron service', nullable: true })
  description?: string | null;

  @IsOptional()
  @IsBoolean()
  @Doc({ description: 'Vulnerable people (children, employees, patients…): a WP248 DPIA criterion', example: false })
  vulnerable?: boolean;
}

export const DataSubjectCategoryUpdate = updateDtoOf(DataSubjectCategoryCreate, 'DataSubjectCategoryUpdate');
export const DataSubjectCategoryResponse = responseDtoOf(DataSubjectCategoryCreate, 'DataSubjectCategoryResponse');

export class DataSubjectCategoryListQuery extends BuildingBlockListQuery {
  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only categories linked from this processing activity' })
  activityId?: string;
}
