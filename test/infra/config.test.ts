import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InfraConfigError, readStageConfig } from '../../infra/config.js';
import { REPOSITORY_ROOT } from '../../infra/sla-tracker-stack.js';

const STAGES = {
  dev: { retainData: false },
  prod: {
    retainData: true,
    opsEmail: 'ops@example.com',
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
      slackSecretName: 'sla-tracker/dev/slack',
      emailSubscribers: [],
      executiveLevel: 3,
      retainData: false,
    });
  });

  it('layers the stage block over the defaults and fills subscriber defaults', () => {
    const config = readStageConfig(reader({ stage: 'prod', stages: STAGES }));
    expect(config.opsEmail).toBe('ops@example.com');
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
        executiveLevel: '2',
        retainData: 'false',
        opsEmail: 'ops2@example.com',
        emailSubscribers: '[{"email":"a@example.com"}]',
      }),
    );
    expect(config.executiveLevel).toBe(2);
    expect(config.retainData).toBe(false);
    expect(config.opsEmail).toBe('ops2@example.com');
    expect(config.emailSubscribers).toEqual([{ email: 'a@example.com', filter: 'all', digest: false }]);
  });

  it('works without any stages block (every stage on defaults), prod retaining data', () => {
    const config = readStageConfig(reader({ stage: 'prod', opsEmail: 'ops@example.com' }));
    expect(config.retainData).toBe(true);
  });

  it('names the key and says what to fix', () => {
    const error = errorOf({ stage: 'prod', stages: STAGES, executiveLevel: '0' });
    expect(error.code).toBe('INVALID_INFRA_CONFIG');
    expect(error.issues).toEqual([{ path: 'executiveLevel', message: 'must be at least 1' }]);
    expect(error.message).toContain("stage 'prod'");
    expect(error.message).toContain('executiveLevel: must be at least 1');
  });

  const NO_SUBSCRIBER =
    'is required for a stage that keeps data (retainData: true), so that someone receives its CloudWatch ' +
    'alarms: set "opsEmail" in cdk.json context "stages.prod" (or -c opsEmail=you@your-company.com)';

  it.each([
    ['absent', { retainData: true }],
    ['left empty, as cdk.json ships it', { retainData: true, opsEmail: '' }],
  ])('refuses a stage that keeps data when the alarms have no subscriber (opsEmail %s)', (_how, prod) => {
    const error = errorOf({ stage: 'prod', stages: { prod } });
    expect(error.issues).toEqual([{ path: 'opsEmail', message: NO_SUBSCRIBER }]);
  });

  it("refuses to synthesize this repository's prod stage until its opsEmail is filled in", () => {
    const cdkJson = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'cdk.json'), 'utf8'));
    const context = { ...cdkJson.context, stage: 'prod' };
    expect(() => readStageConfig((key) => context[key])).toThrow(NO_SUBSCRIBER);
    expect(readStageConfig((key) => ({ ...context, opsEmail: 'ops@example.com' })[key]).opsEmail).toBe(
      'ops@example.com',
    );
  });

  it('lets a disposable stage go without an ops subscriber', () => {
    expect(readStageConfig(reader({ stage: 'dev', stages: STAGES })).opsEmail).toBeUndefined();
  });

  it.each([
    ['evaluateEvery', 15, 'evaluation.every'],
    ['digestSchedule', 'cron(0 8 ? * MON *)', 'digest.schedule'],
    ['timezone', 'Europe/Berlin', 'timezone'],
  ])('says %s now lives in the YAML, in cdk.json or on the command line', (key, value, yamlKey) => {
    const message =
      `is no longer a stage setting: the schedules read \`${yamlKey}\` from the commitments YAML ` +
      '(applied with `sla apply`); remove it from cdk.json';
    expect(errorOf({ stages: { dev: { [key]: value } } }).issues).toEqual([{ path: key, message }]);
    expect(errorOf({ stages: STAGES, [key]: String(value) }).issues).toEqual([{ path: key, message }]);
  });

  it('reports every bad key at once, with paths into lists', () => {
    const error = errorOf({
      stages: {
        dev: {
          slackSecretName: 'has spaces',
          opsEmail: 'ops',
          emailSubscribers: [
            { email: 'a@example.com' },
            { email: 'not-an-address' },
            { email: 'A@example.com', filter: 'executives' },
          ],
        },
      },
    });
    expect(error.issues).toEqual([
      { path: 'slackSecretName', message: 'must be a Secrets Manager name (letters, digits, /_+=.@-)' },
      { path: 'emailSubscribers[1].email', message: 'must be an email address' },
      { path: 'emailSubscribers[2].filter', message: "must be 'all', 'executive' or { departments: [...] }" },
      { path: 'opsEmail', message: 'must be an email address' },
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
    const error = errorOf({ stages: STAGES, executiveLevel: 'top' });
    expect(error.issues).toEqual([{ path: 'executiveLevel', message: 'must be a whole number' }]);
  });
});

describe('cloudwatchAlarmPrefix', () => {
  it('is unset by default and when cdk.json leaves it empty, and read from the stage or the command line', () => {
    expect(readStageConfig(reader({ stages: STAGES }))).not.toHaveProperty('cloudwatchAlarmPrefix');
    const empty = { ...STAGES, dev: { ...STAGES.dev, cloudwatchAlarmPrefix: '' } };
    expect(readStageConfig(reader({ stages: empty })).cloudwatchAlarmPrefix).toBeUndefined();
    const staged = { ...STAGES, dev: { ...STAGES.dev, cloudwatchAlarmPrefix: 'sla-' } };
    expect(readStageConfig(reader({ stages: staged })).cloudwatchAlarmPrefix).toBe('sla-');
    expect(
      readStageConfig(reader({ stages: staged, cloudwatchAlarmPrefix: 'web-' })).cloudwatchAlarmPrefix,
    ).toBe('web-');
  });

  it('refuses a prefix no alarm name could start with, naming the key', () => {
    expect(errorOf({ stages: STAGES, cloudwatchAlarmPrefix: 'a'.repeat(256) }).issues).toEqual([
      {
        path: 'cloudwatchAlarmPrefix',
        message: 'must be at most 255 characters, the length of an alarm name',
      },
    ]);
    expect(errorOf({ stages: STAGES, cloudwatchAlarmPrefix: 'sla-\n' }).issues).toEqual([
      {
        path: 'cloudwatchAlarmPrefix',
        message: 'must not hold control characters, which alarm names cannot',
      },
    ]);
  });
});
