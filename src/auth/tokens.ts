import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import { roles, type Role } from './permissions';
import type { VerificationKeys } from './keys';

export interface TokenSettings {
  issuer: string;
  audience: string;
  clockToleranceSeconds: number;
  rolesClaim: string;
  /** Claim holding the keys of the organisational units the caller may edit (config JWT_UNITS_CLAIM). */
  unitsClaim: string;
  /** What "now" is when checking exp and nbf, and when minting. */
  clock: Clock;
}

/** Who is calling, as far as the services need to know. */
export interface Principal {
  sub: string;
  roles: Role[];
  /**
   * The organisational units the caller may write, as the token names them (a unit's `key`, or
   * its id): what scopes an editor. Admins and the DPO act across units whatever this says.
   */
  units: string[];
}

/** A token that passed verification: who it names, and until when (epoch ms) it would still pass. */
export interface VerifiedToken {
  principal: Principal;
  acceptedUntil: number;
}

/** A 401 whose reason goes to the log and, in general terms, to the caller. */
export class AuthenticationError extends AppError {
  constructor(
    detail: string,
    readonly reason: string,
  ) {
    super('UNAUTHENTICATED', detail);
  }
}

/** A claim holding a list: a JSON array, or a space-separated string (as OAuth's `scope`). */
function listClaim(payload: JWTPayload, claim: string): string[] {
  const value = payload[claim];
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(' ') : [];
  return list.filter((item): item is string => typeof item === 'string' && item.length > 0);
}

function rolesOf(payload: JWTPayload, claim: string): Role[] {
  const list = listClaim(payload, claim);
  return roles.filter((role) => list.includes(role));
}

/** The units, deduplicated and in the token's order. */
const unitsOf = (payload: JWTPayload, claim: string): string[] => [...new Set(listClaim(payload, claim))];

/**
 * Verifies a bearer token: signature with a pinned algorithm, issuer, audience, a required
 * expiry and subject, a small clock tolerance. Unreachable or broken key sets are 503, not 401.
 */
export async function verifyToken(token: string, keys: VerificationKeys, settings: TokenSettings): Promise<VerifiedToken> {
  try {
    const { payload } = await jwtVerify(token, keys.key as never, {
      algorithms: keys.algorithms,
      issuer: settings.issuer,
      audience: settings.audience,
      clockTolerance: settings.clockToleranceSeconds,
      requiredClaims: ['exp', 'sub'],
      currentDate: new Date(settings.clock()),
    });
    return {
      principal: { sub: payload.sub!, roles: rolesOf(payload, settings.rolesClaim), units: unitsOf(payload, settings.unitsClaim) },
      acceptedUntil: (payload.exp! + settings.clockToleranceSeconds) * 1000,
    };
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new AuthenticationError('The token has expired.', 'expired');
    if (error instanceof errors.JWTClaimValidationFailed) {
      throw new AuthenticationError(`The token's "${error.claim}" claim is not acceptable.`, `claim ${error.claim}: ${error.reason}`);
    }
    if (error instanceof errors.JOSEAlgNotAllowed) {
      throw new AuthenticationError('The token is signed with an algorithm that is not accepted.', 'algorithm not allowed');
    }
    if (error instanceof errors.JWKSNoMatchingKey) throw new AuthenticationError('The token names a key that is not known.', 'unknown kid');
    if (
      error instanceof errors.JWSSignatureVerificationFailed ||
      error instanceof errors.JWSInvalid ||
      error instanceof errors.JWTInvalid ||
      error instanceof errors.JOSENotSupported ||
      error instanceof errors.JWKSMultipleMatchingKeys
    ) {
      throw new AuthenticationError('The token is not valid.', (error as errors.JOSEError).code);
    }
    // Anything else while a remote key set is in use is that key set failing: timeout, network
    // error, a non-200 answer or a body that is not a JWKS. The caller can retry; it is not their fault.
    if (keys.source === 'remote-jwks') {
      throw new AppError('AUTH_KEYS_UNAVAILABLE', 'The token signing keys cannot be fetched right now; try again shortly.');
    }
    throw new AuthenticationError('The token is not valid.', (error as Error).message);
  }
}

/** Mints an HS256 token (development and tests; production tokens come from the identity provider). */
export async function mintToken(
  secret: Uint8Array,
  settings: Pick<TokenSettings, 'issuer' | 'audience' | 'rolesClaim'> & Partial<Pick<TokenSettings, 'clock' | 'unitsClaim'>>,
  claims: { sub: string; roles: Role[]; units?: string[]; ttlSeconds: number },
): Promise<string> {
  const now = Math.floor((settings.clock ?? Date.now)() / 1000);
  const units = claims.units ? { [settings.unitsClaim ?? 'units']: claims.units } : {};
  return new SignJWT({ [settings.rolesClaim]: claims.roles, ...units })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + claims.ttlSeconds)
    .sign(secret);
}
