import { DateTime, Duration } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  type AlertState,
  AlertStateMismatchError,
  acknowledge,
  decideEscalation,
  type EscalationDecision,
  InvalidSnoozeError,
  initialAlertState,
  NoOpenAlertError,
  nextEscalationAt,
  snooze,
} from '../../../shared/domain/escalation.js';
import type { BusinessCalendar, EscalationStep, Status } from '../../../shared/domain/model.js';

const NY = 'America/New_York';
const eightToSix = [{ start: 8 * 60, end: 18 * 60 }];
const business: BusinessCalendar = {
  name: 'business',
  zone: NY,
  hours: { 1: eightToSix, 2: eightToSix, 3: eightToSix, 4: eightToSix, 5: eightToSix, 6: [], 7: [] },
  holidays: ['2026-11-26', '2026-12-25'],
};
const hours = (n: number) => Duration.fromObject({ hours: n }).toMillis();
// The default policy of the example configuration.
const policy: EscalationStep[] = [
  { after: '0h', afterMs: hours(0), notify: ['provider'] },
  { after: '8h', afterMs: hours(8), notify: ['provider.lead', 'consumer'] },
  { after: '24h', afterMs: hours(24), notify: ['executives'] },
];

/** New York wall time, e.g. `2026-11-04T10:00` (a Wednesday). */
const at = (local: string) => DateTime.fromISO(local, { zone: NY }).toMillis();

/** One commitment's alert, driven the way the evaluator drives it: keeping the state of each decision. */
function alert(options: { calendar?: BusinessCalendar; steps?: EscalationStep[]; period?: string } = {}) {
  const period = options.period ?? '2026-11';
  const steps = options.steps ?? policy;
  let state: AlertState | undefined;
  const input = (status: Status, local: string, final: boolean) => ({
    state,
    commitmentId: 'mql',
    period,
    status,
    final,
    steps,
    zone: NY,
    now: at(local),
    ...('calendar' in options
      ? options.calendar
        ? { calendar: options.calendar }
        : {}
      : { calendar: business }),
  });
  return {
    evaluate(status: Status, local: string, final = false): EscalationDecision {
      const decision = decideEscalation(input(status, local, final));
      state = decision.state;
      return decision;
    },
    /** The kinds and levels sent by one evaluation, e.g. `['escalated@2']`. */
    sent(status: Status, local: string, final = false): string[] {
      return this.evaluate(status, local, final).notifications.map((n) => `${n.kind}@${n.level}`);
    },
    ack(by: string, local: string, note?: string) {
      state = acknowledge(state, by, at(local), note);
      return state;
    },
    snooze(by: string, untilLocal: string, local: string) {
      state = snooze(state, by, at(untilLocal), at(local));
      return state;
    },
    get state(): AlertState {
      if (state === undefined) throw new Error('not evaluated yet');
      return state;
    },
    nextEscalation(): number | null {
      return nextEscalationAt(this.state, steps, 'calendar' in options ? options.calendar : business, NY);
    },
  };
}

