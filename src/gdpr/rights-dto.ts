import { IsBoolean, IsIn, IsString } from 'class-validator';
import { dataSubjectRightCodes } from '../../entities/data-subject-right';
import { Doc } from '../http/dto';

/** A data subject right as it applies to one processing activity, derived from its legal bases. */
export class ActivityRight {
  @IsIn(dataSubjectRightCodes)
  @Doc({ description: 'Stable code (see /v1/data-subject-rights)', example: 'portability' })
  code!: string;

  @IsString()
  @Doc({ description: 'The provision', example: 'Art. 20' })
  article!: string;

  @IsString()
  @Doc({ description: 'Name of the right', example: 'Right to data portability' })
  name!: string;

  @IsBoolean()
  @Doc({ description: 'Whether data subjects have this right against the activity', example: true })
  applies!: boolean;

  @IsString()
  @Doc({
    description: 'Why, citing the article that includes or excludes it',
    example:
      '"Order processing" rests on consent or contract (Art. 20(1)(a)); applies to data the data subject provided, processed by automated means.',
  })
  reason!: string;
}
