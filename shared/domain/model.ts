/**
 * The domain's vocabulary: the normalized shapes every rule works on.
 *
 * Instants are epoch milliseconds (UTC). Local dates and times only appear where a
 * zone is named next to them; conversions go through Luxon in `periods.ts` and
 * `calendar.ts`, never by adding hours by hand.
 */
import type { SourceDefinition } from './sources/config-sources.js';

/** Epoch milliseconds. */
export type Instant = number;

/** The one door time comes through. Production passes the system clock, tests a fixed one. */
export interface Clock {
  now(): Instant;
}

export const fixedClock = (at: Instant): Clock => ({ now: () => at });

export type Measure = 'total' | 'ratio' | 'duration' | 'availability';
export type PeriodKind = 'week' | 'month' | 'quarter';
export type Pacing = 'calendar' | 'business';
export type Comparator = 'atLeast' | 'atMost';
export type Status = 'on_track' | 'at_risk' | 'breached' | 'met' | 'no_data';
export type ReviewCadence = 'month' | 'quarter' | 'half' | 'year';

/** ISO weekday: 1 = Monday … 7 = Sunday (Luxon's numbering). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Minutes after local midnight, [start, end). `end` may be 1440 (midnight). */
export interface LocalSpan {
  start: number;
  end: number;
}

/** A business calendar, resolved: its zone travels with it so it can be used alone. */
export interface BusinessCalendar {
  name: string;
  zone: string;
  /** Open spans for each ISO weekday; a weekday without spans is closed. Sorted, non-overlapping. */
  hours: Record<Weekday, LocalSpan[]>;
  /** Local dates (`YYYY-MM-DD`) on which the calendar is closed all day. */
  holidays: string[];
}

export interface Department {
  id: string;
  name: string;
  slack: { channel?: string; lead?: string; members: string[] };
  emails: string[];
}

/**
 * Who a step notifies: `provider`, `consumer`, `provider.lead`, `consumer.lead`,
 * a department id (`executives`), or a department's lead (`executives.lead`).
 */
export type NotifyTarget = string;

export interface EscalationStep {
  /** As written, for display (`8h`). */
  after: string;
  /**
   * Milliseconds after the alert opened (after `afterBusinessDays`, when set); business time
   * when the commitment has a calendar.
   */
  afterMs: number;
  /** Whole business days of the commitment's calendar to wait first (`after: 2bd`). */
  afterBusinessDays?: number;
  notify: NotifyTarget[];
}

export interface AtRiskRule {
  /** At risk when projected attainment falls below this share of the target. */
  projectedBelow: number;
  /** …but only once this share of the period has elapsed (no alarms on the 1st). */
  notBefore: number;
  /**
   * An open alert recovers only once projected attainment is back at or above this share of the
   * target (at least `projectedBelow`). Absent means the default margin above the at-risk line,
   * so definitions stored before it existed read the same and plans do not churn.
   */
  recoverAbove?: number;
  /**
   * Objectives only: how many outcomes (ratio), subjects (duration) or open hours of the window
   * (availability) must be judged in the period before the burn rate may warn. Absent means the
   * default (10), for the same reason as `recoverAbove`.
   */
  minEvents?: number;
}

/**
 * A multiwindow burn-rate alert rule (ratio only): it fires while the error budget burns at `rate`
 * or faster over both the long and the short window.
 */
export interface BurnRateRule {
  /** As written (`1h`, `5m`), and in milliseconds. */
  long: string;
  short: string;
  longMs: number;
  shortMs: number;
  rate: number;
  /** The escalation step the alert starts at; absent means the first. */
  level?: number;
}

export interface AlertRules {
  burnRate: BurnRateRule[];
}

/** A service-credit tier. `below` applies to attainment (atLeast and objectives), `above` to atMost. */
export interface CreditTier {
  below?: number;
  above?: number;
  credit: number;
}

/** Revenue / deal size / close rate: the target in units, with the sum shown to people. */
export interface TargetDerivation {
  revenue: number;
  dealSize: number;
  closeRate: number;
  /** The target before rounding up. */
  exact: number;
  /** `10000 / 500 / 0.2 = 100` */
  formula: string;
}