describe('entering at risk', () => {
  it('notifies level 1 once, then waits 8 business hours to escalate to level 2', () => {
    const mql = alert();
    const opened = mql.evaluate('at_risk', '2026-11-04T10:00');
    expect(opened.notifications).toEqual([
      {
        dedupKey: 'mql#2026-11#1#1#at_risk',
        kind: 'at_risk',
        severity: 'warning',
        level: 1,
        commitmentId: 'mql',
        period: '2026-11',
        episode: 1,
        notify: ['provider'],
        status: 'at_risk',
      },
    ]);
    expect(opened.state).toMatchObject({
      level: 1,
      episode: 1,
      openedAt: at('2026-11-04T10:00'),
      revision: 1,
    });
    // Wed 10:00-18:00 is the whole 8 hours, so the escalation waits for Thursday's opening.
    expect(mql.nextEscalation()).toBe(at('2026-11-05T08:00'));

    const quarterLater = mql.evaluate('at_risk', '2026-11-04T10:15');
    expect(quarterLater).toEqual({ state: opened.state, notifications: [], changed: false });
    expect(mql.sent('at_risk', '2026-11-04T17:45')).toEqual([]);

    const escalated = mql.evaluate('at_risk', '2026-11-05T10:00');
    expect(escalated.notifications).toMatchObject([
      { dedupKey: 'mql#2026-11#1#2#escalated', severity: 'warning', notify: ['provider.lead', 'consumer'] },
    ]);
    expect(escalated.state).toMatchObject({ level: 2, revision: 2, lastNotifiedAt: at('2026-11-05T10:00') });
    expect(mql.nextEscalation()).toBe(at('2026-11-06T14:00'));
  });

  it('counts business hours over the weekend: opened Friday 16:00, escalates Monday 14:00', () => {
    const mql = alert();
    expect(mql.sent('at_risk', '2026-11-06T16:00')).toEqual(['at_risk@1']);
    expect(mql.nextEscalation()).toBe(at('2026-11-09T14:00'));
    expect(mql.sent('at_risk', '2026-11-06T17:59')).toEqual([]);
    expect(mql.sent('at_risk', '2026-11-07T12:00')).toEqual([]);
    expect(mql.sent('at_risk', '2026-11-09T13:45')).toEqual([]);
    expect(mql.sent('at_risk', '2026-11-09T14:00')).toEqual(['escalated@2']);
  });

  it('skips holidays: opened the day before Thanksgiving at 16:00, escalates Friday 14:00', () => {
    const mql = alert();
    mql.evaluate('at_risk', '2026-11-25T16:00');
    expect(mql.sent('at_risk', '2026-11-26T12:00')).toEqual([]);
    expect(mql.sent('at_risk', '2026-11-27T13:45')).toEqual([]);
    expect(mql.sent('at_risk', '2026-11-27T14:00')).toEqual(['escalated@2']);
  });

  it('jumps over several overdue steps with one notification for the highest', () => {
    const mql = alert();
    mql.evaluate('at_risk', '2026-11-04T10:00');
    // The evaluator was down until Monday: 30 business hours have passed, both steps are due.
    const late = mql.evaluate('at_risk', '2026-11-09T10:00');
    expect(late.notifications).toMatchObject([
      { dedupKey: 'mql#2026-11#1#3#escalated', level: 3, notify: ['executives'] },
    ]);
    expect(late.state.level).toBe(3);
    expect(mql.nextEscalation()).toBeNull();
    expect(mql.sent('at_risk', '2026-11-10T10:00')).toEqual([]);
  });

  it('does not open an alert for a period that has already closed', () => {
    const mql = alert();
    expect(mql.evaluate('at_risk', '2026-12-01T09:00', true).changed).toBe(true);
    expect(mql.state).toMatchObject({ level: 0, episode: 0, lastStatus: 'at_risk' });
  });
});

describe('quiet hours', () => {
  it('holds a due escalation found at 03:00 until the 08:00 run', () => {
    const mql = alert();
    mql.evaluate('at_risk', '2026-11-04T10:00');
    const night = mql.evaluate('at_risk', '2026-11-05T03:00');
    expect(night.changed).toBe(false);
    expect(night.notifications).toEqual([]);
    expect(mql.sent('at_risk', '2026-11-05T07:59')).toEqual([]);
    expect(mql.sent('at_risk', '2026-11-05T08:00')).toEqual(['escalated@2']);
  });

  it('tells a breach found at midnight on the 1st at 08:00, not at midnight', () => {
    const mql = alert();
    mql.evaluate('on_track', '2026-11-30T17:00');
    expect(mql.evaluate('breached', '2026-12-01T00:00', true).changed).toBe(false);
    expect(mql.sent('breached', '2026-12-01T08:00', true)).toEqual(['breached@3']);
  });

  it('does not open an alert or recover one while the calendar is closed', () => {
    const mql = alert();
    expect(mql.sent('at_risk', '2026-11-07T11:00')).toEqual([]);
    expect(mql.state.level).toBe(0);
    expect(mql.sent('at_risk', '2026-11-09T08:00')).toEqual(['at_risk@1']);
    expect(mql.sent('on_track', '2026-11-09T19:00')).toEqual([]);
    expect(mql.sent('on_track', '2026-11-10T08:00')).toEqual(['recovered@1']);
  });

  it('has no quiet hours and counts wall time when the commitment has no calendar', () => {
    const mql = alert({ calendar: undefined });
    expect(mql.sent('at_risk', '2026-11-07T03:00')).toEqual(['at_risk@1']);
    expect(mql.nextEscalation()).toBe(at('2026-11-07T11:00'));
    expect(mql.sent('at_risk', '2026-11-07T10:59')).toEqual([]);
    expect(mql.sent('at_risk', '2026-11-07T11:00')).toEqual(['escalated@2']);
    expect(mql.sent('at_risk', '2026-11-08T03:00')).toEqual(['escalated@3']);
  });
});

