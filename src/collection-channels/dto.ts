import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { collectionMechanisms, cookieParties, sourceTypes } from '../../entities/collection-channel';
import { JSONSchema } from 'class-validator-jsonschema';
import { BuildingBlockInput, BuildingBlockListQuery } from '../http/common-dto';
import { Doc, responseDtoOf, updateDtoOf, type JsonSchema } from '../http/dto';

/** What a source says of a cookie; each part it does not say is null (not stated), never a guess. */
export class CookieDetailsDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Doc({ description: 'Who sets and reads the cookie (null: not stated)', example: 'Google', nullable: true })
  provider?: string | null;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  @Doc({ description: 'What the cookie is for (null: not stated)', example: 'Website usage statistics (Google Analytics)', nullable: true })
  purpose?: string | null;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Doc({ description: "How long it lives: an ISO 8601 duration or 'session' (null: not stated)", example: 'P2Y', nullable: true })
  lifetime?: string | null;

  @IsOptional()
  @IsIn(cookieParties)
  @Doc({ description: 'Set by the site itself or by another domain; not-stated when left out', example: 'third-party' })
  party?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  @Doc({ description: 'Cookie names', example: ['_ga', '_gid'] })
  names?: string[];
}

/** A cookie channel describes its cookie; any other channel has none (null or absent). */
const cookieRule = {
  if: { required: ['mechanism'], properties: { mechanism: { const: 'cookie' } } },
  then: { required: ['cookie'], properties: { cookie: { type: 'object' } } },
  else: { properties: { cookie: { type: 'null' } } },
};

@JSONSchema(cookieRule as JsonSchema)
export class CollectionChannelCreate extends BuildingBlockInput {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Doc({ description: 'Name, unique in the register', example: 'Registration and order form' })
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @Doc({ description: 'How the data arrives', example: 'The customer registers on the website or orders a service', nullable: true })
  description?: string | null;

  @IsOptional()
  @IsIn(sourceTypes)
  @Doc({
    description:
      'Where the data comes from: the data subject (Art. 13 information duty), a third party (Art. 14), observed, or derived; not-stated when left out',
    example: 'data-subject',
  })
  sourceType?: string;

  @IsOptional()
  @IsIn(collectionMechanisms)
  @Doc({ description: 'The means of collection; `cookie` channels describe the cookie; not-stated when left out', example: 'web-form' })
  mechanism?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => CookieDetailsDto)
  @Doc({ description: 'Required when mechanism is `cookie`, absent otherwise', nullable: true })
  cookie?: CookieDetailsDto | null;
}

export const CollectionChannelUpdate = updateDtoOf(CollectionChannelCreate, 'CollectionChannelUpdate');
/**
 * What a change can state of the rule by itself (the stored mechanism or cookie decides the rest,
 * checked by the resource's rules): a mechanism sent with a cookie must agree with it.
 */
JSONSchema({
  minProperties: 1,
  allOf: [
    {
      if: { required: ['mechanism'], properties: { mechanism: { const: 'cookie' } } },
      then: { properties: { cookie: { type: 'object' } } },
    },
    {
      if: { required: ['mechanism'], properties: { mechanism: { not: { const: 'cookie' } } } },
      then: { properties: { cookie: { type: 'null' } } },
    },
  ],
} as JsonSchema)(CollectionChannelUpdate);

export const CollectionChannelResponse = responseDtoOf(CollectionChannelCreate, 'CollectionChannelResponse');
JSONSchema(cookieRule as JsonSchema)(CollectionChannelResponse);

export class CollectionChannelListQuery extends BuildingBlockListQuery {
  @IsOptional()
  @IsIn(sourceTypes)
  @Doc({ description: 'Only this source type', example: 'observed' })
  sourceType?: string;

  @IsOptional()
  @IsIn(collectionMechanisms)
  @Doc({ description: 'Only this mechanism', example: 'cookie' })
  mechanism?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only channels linked from this processing activity' })
  activityId?: string;
}
