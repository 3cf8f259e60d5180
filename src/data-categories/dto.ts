import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { sensitivities } from '../../entities/data-category';
import { BuildingBlockInput, BuildingBlockListQuery } from '../http/common-dto';
import { Doc, expandedRef, responseDtoOf, updateDtoOf } from '../http/dto';

export class DataCategoryCreate extends BuildingBlockInput {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Doc({ description: 'Name, unique in the register', example: 'Identification and contact details' })
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @Doc({ description: 'What data belongs to this category', example: 'Name, email address, phone number', nullable: true })
  description?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  @Doc({ description: 'Typical data items', example: ['name', 'email address', 'phone number'] })
  examples?: string[];

  @IsOptional()
  @IsIn(sensitivities)
  @Doc({ description: '`special`: Art. 9 data; `criminal`: Art. 10 data; otherwise `standard`', example: 'standard' })
  sensitivity?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Broader category this one belongs to', nullable: true })
  parentId?: string | null;
}

export const DataCategoryUpdate = updateDtoOf(DataCategoryCreate, 'DataCategoryUpdate');
export const DataCategoryResponse = responseDtoOf(DataCategoryCreate, 'DataCategoryResponse', (proto) =>
  expandedRef(proto, 'parent', 'The broader category, resolved'),
);

export class DataCategoryListQuery extends BuildingBlockListQuery {
  @IsOptional()
  @IsIn(sensitivities)
  @Doc({ description: 'Only this sensitivity', example: 'special' })
  sensitivity?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only direct children of this category' })
  parentId?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only categories linked from this processing activity' })
  activityId?: string;
}
