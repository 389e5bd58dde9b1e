import { CodedError } from '../coded-error.js';
import type { Measure } from '../model.js';

/** A definition reached the judge without a field its measure needs (validation should prevent it). */
export class IncompleteDefinitionError extends CodedError {
  readonly code = 'INCOMPLETE_DEFINITION';
  constructor(
    readonly commitmentId: string,
    readonly field: string,
  ) {
    super(`Commitment ${commitmentId} has no ${field}, which its measure needs to be judged`);
  }
}

/** The aggregate handed in was recorded for another measure than the definition's. */
export class AggregateMismatchError extends CodedError {
  readonly code = 'AGGREGATE_MISMATCH';
  constructor(
    readonly commitmentId: string,
    readonly expected: Measure,
    readonly received: Measure,
  ) {
    super(`Commitment ${commitmentId} is measured as ${expected} but got a ${received} aggregate`);
  }
}

/** An instant that cannot be written in the commitment's zone (NaN, or a zone Luxon does not know). */
export class InvalidInstantError extends CodedError {
  readonly code = 'INVALID_INSTANT';
  constructor(
    readonly at: number,
    readonly zone: string,
  ) {
    super(`Cannot express instant ${at} in time zone ${zone}`);
  }
}
