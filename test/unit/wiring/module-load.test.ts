/**
 * What a cold start runs before the first event: the import of a function's entry point. These
 * checks keep two costly things out of it: building zod schemas (each runs many constructors)
 * and creating Intl formatters (the first one loads the runtime's locale data). Requests that
 * need them build them on first use. (Which packages a cold start reads at all is checked on the
 * bundles, in test/infra/cold-path.test.ts.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FUNCTION_NAMES } from '../../../infra/function-catalog.js';

const seen = vi.hoisted(() => ({ schemas: [] as string[], intl: [] as string[] }));

vi.mock('zod', async (importOriginal) => {
  const z = await importOriginal<Record<string, unknown>>();
  // Every lower-case export is a schema factory (`z.object`, `z.string`…) or a helper; counting
  // their calls counts the schemas built. Classes and namespaces are passed through untouched.
  const counted = Object.fromEntries(
    Object.entries(z).map(([name, value]) =>
      typeof value === 'function' && /^[a-z]/.test(name)
        ? [
            name,
            (...args: unknown[]) => {
              seen.schemas.push(`z.${name}`);
              return (value as (...a: unknown[]) => unknown)(...args);
            },
          ]
        : [name, value],
    ),
  );
  return counted;
});

const ENV = {
  AWS_REGION: 'us-east-1',
  TABLE_NAME: 'sla-test',
  ALERTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:alerts',
  DIGESTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:digests',
  SLACK_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:slack',
  SOURCES_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:sources',
  POWERTOOLS_SERVICE_NAME: 'sla-test',
};

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** Wraps `owner[key]` so each call (or `new`) is recorded first. */
function watch(owner: object, key: string, what: string): void {
  const methods = owner as Record<string, Method>;
  const original = methods[key] as Method;
  const wrapped = function (this: unknown, ...args: unknown[]) {
    const caller = new Error().stack?.split('\n').find((line) => /\/(shared|functions)\//.test(line));
    seen.intl.push(`${what}${caller ? ` at ${caller.trim()}` : ''}`);
    return new.target ? Reflect.construct(original, args) : original.apply(this, args);
  };
  vi.spyOn(methods, key).mockImplementation(wrapped);
}

/** Records each Intl formatter made and each locale-aware call, with where it came from. */
function watchIntl(): void {
  for (const name of ['DateTimeFormat', 'NumberFormat', 'Collator', 'PluralRules', 'RelativeTimeFormat']) {
    watch(Intl, name, `Intl.${name}`);
  }
  watch(Number.prototype, 'toLocaleString', 'Number#toLocaleString');
  watch(Date.prototype, 'toLocaleString', 'Date#toLocaleString');
  watch(String.prototype, 'localeCompare', 'String#localeCompare');
}

beforeEach(() => {
  for (const [name, value] of Object.entries(ENV)) vi.stubEnv(name, value);
  vi.resetModules();
  seen.schemas = [];
  seen.intl = [];
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('loading a function (its cold start)', () => {
  for (const name of FUNCTION_NAMES) {
    it(`${name}: builds no schema and makes no Intl formatter`, async () => {
      watchIntl();
      const module = (await import(`../../../functions/${name}/index.ts`)) as { handler: unknown };
      vi.restoreAllMocks();
      expect(typeof module.handler).toBe('function');
      expect.soft(seen.schemas).toEqual([]);
      expect.soft(seen.intl).toEqual([]);
    }, 60_000);
  }
});
