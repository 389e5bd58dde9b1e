import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  closestMatch,
  describeIssues,
  issuesFromZod,
  joinPath,
  ValidationError,
} from '../../../shared/domain/validation-error.js';

function zodError(schema: z.ZodType, input: unknown): z.ZodError {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the schema to refuse the input');
  return result.error;
}

describe('issuesFromZod on schemas written without our error messages', () => {
  const body = z.strictObject({
    from: z.string(),
    items: z.array(z.object({ amount: z.number().positive() })).min(1),
    kind: z.enum(['good', 'bad']),
  });

  it('writes paths as a.b[2].c and turns zod defaults into what to fix', () => {
    const error = zodError(body, { items: [{ amount: 1 }, { amount: -2 }], kind: 'ugly', color: 'red' });
    expect(issuesFromZod(error, 'events[3]')).toEqual([
      { path: 'events[3].from', message: 'is required' },
      { path: 'events[3].items[1].amount', message: 'must be > 0' },
      { path: 'events[3].kind', message: 'must be one of good, bad' },
      { path: 'events[3].color', message: "unknown field 'color'" },
    ]);
  });

  it('says what type was expected, and what came, when zod reports the input', () => {
    const result = body.safeParse({ from: 5, items: [], kind: 'good' }, { reportInput: true });
    expect(result.success).toBe(false);
    expect(issuesFromZod((result as { error: z.ZodError }).error)).toEqual([
      { path: 'from', message: 'must be text, got 5' },
      { path: 'items', message: 'must not be empty' },
    ]);
  });

  it('keeps messages a schema chose itself', () => {
    const error = zodError(z.object({ n: z.number().max(3, 'at most three, please') }), { n: 4 });
    expect(issuesFromZod(error)).toEqual([{ path: 'n', message: 'at most three, please' }]);
  });
});

describe('helpers', () => {
  it('joins paths', () => {
    expect(joinPath('', 'commitments', 2, 'target', 'derive', 'closeRate')).toBe(
      'commitments[2].target.derive.closeRate',
    );
    expect(joinPath('departments.sales', 'emails', 0)).toBe('departments.sales.emails[0]');
  });

  it('suggests close words only', () => {
    expect(closestMatch('objectve', ['objective', 'threshold'])).toBe('objective');
    expect(closestMatch('unti', ['unit', 'title'])).toBe('unit');
    expect(closestMatch('colour', ['objective', 'threshold'])).toBeUndefined();
  });

  it('describes every issue, with its line when known', () => {
    const error = new ValidationError([
      { path: 'timezone', message: "unknown time zone 'Mars'", line: 1 },
      { path: '', message: 'the configuration is empty' },
    ]);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe(describeIssues(error.issues));
    expect(error.message).toBe(
      "2 problems:\n  timezone: unknown time zone 'Mars' (line 1)\n  the configuration is empty",
    );
  });
});
