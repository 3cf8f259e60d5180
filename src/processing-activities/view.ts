import type { ProcessingActivityCreate, ProcessingActivityResponse } from './dto';

/**
 * A processing activity as the API represents it — as the read model builds it, the export
 * assembles it, and the audit trail recorded it (where its timestamps are text). Its shape is
 * the response DTO's: one definition of it.
 */
export type ActivityView = ProcessingActivityResponse;

/** A create or update request body: the request DTO's shape. */
export type ActivityInput = Partial<ProcessingActivityCreate>;
