import { describe, expect, it } from 'vitest';
import { describeError } from '../../../local/describe-error.js';

class StoreDownError extends Error {
  readonly code = 'ECONNREFUSED';
  override name = 'StoreDownError';
}

describe('describeError', () => {
  it('opens the { error } wrapper the API handler logs, instead of printing [object Object]', () => {
    const line = describeError({ error: new StoreDownError('connect ECONNREFUSED 127.0.0.1:8000') });
    expect(line).not.toContain('[object Object]');
    expect(line.split('\n')[0]).toBe('StoreDownError: connect ECONNREFUSED 127.0.0.1:8000');
    expect(line).toMatch(/\n\s+at /);
  });

  it('adds a code the message does not carry, and the cause', () => {
    const error = new Error('request failed', {
      cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    });
    expect(describeError(error)).toMatch(
      /^Error: request failed\n[\s\S]*caused by: Error: socket hang up \(ECONNRESET\)/,
    );
  });

  it('prints other objects as JSON and anything else as text', () => {
    expect(describeError({ status: 503 })).toBe('{"status":503}');
    expect(describeError('plain')).toBe('plain');
  });
});
