import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { PageQuery } from '../http/common-dto';
import { Doc } from '../http/dto';

/**
 * Signed snapshots of the register (POST/GET /v1/register/snapshots) and the key set that
 * verifies them: what is said about a snapshot, not the export document it signs (./dto.ts).
 */

const uuid = '0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11';

const dateTime = (description: string, example = '2026-03-31T09:30:00.000Z') =>
  JSONSchema(() => ({ type: 'string', format: 'date-time', description, example })) as PropertyDecorator;

const sha256Doc = Doc({
  description: 'SHA-256 of the payload bytes (the JSON export), hex',
  example: '3b1f5c0e8a4d2f6b9c7e1a0d4f8b2c6e9a3d7f1b5c8e2a4d6f0b3c7e9a1d5f8b',
  schema: { pattern: '^[0-9a-f]{64}$' },
});

export class RegisterSnapshotSummary {
  @IsUUID()
  @Doc({ description: 'Id', example: uuid })
  id!: string;

  @IsString()
  @Doc({ description: 'Token subject of whoever made it', example: 'auditor@example.com' })
  createdBy!: string;

  @IsString()
  @Doc({ description: 'Key id of the signing key (also in the JWS header)', example: 'k7Yp…' })
  kid!: string;

  @IsString()
  @sha256Doc
  sha256!: string;

  @IsInt()
  @Doc({ description: 'Payload size in bytes', example: 81234 })
  byteSize!: number;

  @IsInt()
  @Doc({ description: 'Activities in the snapshot', example: 13 })
  activityCount!: number;

  @IsString()
  @dateTime('When the snapshot was made')
  createdAt!: string;

  @IsString()
  @dateTime("The export's generatedAt")
  generatedAt!: string;
}

export class RegisterSnapshotResponse extends RegisterSnapshotSummary {
  @IsString()
  @Doc({
    description: 'The snapshot as a compact JWS (RFC 7515, EdDSA, `kid` in the protected header); its payload is the JSON export',
    example: 'eyJhbGciOiJFZERTQSIsImtpZCI6Ii4uLiJ9.eyJkb2N1bWVudFR5cGUiOi4uLn0.c2lnbmF0dXJl',
  })
  jws!: string;
}

/** Newest first. */
export class RegisterSnapshotListQuery extends PageQuery {
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Doc({ description: 'Only snapshots made by this token subject', example: 'auditor@example.com' })
  createdBy?: string;
}

export class RegisterSigningJwk {
  @IsIn(['OKP'])
  @Doc({ description: 'Key type', example: 'OKP' })
  kty!: string;

  @IsIn(['Ed25519'])
  @Doc({ description: 'Curve', example: 'Ed25519' })
  crv!: string;

  @IsString()
  @Doc({ description: 'Public key, base64url', example: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' })
  x!: string;

  @IsString()
  @Doc({ description: 'Key id', example: 'k7Yp…' })
  kid!: string;

  @IsIn(['EdDSA'])
  @Doc({ description: 'Algorithm', example: 'EdDSA' })
  alg!: string;

  @IsIn(['sig'])
  @Doc({ description: 'Use', example: 'sig' })
  use!: string;
}

export class RegisterSigningJwks {
  @ValidateNested({ each: true })
  @Type(() => RegisterSigningJwk)
  @Doc({ description: 'Every key that signed or signs snapshots (RFC 7517 JWK Set)' })
  keys!: RegisterSigningJwk[];
}
