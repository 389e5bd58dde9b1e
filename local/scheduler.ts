import { BadRequestError } from '../shared/app/errors.js';
import { isoInstant } from '../shared/domain/instant-format.js';
import type { Instant } from '../shared/domain/model.js';
import { localTimeWords } from '../shared/presentation/local-time-words.js';
import type { LocalClock } from './local-clock.js';

/**
 * A schedule of the local runtime, like one EventBridge Scheduler schedule in AWS. Its due times
 * come from `settings`, read afresh before each step, so a newly applied configuration counts at once.
 */
export interface LocalJob<S> {
  name: string;
  /** The first instant strictly after `after` at which the job falls due, or undefined for never. */
  nextAfter(after: Instant, settings: S): Instant | undefined;
  run(at: Instant, settings: S): Promise<void>;
}

/**
 * Runs the local schedules off the one clock. Moving the clock forward runs every job that falls
 * due on the way, in time order, with the clock set to each due instant (as if the time had really
 * passed); while the clock runs by itself, a timer runs whatever has come due. The due instants are
 * computed from the settings, not found by stepping through the time in between, so a month's move
 * costs one settings read per run.
 */
export class LocalScheduler<S = undefined> {
  /** When each job last fell due (jobs due at the same instant all run, in the order given). */
  private readonly lastRun = new Map<string, Instant>();
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(
    private readonly clock: LocalClock,
    private readonly jobs: LocalJob<S>[],
    private readonly onError: (job: string, error: unknown) => void,
    private readonly loadSettings: () => Promise<S> = async () => undefined as S,
  ) {
    for (const job of jobs) this.lastRun.set(job.name, clock.now());
  }

  /** Serializes clock moves and job runs: one at a time, in the order asked. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runDue(until: Instant): Promise<Array<{ job: string; at: string }>> {
    const ran: Array<{ job: string; at: string }> = [];
    // A stop ends a long clock move after the job in hand, instead of replaying the rest of it.
    while (!this.stopping) {
      let settings: S;
      try {
        settings = await this.loadSettings();
      } catch (error) {
        this.onError('schedule', error);
        break;
      }
      let earliest: { job: LocalJob<S>; at: Instant } | undefined;
      for (const job of this.jobs) {
        const at = job.nextAfter(this.lastRun.get(job.name) ?? this.clock.now(), settings);
        if (at !== undefined && at <= until && (!earliest || at < earliest.at)) earliest = { job, at };
      }
      if (!earliest) break;
      if (earliest.at > this.clock.now()) this.clock.advance(earliest.at - this.clock.now());
      this.lastRun.set(earliest.job.name, earliest.at);
      try {
        await earliest.job.run(earliest.at, settings);
        ran.push({ job: earliest.job.name, at: isoInstant(earliest.at) });
      } catch (error) {
        this.onError(earliest.job.name, error);
      }
    }
    return ran;
  }

  /**
   * Moves the clock forward to `to` (never back), running every job due on the way. `zone` is the
   * one people read the refusal's time in.
   */
  moveTo(
    to: Instant,
    zone = 'UTC',
  ): Promise<{ from: string; to: string; ran: Array<{ job: string; at: string }> }> {
    return this.exclusive(async () => {
      const from = this.clock.now();
      // Checked here, in turn, so that of two concurrent moves the later-asked one is judged fairly.
      if (to < from) {
        throw new BadRequestError(
          `the local clock only moves forward (it is ${localTimeWords(from, zone)})`,
          'to',
        );
      }
      const ran = await this.runDue(to);
      if (to > this.clock.now()) this.clock.advance(to - this.clock.now());
      return { from: isoInstant(from), to: isoInstant(this.clock.now()), ran };
    });
  }

  /** Starts the timer that runs jobs as the clock passes them at normal speed. */
  start(intervalMs = 5_000): void {
    this.timer = setInterval(() => {
      void this.exclusive(() => this.runDue(this.clock.now()));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops running jobs after the one in hand (synchronous, so a shutdown can say it first). */
  halt(): void {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
  }

  async stop(): Promise<void> {
    this.halt();
    await this.queue;
  }
}

/** A scheduler as its users see it, whatever settings its jobs read. */
export type Schedules = Pick<LocalScheduler<unknown>, 'moveTo' | 'start' | 'halt' | 'stop'>;
