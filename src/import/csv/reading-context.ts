import type { RegisterDocument } from '../register-document';
import type { RegisterBlocks } from './building-blocks';
import type { LegalBasisReader } from './legal-bases';
import type { At, ProblemList } from './problem-list';
import type { ValueChecks } from './values';

/** A transfer whose recipient must be described (with its kind) in some row; known only once every row is read. */
export interface TransferCheck {
  recipient: string;
  where: At;
  value: string;
}

/** What the readers of an activity's columns share while the rows become a register document. */
export interface ReadingContext {
  document: RegisterDocument;
  blocks: RegisterBlocks;
  problems: ProblemList;
  check: ValueChecks;
  legalBasis: LegalBasisReader;
  /** Organisations the register has already: their names may hold ", ", which splits a contact line. */
  knownOrganisations: readonly string[];
  /** Recipients named somewhere but refused (kind missing or wrong): no follow-up problems for them. */
  refusedRecipients: Set<string>;
  transferChecks: TransferCheck[];
}
