import { z } from 'zod';
import { CodedError } from '../shared/domain/coded-error.js';
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
  /** Name of the Secrets Manager secret holding `{ signingSecret, botToken }`. */
  readonly slackSecretName: string;
  readonly emailSubscribers: readonly EmailSubscriber[];
  /** Receives the CloudWatch alarms; required when `retainData` is true. */
  readonly opsEmail?: string;
  /** Alerts at or above this escalation level go to `executive` email subscribers. */
  readonly executiveLevel: number;
  /** Keep the table, logs and secrets when the stack is deleted (and protect the table). */
  readonly retainData: boolean;
  /** Only CloudWatch alarms whose name starts with this reach the cloudwatch source; all when unset. */
  readonly cloudwatchAlarmPrefix?: string;
}

export class InfraConfigError extends CodedError {
  readonly code = 'INVALID_INFRA_CONFIG';

  constructor(
    readonly issues: FieldIssue[],
    readonly stage: string,
  ) {
    super(
      `Invalid infrastructure configuration for stage '${stage}' (cdk.json context "stages.${stage}" ` +
        `or -c key=value), ${describeIssues(issues)}`,
    );
  }
}

/** The keys a stage may set; they may also be given one by one on the command line. */
export const CONFIG_KEYS = [
  'slackSecretName',
  'emailSubscribers',
  'opsEmail',
  'executiveLevel',
  'retainData',
  'cloudwatchAlarmPrefix',
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

/**
 * Keys that used to be stage settings and now live only in the commitments YAML, so that the
 * schedules have one source that `sla apply` changes at once.
 */
const MOVED_TO_YAML: Record<string, string> = {
  timezone: 'timezone',
  evaluateEvery: 'evaluation.every',
  digestSchedule: 'digest.schedule',
};

const stageConfigSchema = z.strictObject({
  stage: z.string().regex(/^[a-z][a-z0-9-]{0,19}$/, 'must be lower-case letters, digits and dashes'),
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
  // An empty value is the placeholder cdk.json ships with: it means "not set yet".
  opsEmail: z.preprocess((value) => (value === '' ? undefined : value), z.email().optional()),
  executiveLevel: z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1'),
  retainData: z.boolean({ error: 'must be true or false' }),
  // CloudWatch's own alphabet and length for an alarm name; empty is cdk.json's "not set".
  cloudwatchAlarmPrefix: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string({ error: 'must be the start of CloudWatch alarm names, such as sla-' })
      .max(255, 'must be at most 255 characters, the length of an alarm name')
      .refine((prefix) => ![...prefix].some(isControlCharacter), {
        message: 'must not hold control characters, which alarm names cannot',
      })
      .optional(),
  ),
});

export function defaultStageConfig(stage: string) {
  return {
    stage,
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
  const moved = Object.keys({ ...perStage, ...commandLineKeys(context) })
    .filter((key) => key in MOVED_TO_YAML)
    .map((key) => ({
      path: key,
      message:
        `is no longer a stage setting: the schedules read \`${MOVED_TO_YAML[key]}\` from the commitments ` +
        'YAML (applied with `sla apply`); remove it from cdk.json',
    }));
  if (moved.length > 0) throw new InfraConfigError(moved, stage);
  const parsed = stageConfigSchema.safeParse({ ...defaultStageConfig(stage), ...perStage, ...overrides });
  if (!parsed.success) throw new InfraConfigError(issuesFromZod(parsed.error), stage);
  const config = parsed.data;
  if (config.retainData && config.opsEmail === undefined) {
    throw new InfraConfigError(
      [
        {
          path: 'opsEmail',
          message:
            'is required for a stage that keeps data (retainData: true), so that someone receives its ' +
            `CloudWatch alarms: set "opsEmail" in cdk.json context "stages.${stage}" (or -c opsEmail=you@your-company.com)`,
        },
      ],
      stage,
    );
  }
  return config;
}

function commandLineKeys(context: ContextReader): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(MOVED_TO_YAML)
      .filter((key) => context(key) !== undefined)
      .map((key) => [key, true]),
  );
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

function isControlCharacter(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
