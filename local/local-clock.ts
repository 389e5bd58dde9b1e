import type { Clock, Instant } from '../shared/domain/model.js';

/**
 * The local runtime's one clock: it starts at `SLA_CLOCK` (or real time), runs at normal speed,
 * and can be moved forward (never back) so a month can be replayed in seconds.
 */
export class LocalClock implements Clock {
  private offset: number;

  constructor(
    start: Instant | undefined,
    private readonly real: () => Instant = Date.now,
  ) {
    this.offset = start === undefined ? 0 : start - real();
  }

  now(): Instant {
    return this.real() + this.offset;
  }

  /** Moves the clock forward by `ms` (>= 0). */
  advance(ms: number): Instant {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the local clock only moves forward');
    this.offset += ms;
    return this.now();
  }
}
