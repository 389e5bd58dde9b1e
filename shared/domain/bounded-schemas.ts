/**
 * Zod building blocks for text and numbers that stay within the limits of `limits.ts`. Every
 * message names the limit itself, and a value past its length is refused before anything
 * costlier (a pattern, a did-you-mean search) looks at it.
 */
import * as z from 'zod';
import {
  formatLimit,
  isWellFormed,
  MAX_NUMBER,
  MIN_FRACTION,
  tooLongMessage,
  WELL_FORMED_MESSAGE,
} from './limits.js';

/**
 * A string of at most `max` characters that is well-formed Unicode. `error` words the message
 * for a value that is missing or not text at all.
 */
export function boundedString(max: number, error?: z.core.$ZodStringParams['error']) {
  return z
    .string(error === undefined ? undefined : { error })
    .max(max, { message: tooLongMessage(max), abort: true })
    .refine(isWellFormed, { message: WELL_FORMED_MESSAGE, abort: true });
}

/** A check for any parsed document: the path of every string or key that is not well-formed. */
export function malformedTextPaths(
  value: unknown,
  path: Array<string | number> = [],
): Array<string | number>[] {
  if (typeof value === 'string') return isWellFormed(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => malformedTextPaths(item, [...path, index]));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    isWellFormed(key) ? malformedTextPaths(item, [...path, key]) : [[...path, key]],
  );
}

const atMost = (max: number) => `must be at most ${formatLimit(max)}`;
const tinyMessage = (zeroAllowed: boolean) =>
  `must be ${zeroAllowed ? '0 or ' : ''}at least ${formatLimit(MIN_FRACTION)} in size`;

/**
 * A number in the config: finite, within ±MAX_NUMBER (or `max`), and 0 or at least MIN_FRACTION
 * in size, so that DynamoDB stores it exactly and sums of it stay exact.
 */
export function boundedNumber(
  error: z.core.$ZodNumberParams['error'],
  bounds: {
    min?: { value: number; inclusive: boolean; message: string };
    max?: number;
    maxMessage?: string;
  } = {},
) {
  const max = bounds.max ?? MAX_NUMBER;
  let schema = z.number({ error });
  if (bounds.min !== undefined) {
    schema = bounds.min.inclusive
      ? schema.gte(bounds.min.value, { message: bounds.min.message, abort: true })
      : schema.gt(bounds.min.value, { message: bounds.min.message, abort: true });
  } else {
    schema = schema.gte(-MAX_NUMBER, {
      message: `must be at least -${formatLimit(MAX_NUMBER)}`,
      abort: true,
    });
  }
  return schema
    .lte(max, { message: bounds.maxMessage ?? atMost(max), abort: true })
    .refine((value) => value === 0 || Math.abs(value) >= MIN_FRACTION, {
      message: tinyMessage(bounds.min === undefined || bounds.min.value < 0 || bounds.min.inclusive),
    });
}
