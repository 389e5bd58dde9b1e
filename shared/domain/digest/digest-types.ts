/**
 * The weekly executive digest: what goes in (values gathered by `shared/app/digest.ts`) and what
 * comes out (the JSON of `GET /v1/digest`, with the email text and the Slack messages).
 */
import type { ClosedPeriodResult } from '../close.js';
import type { Evaluation } from '../evaluate.js';
import type {
  CommitmentDefinition,
  Department,
  Excusal,
  Instant,
  Measure,
  ReviewCadence,
  Status,
} from '../model.js';

/** Better (`up`), worse (`down`), about the same (`flat`) than a week earlier, or nothing to compare (`new`). */
export type Trend = 'up' | 'down' | 'flat' | 'new';

export interface DigestCommitmentInput {
  /** The definition that governs the evaluated period. */
  definition: CommitmentDefinition;
  /** The state shown: the live evaluation of the current period, or the last one of a past week. */
  evaluation: Evaluation;
  /** When the commitment was first created: the review baseline unless the definition names one. */
  createdAt: Instant;
  /** Daily snapshots, any order; those of the sparkline's weeks are used. */
  snapshots: Array<{ localDate: string; evaluation: Evaluation }>;
  /** The newest closed period, if any. */
  lastClosed?: ClosedPeriodResult;
  /**
   * The excusals recorded on the evaluated period: who caused an excused shortfall and why, and
   * the claims still waiting for the blamed department.
   */
  excusals: Excusal[];
  /**
   * True when no state of the commitment was recorded by the digest's send time (the evaluator was
   * not running yet): `evaluation` is then an empty `no_data` placeholder for its period.
   */
  unrecorded?: boolean;
}

/** A ledger line, as much of it as the digest needs (`LedgerEntry` fits). */
export interface CreditEntry {
  department: string;
  commitmentId: string;
  periodKey: string;
  credit: number;
}

export interface DigestInput {
  /** ISO week reported, `2026-W46`. */
  week: string;
  /** The company's zone: weeks, months and review dates are read in it. */
  zone: string;
  generatedAt: Instant;
  /** The instant the state is shown at: the week's send time once it has passed, else now. */
  asOf: Instant;
  /** When the week's digest is (or was) due to go out, by the digest schedule. */
  sendsAt: Instant;
  departments: Record<string, Department>;
  commitments: DigestCommitmentInput[];
  ledger: CreditEntry[];
  /** What service credits count in (the configuration's `creditUnit`). */
  creditUnit?: string;
}

export interface DigestCommitment {
  id: string;
  title: string;
  measure: Measure;
  consumer: string;
  consumerName: string;
  period: string;
  status: Status;
  attainment: number | null;
  actual: number;
  /** Where the pace says `actual` should be by now (for an objective, the objective itself). */
  expected: number;
  target: number;
  unit: string;
  /** The status figures people read: `62 / 100 leads · expected 70 by now · projected 89`. */
  figures: string;
  /** The direction over the same weeks the sparkline shows. */
  trend: Trend;
  /** One character per week, oldest first, `·` for a week without a judgement. */
  sparkline: string;
  /** How many weeks the trend and the sparkline cover (0 when none has a score yet). */
  trendWeeks: number;
  excused?: { share: number; causedBy: string[]; causedByNames: string[]; originalTarget?: number };
  /** The local date the commitment took effect, when that was inside this period (it is prorated). */
  proratedFrom?: string;
  lastClosed?: {
    period: string;
    status: ClosedPeriodResult['status'];
    attainment: number | null;
    credit: number;
    /** What `credit` counts in; absent in digests built before it was recorded: `credits`. */
    creditUnit?: string;
  };
}

export interface DigestProvider {
  department: string;
  name: string;
  commitments: DigestCommitment[];
}

export interface DepartmentCredits {
  department: string;
  name: string;
  credits: number;
  items: Array<{ commitmentId: string; periodKey: string; credit: number }>;
}

export interface DigestOwner {
  department: string;
  name: string;
  /** The provider's lead (a Slack user id), when the configuration names one. */
  lead?: string;
}

export interface TopRisk {
  commitmentId: string;
  title: string;
  owner: DigestOwner;
  status: Status;
  /** Shortfall as a share of the target, by projection where there is one (0 = none). */
  gap: number;
  /** The same for people: `38 leads short by projection`. */
  gapText: string;
}

export interface ExcusedShortfall {
  commitmentId: string;
  title: string;
  period: string;
  causedBy: string;
  causedByName: string;
  /** Share of the period excused because of `causedBy`, by the commitment's pacing. */
  share: number;
  reason?: string;
  /** totals: the target before and after excused time was taken out. */
  targetBefore?: number;
  targetAfter?: number;
  unit: string;
}

/** A claimed excusal the blamed department has not decided yet: it changes nothing until then. */
export interface PendingExcusal {
  commitmentId: string;
  title: string;
  excusalId: string;
  /** Who claimed it (a Slack user id, an ARN, `local`), when recorded. */
  requestedBy?: string;
  /** The window claimed, ISO-8601 in UTC; read in `timezone`, the commitment's. */
  from: string;
  to: string;
  timezone: string;
  causedBy: string;
  causedByName: string;
  reason: string;
  /** When it was claimed, and whole days since then at the digest's "as of"; absent on older claims. */
  requestedAt?: string;
  ageDays?: number;
}

export interface ReviewDue {
  commitmentId: string;
  title: string;
  cadence: ReviewCadence;
  /** Local date, `YYYY-MM-DD`. */
  dueOn: string;
  /** Days from the digest's date to `dueOn`; negative when overdue. */
  daysLeft: number;
}

export interface DigestContent {
  week: string;
  /** ISO-8601 in the company zone. */
  generatedAt: string;
  asOf: string;
  /** When this week's digest goes (or went) out by the schedule, ISO-8601 in the company zone. */
  sendsAt: string;
  /** True while that time is still ahead: the state shown is the live one, as of now. */
  asOfNow: boolean;
  timezone: string;
  /** The week's first and last local dates. */
  weekFrom: string;
  weekTo: string;
  headline: {
    met: number;
    on_track: number;
    at_risk: number;
    breached: number;
    no_data: number;
    total: number;
  };
  providers: DigestProvider[];
  /**
   * Credits owed for periods that ended in the last closed month (`periodKey`) and in its quarter so
   * far (`quarterKey`): a credit is only owed once a period closes, so "this month" would always be empty.
   */
  credits: {
    /** What the credits count in; absent in digests built before it was recorded: `credits`. */
    unit?: string;
    periodKey: string;
    quarterKey: string;
    period: DepartmentCredits[];
    quarter: DepartmentCredits[];
  };
  excused: ExcusedShortfall[];
  /** Excusals waiting for the department they blame, the longest-waiting first. */
  pendingExcusals: PendingExcusal[];
  topRisks: TopRisk[];
  dueForReview: ReviewDue[];
}
