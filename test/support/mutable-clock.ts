import type { Clock, Instant } from '../../shared/domain/model.js';

/** A clock tests move by hand. */
export class MutableClock implements Clock {
  private at: Instant;
  constructor(start: string | Instant) {
    this.at = typeof start === 'string' ? Date.parse(start) : start;
  }
  now(): Instant {
    return this.at;
  }
  set(at: string | Instant): void {
    this.at = typeof at === 'string' ? Date.parse(at) : at;
  }
  advance(ms: number): void {
    this.at += ms;
  }
}