export interface ReviewPolicy {
  cadence: ReviewCadence;
  /** Local date from which reviews are counted; defaults to the first version's date. */
  baseline?: string;
}

/** One commitment's definition, normalized and self-contained (its calendar and policy resolved). */
export interface CommitmentDefinition {
  id: string;
  title: string;
  provider: string;
  consumer: string;
  measure: Measure;
  unit: string;
  period: PeriodKind;
  timezone: string;
  calendar?: BusinessCalendar;
  pacing: Pacing;
  /** total only. */
  comparator: Comparator;
  /**
   * total only: `decimal` when events may carry fractions (revenue in dollars and cents). Absent
   * means whole values (a count of leads), so definitions written before it existed read the same.
   */
  values?: 'decimal';
  /** total: the target amount per period (derived targets are already computed). */
  target?: number;
  derivation?: TargetDerivation;
  /** ratio, duration, availability: the share to achieve (0..1]. */
  objective?: number;
  /** duration: how long each subject may take. */
  threshold?: string;
  thresholdMs?: number;
  atRisk: AtRiskRule;
  /** Alerts besides the at-risk rule; absent when there are none. */
  alerts?: AlertRules;
  escalation: EscalationStep[];
  credits: CreditTier[];
  /** What `credits` count in (top-level `creditUnit`, such as `USD`); absent means `credits`. */
  creditUnit?: string;
  review?: ReviewPolicy;
  /**
   * As written: a local date (`2026-12-01`) or `next-period`. Without it the commitment takes
   * effect when it is created or made active again (see `effective-start.ts`).
   */
  effectiveFrom?: string;
  /** Who may act on this commitment, where it differs from the file's `permissions`. */
  permissions?: Partial<Permissions>;
}

/** What a person may be allowed to do to a commitment. */
export type PermissionAction = 'log' | 'ack' | 'snooze' | 'excuse' | 'approveExcusal';

/**
 * Who may do each action: roles such as `provider`, `consumer.lead`, a department id, `admins`,
 * `notified` (everyone the alert reached) or `causedBy` (the department an excusal blames).
 */
export type Permissions = Record<PermissionAction, string[]>;

export interface DigestSettings {
  weekday: Weekday;
  /** Minutes after local midnight. */
  minute: number;
  /** As written (`mon 08:00`). */
  schedule: string;
  /** A department id whose channel receives the digest. */
  to: string;
}

/** A whole configuration file, validated and normalized. */
export interface SlaConfig {
  timezone: string;
  /** What service credits count in, for people (`credits`, `USD`, `hours of support`). */
  creditUnit?: string;
  calendars: Record<string, BusinessCalendar>;
  departments: Record<string, Department>;
  escalation: EscalationStep[];
  digest: DigestSettings;
  /** How often the evaluator runs, in minutes. */
  evaluateEveryMinutes: number;
  /** Slack user ids who may do everything. */
  admins: string[];
  /** Who may do what, unless a commitment says otherwise. */
  permissions: Permissions;
  /** The senders whose deliveries become events, by name; absent when the file has none. */
  sources?: Record<string, SourceDefinition>;
  commitments: CommitmentDefinition[];
}

/** A calendar-aligned period in a zone: [start, end). */
export interface Period {
  kind: PeriodKind;
  key: string;
  zone: string;
  start: Instant;
  end: Instant;
}

/**
 * Whether an excusal counts: an admin's is approved at once, anyone else's waits for the department
 * it blames. Only approved ones lower targets or pause timers.
 */
export type ExcusalStatus = 'pending' | 'approved' | 'rejected';

/** A window in which the provider could not perform because of the consumer. */
export interface Excusal {
  id: string;
  from: Instant;
  to: Instant;
  causedBy: string;
  reason: string;
  /** Absent on excusals recorded before approvals existed: those were approved. */
  status?: ExcusalStatus;
  /** Who claimed it (a Slack user id, an ARN, `local`). */
  requestedBy?: string;
  /** When it was claimed; absent on excusals claimed before this was recorded. */
  requestedAt?: Instant;
  decidedBy?: string;
  decidedAt?: Instant;
}