describe('acknowledging', () => {
  it('stops escalation, but a later breach still notifies the top level', () => {
    const mql = alert();
    mql.evaluate('at_risk', '2026-11-04T10:00');
    const acked = mql.ack('U0MKTLEAD', '2026-11-04T11:00', 'on it');
    expect(acked).toMatchObject({
      acknowledgedBy: 'U0MKTLEAD',
      acknowledgedAt: at('2026-11-04T11:00'),
      note: 'on it',
      revision: 2,
    });
    expect(mql.nextEscalation()).toBeNull();
    expect(mql.sent('at_risk', '2026-11-05T10:00')).toEqual([]);
    expect(mql.sent('at_risk', '2026-11-09T10:00')).toEqual([]);
    const breach = mql.evaluate('breached', '2026-11-09T10:15');
    // A breach reaches every step of the ladder, not only its top.
    expect(breach.notifications).toMatchObject([
      {
        kind: 'breached',
        severity: 'critical',
        level: 3,
        notify: ['provider', 'provider.lead', 'consumer', 'executives'],
      },
    ]);
    // Acknowledging the risk is not acknowledging the breach.
    expect(breach.state.acknowledgedBy).toBeUndefined();
  });

  it('is idempotent for the same person and taken over by someone else', () => {
    const mql = alert();
    mql.evaluate('at_risk', '2026-11-04T10:00');
    const first = mql.ack('U0MKTLEAD', '2026-11-04T11:00', 'on it');
    expect(acknowledge(first, 'U0MKTLEAD', at('2026-11-04T11:05'))).toBe(first);
    expect(acknowledge(first, 'U0MKTLEAD', at('2026-11-04T11:05'), 'on it')).toBe(first);
    expect(acknowledge(first, 'U0MKTLEAD', at('2026-11-04T11:05'), 'called sales')).toMatchObject({
      acknowledgedAt: at('2026-11-04T11:00'),
      note: 'called sales',
      revision: first.revision + 1,
    });
    const other = acknowledge(first, 'U0REP1', at('2026-11-04T12:00'));
    expect(other).toMatchObject({ acknowledgedBy: 'U0REP1', acknowledgedAt: at('2026-11-04T12:00') });
    expect(other.note).toBeUndefined();
  });

  it('refuses when no alert is open', () => {
    expect(() => acknowledge(undefined, 'U0MKTLEAD', at('2026-11-04T11:00'))).toThrow(NoOpenAlertError);
    const mql = alert();
    mql.evaluate('on_track', '2026-11-04T10:00');
    expect(() => mql.ack('U0MKTLEAD', '2026-11-04T11:00')).toThrow(
      expect.objectContaining({ code: 'NO_OPEN_ALERT' }),
    );
  });
});

