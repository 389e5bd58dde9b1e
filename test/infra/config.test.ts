import { describe, expect, it } from 'vitest';
import { InfraConfigError, readStageConfig } from '../../infra/config.js';

const STAGES = {
  dev: { retainData: false },
  prod: {
    retainData: true,
    timezone: 'Europe/Berlin',
    emailSubscribers: [
      { email: 'cfo@example.com', filter: 'executive', digest: true },
      { email: 'marketing-lead@example.com', filter: { departments: ['marketing'] } },
    ],
  },
};

function reader(context: Record<string, unknown>) {
  return (key: string) => context[key];
}

function errorOf(context: Record<string, unknown>): InfraConfigError {
  try {
    readStageConfig(reader(context));
  } catch (error) {
    if (error instanceof InfraConfigError) return error;
    throw error;
  }
  throw new Error('expected an InfraConfigError');
}

describe('readStageConfig', () => {
  it('gives dev the documented defaults', () => {
    expect(readStageConfig(reader({ stages: STAGES }))).toEqual({
      stage: 'dev',
      timezone: 'America/New_York',
      evaluateEvery: 15,
      digestSchedule: 'cron(0 8 ? * MON *)',
      slackSecretName: 'sla-tracker/dev/slack',
      emailSubscribers: [],
      executiveLevel: 3,
      retainData: false,
    });
  });

  it('layers the stage block over the defaults and fills subscriber defaults', () => {
    const config = readStageConfig(reader({ stage: 'prod', stages: STAGES }));
    expect(config.timezone).toBe('Europe/Berlin');
    expect(config.retainData).toBe(true);
    expect(config.slackSecretName).toBe('sla-tracker/prod/slack');
    expect(config.emailSubscribers).toEqual([
      { email: 'cfo@example.com', filter: 'executive', digest: true },
      { email: 'marketing-lead@example.com', filter: { departments: ['marketing'] }, digest: false },
    ]);
  });

  it('lets single -c values (strings on the command line) override the stage block', () => {
    const config = readStageConfig(
      reader({
        stage: 'prod',
        stages: STAGES,
        evaluateEvery: '5',
        retainData: 'false',
        opsEmail: 'ops@example.com',
        emailSubscribers: '[{"email":"a@example.com"}]',
      }),
    );
    expect(config.evaluateEvery).toBe(5);
    expect(config.retainData).toBe(false);
    expect(config.opsEmail).toBe('ops@example.com');
    expect(config.emailSubscribers).toEqual([{ email: 'a@example.com', filter: 'all', digest: false }]);
  });

  it('works without any stages block (every stage on defaults), prod retaining data', () => {
    expect(readStageConfig(reader({ stage: 'prod' })).retainData).toBe(true);
  });

  it('names the key and says what to fix', () => {
    const error = errorOf({ stage: 'prod', stages: STAGES, evaluateEvery: '0' });
    expect(error.code).toBe('INVALID_INFRA_CONFIG');
    expect(error.issues).toEqual([{ path: 'evaluateEvery', message: 'must be at least 1 minute' }]);
    expect(error.message).toContain("stage 'prod'");
    expect(error.message).toContain('evaluateEvery: must be at least 1 minute');
  });

  it('reports every bad key at once, with paths into lists', () => {
    const error = errorOf({
      stages: {
        dev: {
          timezone: 'America/NewYork',
          digestSchedule: 'mon 08:00',
          emailSubscribers: [
            { email: 'a@example.com' },
            { email: 'not-an-address' },
            { email: 'A@example.com', filter: 'executives' },
          ],
        },
      },
    });
    expect(error.issues).toEqual([
      { path: 'timezone', message: 'must be an IANA time zone such as America/New_York' },
      { path: 'digestSchedule', message: 'must be a Scheduler cron expression such as cron(0 8 ? * MON *)' },
      { path: 'emailSubscribers[1].email', message: 'must be an email address' },
      { path: 'emailSubscribers[2].filter', message: "must be 'all', 'executive' or { departments: [...] }" },
    ]);
  });

  it('refuses the same address twice', () => {
    const error = errorOf({
      stages: { dev: { emailSubscribers: [{ email: 'a@example.com' }, { email: 'A@Example.com' }] } },
    });
    expect(error.issues).toEqual([
      { path: 'emailSubscribers[1].email', message: 'is listed twice; merge the two entries' },
    ]);
  });

  it('refuses unknown keys in a stage block, so a typo does not silently fall back to a default', () => {
    const error = errorOf({ stages: { dev: { retainDate: true } } });
    expect(error.issues).toEqual([{ path: 'retainDate', message: "unknown field 'retainDate'" }]);
  });

  it('refuses a stage that cdk.json does not declare', () => {
    const error = errorOf({ stage: 'prd', stages: STAGES });
    expect(error.issues).toEqual([
      { path: 'stage', message: `'prd' is not declared in cdk.json context "stages" (known: dev, prod)` },
    ]);
  });

  it('keeps a command-line value that is not JSON as text, so the schema names it', () => {
    const error = errorOf({ stages: STAGES, evaluateEvery: 'often' });
    expect(error.issues).toEqual([{ path: 'evaluateEvery', message: 'must be a whole number of minutes' }]);
  });
});
