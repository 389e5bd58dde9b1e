import { IANAZone } from 'luxon';
import { z } from 'zod';
import { describeIssues, type FieldIssue, issuesFromZod } from '../shared/domain/validation-error.js';

/**
 * Who gets alert emails, and which alerts. `executive` means breaches and anything at or above
 * the top escalation level; `departments` means alerts whose provider is one of them.
 */
export type EmailFilter = 'all' | 'executive' | { readonly departments: readonly string[] };

export interface EmailSubscriber {
  readonly email: string;
  readonly filter: EmailFilter;
  /** Also receives the weekly digest by email. */
  readonly digest: boolean;
}

/** Everything that differs between deployments of the stack (`-c stage=prod`). */
export interface StageConfig {
  readonly stage: string;
  /** IANA zone the digest schedule runs in. */
  readonly timezone: string;
  /** Minutes between evaluator runs. */
  readonly evaluateEvery: number;
  /** EventBridge Scheduler cron expression, read in `timezone`. */
  readonly digestSchedule: string;
  /** Name of the Secrets Manager secret holding `{ signingSecret, botToken }`. */
  readonly slackSecretName: string;
  readonly emailSubscribers: readonly EmailSubscriber[];
  /** Receives the CloudWatch alarms, when set. */
  readonly opsEmail?: string;
  /** Alerts at or above this escalation level go to `executive` email subscribers. */
  readonly executiveLevel: number;
  /** Keep the table, logs and secrets when the stack is deleted (and protect the table). */
  readonly retainData: boolean;
}

export class InfraConfigError extends Error {
  readonly code = 'INVALID_INFRA_CONFIG';

  constructor(
    readonly issues: FieldIssue[],
    readonly stage: string,
  ) {
    super(
      `Invalid infrastructure configuration for stage '${stage}' (cdk.json context "stages.${stage}" ` +
        `or -c key=value), ${describeIssues(issues)}`,
    );
    this.name = 'InfraConfigError';
  }
}

/** The keys a stage may set; they may also be given one by one on the command line. */
export const CONFIG_KEYS = [
  'timezone',
  'evaluateEvery',
  'digestSchedule',
  'slackSecretName',
  'emailSubscribers',
  'opsEmail',
  'executiveLevel',
  'retainData',
] as const;

const departmentId = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be a department id such as marketing');

const emailFilterSchema = z.union(
  [z.literal('all'), z.literal('executive'), z.strictObject({ departments: z.array(departmentId).min(1) })],
  { error: "must be 'all', 'executive' or { departments: [...] }" },
);

const emailSubscriberSchema = z.strictObject({
  email: z.email(),
  filter: emailFilterSchema.optional().default('all'),
  digest: z.boolean().optional().default(false),
});

// Scheduler cron has six fields: minutes hours day-of-month month day-of-week year.
const CRON = /^cron\((\S+\s+){5}\S+\)$/;

const stageConfigSchema = z.strictObject({
  stage: z.string().regex(/^[a-z][a-z0-9-]{0,19}$/, 'must be lower-case letters, digits and dashes'),
  timezone: z
    .string()
    .refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone such as America/New_York'),
  evaluateEvery: z
    .number({ error: 'must be a whole number of minutes' })
    .int('must be a whole number of minutes')
    .min(1, 'must be at least 1 minute')
    .max(1440, 'must be at most 1440 minutes (a day)'),
  digestSchedule: z.string().regex(CRON, 'must be a Scheduler cron expression such as cron(0 8 ? * MON *)'),
  slackSecretName: z
    .string()
    .regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, 'must be a Secrets Manager name (letters, digits, /_+=.@-)'),
  emailSubscribers: z.array(emailSubscriberSchema).superRefine((subscribers, ctx) => {
    const seen = new Set<string>();
    subscribers.forEach((subscriber, index) => {
      const key = subscriber.email.toLowerCase();
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: [index, 'email'],
          message: `is listed twice; merge the two entries`,
        });
      seen.add(key);
    });
  }),
  opsEmail: z.email().optional(),
  executiveLevel: z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1'),
  retainData: z.boolean({ error: 'must be true or false' }),
});

export function defaultStageConfig(stage: string) {
  return {
    stage,
    timezone: 'America/New_York',
    evaluateEvery: 15,
    digestSchedule: 'cron(0 8 ? * MON *)',
    slackSecretName: `sla-tracker/${stage}/slack`,
    emailSubscribers: [],
    executiveLevel: 3,
    retainData: stage === 'prod',
  };
}

/** How the CDK app exposes its context; `app.node.tryGetContext` fits. */
export type ContextReader = (key: string) => unknown;

/**
 * Reads the stage config: defaults, then `stages.<stage>` from cdk.json, then single keys given
 * with `-c key=value`. Command-line values arrive as strings, so JSON-looking ones are parsed.
 */
export function readStageConfig(context: ContextReader): StageConfig {
  const stage = String(context('stage') ?? 'dev');
  const stages = context('stages');
  const declared = isRecord(stages) ? stages : {};
  const perStage = declared[stage];
  if (isRecord(stages) && perStage === undefined) {
    const known = Object.keys(stages).join(', ');
    throw new InfraConfigError(
      [
        {
          path: 'stage',
          message: `'${stage}' is not declared in cdk.json context "stages" (known: ${known})`,
        },
      ],
      stage,
    );
  }
  if (perStage !== undefined && !isRecord(perStage)) {
    throw new InfraConfigError(
      [{ path: `stages.${stage}`, message: 'must be an object of settings' }],
      stage,
    );
  }
  const overrides: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const value = context(key);
    if (value !== undefined) overrides[key] = fromCommandLine(value);
  }
  const parsed = stageConfigSchema.safeParse({ ...defaultStageConfig(stage), ...perStage, ...overrides });
  if (!parsed.success) throw new InfraConfigError(issuesFromZod(parsed.error), stage);
  return parsed.data;
}

function fromCommandLine(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (!/^(\[|\{|true$|false$|-?\d)/.test(text)) return value;
  try {
    return JSON.parse(text);
  } catch {
    // Left as text so the schema names the key and says what it expected.
    return value;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