describe('snoozing', () => {
  it('delays escalation until the snooze ends, then counts from the opening again', () => {
    const mql = alert();
    mql.evaluate('at_risk', '2026-11-04T10:00');
    mql.snooze('U0MKTLEAD', '2026-11-06T12:00', '2026-11-04T11:00');
    expect(mql.state).toMatchObject({ snoozedBy: 'U0MKTLEAD', snoozedUntil: at('2026-11-06T12:00') });
    expect(mql.nextEscalation()).toBe(at('2026-11-06T12:00'));
    expect(mql.sent('at_risk', '2026-11-05T10:00')).toEqual([]);
    expect(mql.sent('at_risk', '2026-11-06T11:45')).toEqual([]);
    // Overdue since Thursday 08:00: escalates at once. 22 business hours: not yet the 24h step.
    expect(mql.sent('at_risk', '2026-11-06T12:00')).toEqual(['escalated@2']);
    expect(mql.sent('at_risk', '2026-11-06T14:00')).toEqual(['escalated@3']);
  });

  it('shows the next opening when the snooze ends while the calendar is closed', () => {
    const mql = alert();
    mql.evaluate('at_risk', '2026-11-04T10:00');
    mql.snooze('U0MKTLEAD', '2026-11-07T10:00', '2026-11-04T11:00');
    expect(mql.nextEscalation()).toBe(at('2026-11-09T08:00'));
  });

  it('is idempotent and rejects a past or too distant end', () => {
    const mql = alert();
    expect(() => snooze(undefined, 'U0X', at('2026-11-05T10:00'), at('2026-11-04T10:00'))).toThrow(
      NoOpenAlertError,
    );
    mql.evaluate('at_risk', '2026-11-04T10:00');
    const snoozed = mql.snooze('U0X', '2026-11-05T10:00', '2026-11-04T11:00');
    expect(snooze(snoozed, 'U0X', at('2026-11-05T10:00'), at('2026-11-04T11:01'))).toBe(snoozed);
    const now = at('2026-11-04T11:00');
    expect(() => snooze(snoozed, 'U0X', now, now)).toThrow(InvalidSnoozeError);
    expect(() => snooze(snoozed, 'U0X', at('2026-12-04T12:00'), now)).toThrow(
      expect.objectContaining({ code: 'INVALID_SNOOZE' }),
    );
    expect(snooze(snoozed, 'U0X', at('2026-12-04T11:00'), now).snoozedUntil).toBe(at('2026-12-04T11:00'));
  });
});

describe('breach', () => {
  it('jumps straight to the top level, once per period', () => {
    const mql = alert();
    mql.evaluate('at_risk', '2026-11-04T10:00');
    const breach = mql.evaluate('breached', '2026-11-04T11:00');
    expect(breach.notifications).toEqual([
      expect.objectContaining({
        dedupKey: 'mql#2026-11#1#3#breached',
        severity: 'critical',
        status: 'breached',
      }),
    ]);
    expect(breach.state).toMatchObject({ level: 3, episode: 1, breachNotified: true });
    expect(mql.sent('breached', '2026-11-04T11:15')).toEqual([]);
    // A breach is not undone by getting back on track, and the outcome needs no new at-risk alert.
    expect(mql.sent('on_track', '2026-11-05T10:00')).toEqual([]);
    expect(mql.sent('at_risk', '2026-11-05T11:00')).toEqual([]);
    expect(mql.state.level).toBe(3);
    expect(mql.sent('breached', '2026-12-01T08:00', true)).toEqual([]);
  });

  it('opens an alert at the top level when none was open', () => {
    const mql = alert();
    mql.evaluate('on_track', '2026-11-04T10:00');
    const breach = mql.evaluate('breached', '2026-11-04T11:00');
    expect(breach.notifications.map((n) => n.dedupKey)).toEqual(['mql#2026-11#1#3#breached']);
    expect(breach.state).toMatchObject({ level: 3, episode: 1, openedAt: at('2026-11-04T11:00') });
  });
});

