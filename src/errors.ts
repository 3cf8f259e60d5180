/**
 * Every error the API can answer with, each with a stable code. Responses are RFC 9457
 * problem details (application/problem+json); `type` is a stable URN built from the code.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  MALFORMED_BODY: { status: 400, title: 'The request body could not be parsed' },
  MALFORMED_REQUEST: { status: 400, title: 'The request is not valid HTTP' },
  REQUEST_TIMEOUT: { status: 408, title: 'The request took too long to arrive' },
  HEADERS_TOO_LARGE: { status: 431, title: 'The request line or headers are too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The request body must be application/json' },
  BODY_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNAUTHENTICATED: { status: 401, title: 'A valid bearer token is required' },
  FORBIDDEN: { status: 403, title: 'The token does not grant this operation' },
  OUTSIDE_UNITS: { status: 403, title: "The entry is not owned by one of the token's organisational units" },
  OWNER_UNIT_REQUIRED: { status: 422, title: 'The entry needs an owner unit, and the token holds several' },
  NOT_FOUND: { status: 404, title: 'No such resource' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed on this route' },
  DUPLICATE: { status: 409, title: 'A resource with the same unique value exists' },
  STILL_REFERENCED: { status: 409, title: 'The resource is still linked from elsewhere' },
  READ_ONLY: { status: 409, title: 'The resource is reference data and cannot be changed' },
  PRECONDITION_FAILED: { status: 412, title: 'The resource has changed since it was read' },
  PRECONDITION_REQUIRED: { status: 428, title: 'The change needs an If-Match header' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'The Idempotency-Key was used for a different request' },
  IDEMPOTENCY_KEY_IN_USE: { status: 409, title: 'A request with this Idempotency-Key is still being processed' },
  UNKNOWN_REFERENCE: { status: 422, title: 'The request refers to resources that do not exist or do not fit' },
  IMPORT_INVALID: { status: 422, title: 'The import file has errors; nothing was imported' },
  WEBHOOK_TARGET_REFUSED: { status: 422, title: 'The webhook URL may not be used as a delivery target' },
  REVIEW_STATE_CONFLICT: { status: 409, title: 'The activity is not in the review state this step starts from' },
  FOUR_EYES_REQUIRED: { status: 403, title: 'Approval needs a second person: the last editor may not approve' },
  IMPORT_CONFLICT: { status: 409, title: 'The import would overwrite entries that differ; nothing was imported' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  DATABASE_UNAVAILABLE: { status: 503, title: 'The database is not available' },
  OVERLOADED: { status: 503, title: 'The service is overloaded' },
  SHUTTING_DOWN: { status: 503, title: 'The service is shutting down' },
  AUTH_KEYS_UNAVAILABLE: { status: 503, title: 'The token signing keys are not available' },
  INTERNAL: { status: 500, title: 'Internal server error' },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

/** One offending field: where it is (JSON Pointer into the request part) and why. */
export interface FieldError {
  in: 'body' | 'query' | 'params' | 'headers';
  path: string;
  message: string;
}

/** A resource that still links to the one being deleted. */
export interface Referrer {
  resource: string;
  id: string;
  name: string;
}

/** An import file's problem (see src/import/problems.ts). */
export interface ImportProblemDetail {
  row: number | null;
  column: string | null;
  path: string | null;
  /** YAML: the line and column of `path` in the file. */
  position?: { line: number; column: number };
  value: string | null;
  message: string;
}

/** An entry an import would change, and the fields that differ. */
export interface ImportConflictDetail {
  resource: string;
  name: string;
  fields: string[];
}

export interface ProblemExtras {
  errors?: FieldError[];
  referencedBy?: Referrer[];
  problems?: ImportProblemDetail[];
  conflicts?: ImportConflictDetail[];
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(detail);
    this.name = 'AppError';
    this.status = errorCatalogue[code].status;
  }
}

export const notFound = (resource: string, id: string) => new AppError('NOT_FOUND', `No ${resource} with id ${id}.`);

export const validationFailed = (errors: FieldError[], detail?: string) =>
  new AppError('VALIDATION_FAILED', detail ?? `${errors.length} field${errors.length === 1 ? ' is' : 's are'} not valid.`, { errors });

export const unknownReference = (errors: FieldError[]) =>
  new AppError('UNKNOWN_REFERENCE', `${errors.length} reference${errors.length === 1 ? '' : 's'} could not be resolved.`, { errors });

export interface Problem extends ProblemExtras {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  instance?: string;
}

export function problemFor(code: ErrorCode, detail: string, extras: ProblemExtras = {}, instance?: string): Problem {
  const { status, title } = errorCatalogue[code];
  return {
    type: `urn:problem:processing-register:${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    code,
    detail,
    ...(instance ? { instance } : {}),
    ...extras,
  };
}
