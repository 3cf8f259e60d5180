import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { flowEndKinds } from '../../entities/data-flow';
import { BuildingBlockInput, BuildingBlockListQuery } from '../http/common-dto';
import { Doc, expandedRef, OptionalText, responseDtoOf, updateDtoOf } from '../http/dto';

const uuidExample = '0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11';
const endKinds = 'collection-channel, data-subject-category, system or recipient';

export class DataFlowCreate extends BuildingBlockInput {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Doc({ description: 'Name, unique in the register', example: 'Webshop database → accounting system' })
  name!: string;

  @OptionalText(4000, 'What flows and why', 'Paid orders are booked nightly')
  description?: string | null;

  @IsIn(flowEndKinds)
  @Doc({ description: `What the flow starts at: ${endKinds}`, example: 'system' })
  fromKind!: string;

  @IsUUID()
  @Doc({ description: 'The id of that entry (must exist; a flow cannot start and end at the same entry)', example: uuidExample })
  fromId!: string;

  @IsIn(flowEndKinds)
  @Doc({ description: `What the flow goes to: ${endKinds}`, example: 'recipient' })
  toKind!: string;

  @IsUUID()
  @Doc({ description: 'The id of that entry (must exist)', example: uuidExample })
  toId!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  @Doc({ description: 'The data categories it carries (ids)', example: [uuidExample] })
  dataCategoryIds?: string[];

  @IsOptional()
  @IsISO31661Alpha2()
  @Doc({ description: 'When it is a transfer: the third country it takes the data to (ISO 3166-1 alpha-2)', example: 'US', nullable: true })
  transferCountry?: string | null;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'The transfer mechanism (a legal basis of kind transfer-mechanism, Art. 45–49)', nullable: true })
  transferMechanismId?: string | null;

  @OptionalText(4000, 'The safeguard of the transfer, in the words of the record', 'Standard contractual clauses (2021/914), module 2')
  transferSafeguard?: string | null;
}

export const DataFlowUpdate = updateDtoOf(DataFlowCreate, 'DataFlowUpdate');
export const DataFlowResponse = responseDtoOf(DataFlowCreate, 'DataFlowResponse', (proto) =>
  expandedRef(proto, 'transferMechanism', 'The transfer mechanism, resolved'),
);

export class DataFlowListQuery extends BuildingBlockListQuery {
  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only flows starting at this entry' })
  fromId?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only flows going to this entry' })
  toId?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only flows carrying this data category' })
  dataCategoryId?: string;

  @IsOptional()
  @IsISO31661Alpha2()
  @Doc({ description: 'Only flows transferring data to this country', example: 'US' })
  transferCountry?: string;
}