describe('recovery and met', () => {
  it('sends recovered at the current level to everyone the alert reached, and closes the alert', () => {
    const mql = alert();
    mql.evaluate('at_risk', '2026-11-04T10:00');
    mql.evaluate('at_risk', '2026-11-05T10:00');
    mql.ack('U0MKTLEAD', '2026-11-05T10:30');
    const recovered = mql.evaluate('on_track', '2026-11-05T11:00');
    expect(recovered.notifications).toEqual([
      expect.objectContaining({
        dedupKey: 'mql#2026-11#1#2#recovered',
        severity: 'info',
        notify: ['provider', 'provider.lead', 'consumer'],
      }),
    ]);
    // Closed, but what a continuation of the episode needs is kept for a business day.
    expect(recovered.state).toMatchObject({
      level: 0,
      episode: 1,
      lastStatus: 'on_track',
      recoveredAt: at('2026-11-05T11:00'),
      recoveredLevel: 2,
    });
    expect(mql.nextEscalation()).toBeNull();
    expect(() => mql.ack('U0MKTLEAD', '2026-11-05T11:30')).toThrow(NoOpenAlertError);
  });

  it('opens a second episode with new dedup keys once a business day has passed since the recovery', () => {
    const mql = alert();
    mql.evaluate('at_risk', '2026-11-04T10:00');
    mql.ack('U0MKTLEAD', '2026-11-04T10:30');
    mql.evaluate('on_track', '2026-11-04T12:00');
    // Wednesday 12:00 to Thursday 12:00 is ten business hours: one business day of 08:00-18:00.
    const again = mql.evaluate('at_risk', '2026-11-05T12:00');
    expect(again.notifications.map((n) => n.dedupKey)).toEqual(['mql#2026-11#2#1#at_risk']);
    expect(again.state).not.toHaveProperty('acknowledgedBy');
    expect(again.state).not.toHaveProperty('recoveredAt');
    expect(mql.sent('at_risk', '2026-11-06T09:45')).toEqual([]);
    expect(mql.sent('at_risk', '2026-11-06T10:00')).toEqual(['escalated@2']);
  });

  it('continues the episode when the alert opens again within one business day', () => {
    const mql = alert();
    mql.evaluate('at_risk', '2026-11-04T10:00');
    mql.evaluate('at_risk', '2026-11-05T10:00');
    mql.ack('U0MKTLEAD', '2026-11-05T10:30', 'on it');
    expect(mql.sent('on_track', '2026-11-05T15:15')).toEqual(['recovered@2']);
    // 17:45 the same day, and 09:00 the next morning: both within a business day of 15:15.
    const again = mql.evaluate('at_risk', '2026-11-05T17:45');
    expect(again.notifications).toEqual([
      expect.objectContaining({
        dedupKey: 'mql#2026-11#1.1#2#at_risk',
        kind: 'at_risk',
        level: 2,
        episode: 1,
        continued: 1,
        notify: ['provider', 'provider.lead', 'consumer'],
      }),
    ]);
    // The acknowledgement holds: no new one is needed, and nothing escalates.
    expect(again.state).toMatchObject({
      level: 2,
      episode: 1,
      acknowledgedBy: 'U0MKTLEAD',
      note: 'on it',
      openedAt: at('2026-11-04T10:00'),
    });
    expect(mql.sent('at_risk', '2026-11-09T10:00')).toEqual([]);
    expect(mql.sent('on_track', '2026-11-09T11:00')).toEqual(['recovered@2']);
    expect(mql.evaluate('at_risk', '2026-11-10T09:00').notifications.map((n) => n.dedupKey)).toEqual([
      'mql#2026-11#1.2#2#at_risk',
    ]);
  });

  it('gives every notification of a continued episode its own key, up to the met that ends it', () => {
    const mql = alert();
    // Met, then a correction takes leads away: at risk, recovered, at risk again, met again.
    mql.evaluate('met', '2026-11-20T10:00');
    mql.evaluate('at_risk', '2026-11-20T10:15');
    mql.evaluate('on_track', '2026-11-20T10:30');
    mql.evaluate('at_risk', '2026-11-20T10:45');
    const ended = mql.evaluate('met', '2026-11-20T11:00');
    // The period's met note was sent already; the episode's end is told as a recovery, with a new key.
    expect(ended.notifications.map((n) => n.dedupKey)).toEqual(['mql#2026-11#1.1#1#recovered']);
  });

  it('keeps an open alert open while the evaluation is short of the recovery line', () => {
    const mql = alert();
    mql.evaluate('at_risk', '2026-11-04T10:00');
    const short = (local: string) =>
      decideEscalation({
        state: mql.state,
        commitmentId: 'mql',
        period: '2026-11',
        status: 'on_track',
        final: false,
        steps: policy,
        calendar: business,
        zone: NY,
        now: at(local),
        clearOfRisk: false,
      });
    expect(short('2026-11-04T10:15').changed).toBe(false);
    // Still at risk for escalation: nobody reacted within 8 business hours.
    const held = short('2026-11-05T10:00');
    expect(held.notifications.map((n) => `${n.kind}@${n.level}`)).toEqual(['escalated@2']);
    expect(held.state).toMatchObject({ level: 2, lastStatus: 'at_risk' });
  });

  it('sends one met note per period to the first step', () => {
    const mql = alert();
    mql.evaluate('on_track', '2026-11-18T10:00');
    const met = mql.evaluate('met', '2026-11-20T10:00');
    expect(met.notifications).toEqual([
      expect.objectContaining({
        dedupKey: 'mql#2026-11#0#1#met',
        kind: 'met',
        severity: 'info',
        notify: ['provider'],
      }),
    ]);
    expect(mql.sent('met', '2026-11-20T10:15')).toEqual([]);
    expect(mql.sent('met', '2026-12-01T08:00', true)).toEqual([]);
  });

  it('sends the met note at the close when the target was only met then', () => {
    const mql = alert();
    mql.evaluate('on_track', '2026-11-30T17:00');
    expect(mql.sent('met', '2026-12-01T08:00', true)).toEqual(['met@1']);
  });

  it('sends only the met note when an open alert meets its target, to everyone the alert reached', () => {
    const mql = alert();
    mql.evaluate('at_risk', '2026-11-19T10:00');
    mql.evaluate('at_risk', '2026-11-20T10:00');
    const met = mql.evaluate('met', '2026-11-20T15:00');
    expect(met.notifications).toEqual([
      expect.objectContaining({
        dedupKey: 'mql#2026-11#1#1#met',
        kind: 'met',
        level: 1,
        notify: ['provider', 'provider.lead', 'consumer'],
      }),
    ]);
    expect(mql.state.level).toBe(0);
  });

  it('closes a breached alert on met without a recovered message', () => {
    const mql = alert();
    mql.evaluate('breached', '2026-11-20T10:00');
    expect(mql.sent('met', '2026-12-01T08:00', true)).toEqual(['met@1']);
    expect(mql.state.level).toBe(0);
  });

  it('opens no new at-risk alert in a period already breached', () => {
    const mql = alert();
    mql.evaluate('breached', '2026-11-20T10:00');
    mql.evaluate('met', '2026-11-23T10:00');
    expect(mql.sent('at_risk', '2026-11-24T10:00')).toEqual([]);
    expect(mql.state).toMatchObject({ level: 0, episode: 1, lastStatus: 'at_risk' });
  });
});

