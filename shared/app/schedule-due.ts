/**
 * Whether a schedule tick has work to do, by the configuration applied now. The schedules tick on
 * a fixed clock; what runs at a tick is decided here from the YAML, so `sla apply` changes it at
 * once, in AWS and in the local runtime alike.
 */
import { DEFAULT_EVALUATION_MINUTES } from '../domain/config-policy.js';
import { digestWeekAt } from '../domain/digest/schedule.js';
import type { DigestSettings, Instant } from '../domain/model.js';
import { digestDueAt, isEvaluationDue, isValidEvaluationInterval, tickOf } from '../domain/schedule-ticks.js';
import type { CommitmentStore, StoredConfig } from '../ports/commitment-store.js';

/** What the schedules read from the configuration. */
export interface ScheduleSettings {
  zone: string;
  evaluateEveryMinutes: number;
  /** Absent until a configuration is applied: there is no digest department before that. */
  digest?: Pick<DigestSettings, 'weekday' | 'minute'>;
}

export function scheduleSettingsOf(config: StoredConfig | undefined): ScheduleSettings {
  if (!config) return { zone: 'UTC', evaluateEveryMinutes: DEFAULT_EVALUATION_MINUTES };
  // A config stored before the interval had to fit the tick keeps working on the default.
  const every = isValidEvaluationInterval(config.evaluateEveryMinutes)
    ? config.evaluateEveryMinutes
    : DEFAULT_EVALUATION_MINUTES;
  return { zone: config.timezone, evaluateEveryMinutes: every, digest: config.digest };
}

export interface ScheduleTick {
  at: Instant;
  iso: string;
}

/** The tick of a schedule invocation (`{"source":"schedule","scheduledTime":ISO}`), or undefined for any other payload. */
export function scheduleTickOf(event: unknown): ScheduleTick | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const { source, scheduledTime } = event as { source?: unknown; scheduledTime?: unknown };
  if (source !== 'schedule' || typeof scheduledTime !== 'string') return undefined;
  const parsed = Date.parse(scheduledTime);
  if (!Number.isFinite(parsed)) return undefined;
  const at = tickOf(parsed);
  return { at, iso: new Date(at).toISOString() };
}

type ConfigReader = { commitments: Pick<CommitmentStore, 'getConfig'> };

export async function evaluationDueAt(deps: ConfigReader, tick: Instant): Promise<boolean> {
  const settings = scheduleSettingsOf(await deps.commitments.getConfig());
  return isEvaluationDue(settings.evaluateEveryMinutes, settings.zone, tick);
}

/** The week whose digest falls due at `tick`, or undefined when none does. */
export function digestWeekDueAt(settings: ScheduleSettings, tick: Instant): string | undefined {
  if (!settings.digest) return undefined;
  const fire = digestDueAt(settings.digest, settings.zone, tick);
  return fire === undefined ? undefined : digestWeekAt(fire, settings.zone);
}

export async function digestDueWeek(deps: ConfigReader, tick: Instant): Promise<string | undefined> {
  return digestWeekDueAt(scheduleSettingsOf(await deps.commitments.getConfig()), tick);
}
