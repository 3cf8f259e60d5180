import { IsIn, IsOptional, IsString } from 'class-validator';
import { dataSubjectRightCodes } from '../../entities/data-subject-right';
import { ListQuery } from '../http/common-dto';
import { addEntityFields, Doc } from '../http/dto';

export class DataSubjectRightResponse {
  @IsIn(dataSubjectRightCodes)
  @Doc({ description: 'Stable code', example: 'access' })
  code!: string;

  @IsString()
  @Doc({ description: 'Name of the right', example: 'Right of access' })
  name!: string;

  @IsString()
  @Doc({ description: 'The provision', example: 'Art. 15' })
  article!: string;

  @IsString()
  @Doc({ description: 'What the right gives the data subject', example: 'Obtain a copy of the personal data.' })
  description!: string;

  @IsString()
  @Doc({ description: 'W3C DPV IRI', example: 'https://w3id.org/dpv/legal/eu/gdpr#A15' })
  dpvIri!: string;
}
addEntityFields(DataSubjectRightResponse.prototype);

export class DataSubjectRightListQuery extends ListQuery {
  @IsOptional()
  @IsIn(dataSubjectRightCodes)
  @Doc({ description: 'Exactly this code', example: 'portability' })
  code?: string;
}