describe('bookkeeping', () => {
  it('lets no_data change nothing, even when an escalation is due', () => {
    const mql = alert();
    const opened = mql.evaluate('at_risk', '2026-11-04T10:00');
    expect(mql.evaluate('no_data', '2026-11-09T10:00')).toEqual({
      state: opened.state,
      notifications: [],
      changed: false,
    });
  });

  it('bumps the revision for a status change without notification', () => {
    const mql = alert();
    const first = mql.evaluate('on_track', '2026-11-04T10:00');
    expect(first).toMatchObject({
      changed: true,
      notifications: [],
      state: { revision: 1, lastStatus: 'on_track' },
    });
    expect(mql.evaluate('on_track', '2026-11-04T10:15').state.revision).toBe(1);
  });

  it('starts from the initial state and refuses the state of another period', () => {
    expect(initialAlertState('mql', '2026-11')).toEqual({
      commitmentId: 'mql',
      period: '2026-11',
      episode: 0,
      level: 0,
      lastStatus: 'no_data',
      breachNotified: false,
      metNotified: false,
      revision: 0,
    });
    const input = {
      state: initialAlertState('mql', '2026-10'),
      commitmentId: 'mql',
      period: '2026-11',
      status: 'at_risk' as const,
      final: false,
      steps: policy,
      zone: NY,
      now: at('2026-11-04T10:00'),
    };
    expect(() => decideEscalation(input)).toThrow(AlertStateMismatchError);
  });

  it('tells nobody when the policy has no steps', () => {
    const mql = alert({ steps: [] });
    expect(mql.sent('at_risk', '2026-11-04T10:00')).toEqual([]);
    expect(mql.sent('breached', '2026-11-04T11:00')).toEqual([]);
    expect(mql.state).toMatchObject({ level: 0, lastStatus: 'breached' });
  });
});
