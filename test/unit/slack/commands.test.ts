import { describe, expect, it } from 'vitest';
import { parseCommand, type SlaCommand } from '../../../shared/slack/commands.js';

const LEADS = 'marketing-qualified-leads';

describe('parsing /sla', () => {
  const table: Array<[string, SlaCommand]> = [
    ['', { kind: 'mine', public: false }],
    ['   ', { kind: 'mine', public: false }],
    ['public', { kind: 'mine', public: true }],
    ['help', { kind: 'help' }],
    ['HELP', { kind: 'help' }],
    ['?', { kind: 'help' }],
    [`status ${LEADS}`, { kind: 'status', target: LEADS, public: false }],
    [`status ${LEADS} public`, { kind: 'status', target: LEADS, public: true }],
    [`Status Marketing-Qualified-Leads`, { kind: 'status', target: LEADS, public: false }],
    ['status sales', { kind: 'status', target: 'sales', public: false }],
    ['status', { kind: 'invalid', subcommand: 'status', problem: 'name a commitment or a department' }],
    [`log ${LEADS}`, { kind: 'log', commitmentId: LEADS, amount: 1 }],
    [`log ${LEADS} 3`, { kind: 'log', commitmentId: LEADS, amount: 3 }],
    [
      `log ${LEADS} 2.5 webinar follow-ups`,
      { kind: 'log', commitmentId: LEADS, amount: 2.5, note: 'webinar follow-ups' },
    ],
    [`log ${LEADS} +4`, { kind: 'log', commitmentId: LEADS, amount: 4 }],
    [
      `log ${LEADS} from the trade show`,
      { kind: 'log', commitmentId: LEADS, amount: 1, note: 'from the trade show' },
    ],
    [
      `log  ${LEADS}   3   two   spaces`,
      { kind: 'log', commitmentId: LEADS, amount: 3, note: 'two   spaces' },
    ],
    [
      `log ${LEADS} 1 R&amp;D &lt;urgent&gt;`,
      { kind: 'log', commitmentId: LEADS, amount: 1, note: 'R&D <urgent>' },
    ],
    [
      `excuse ${LEADS} 2026-11-09 2026-11-10T12:00 Sales CRM import  broken`,
      {
        kind: 'excuse',
        commitmentId: LEADS,
        from: '2026-11-09',
        to: '2026-11-10T12:00',
        causedBy: 'sales',
        reason: 'CRM import  broken',
      },
    ],
    [
      `excuse ${LEADS} 2026-11-09 2026-11-10`,
      {
        kind: 'invalid',
        subcommand: 'excuse',
        problem: 'name the commitment, from, to, the department that caused it and why',
      },
    ],
    [`excuse ${LEADS}`, { kind: 'excuseForm', commitmentId: LEADS }],
    [`excuse  Marketing-Qualified-Leads  `, { kind: 'excuseForm', commitmentId: LEADS }],
    ['excuse', { kind: 'invalid', subcommand: 'excuse', problem: 'name the commitment' }],
    [
      `excuse ${LEADS} 2026-11-09 2026-11-10 sales`,
      { kind: 'invalid', subcommand: 'excuse', problem: 'say why, in a few words, after the department' },
    ],
    [
      `approve ${LEADS} 3f2a9c1d`,
      { kind: 'decideExcusal', commitmentId: LEADS, excusalId: '3f2a9c1d', decision: 'approve' },
    ],
    [
      `REJECT ${LEADS} 3f2a9c1d`,
      { kind: 'decideExcusal', commitmentId: LEADS, excusalId: '3f2a9c1d', decision: 'reject' },
    ],
    [
      `approve ${LEADS}`,
      {
        kind: 'invalid',
        subcommand: 'approve',
        problem: 'name the commitment and the excusal id (the request message shows it)',
      },
    ],
    [`ack ${LEADS}`, { kind: 'ack', commitmentId: LEADS }],
    [
      `ack ${LEADS} on it, calling the agency`,
      { kind: 'ack', commitmentId: LEADS, note: 'on it, calling the agency' },
    ],
    [`acknowledge ${LEADS}`, { kind: 'ack', commitmentId: LEADS }],
    [`snooze ${LEADS} 4h`, { kind: 'snooze', commitmentId: LEADS, duration: '4h' }],
    [`snooze ${LEADS} 1d`, { kind: 'snooze', commitmentId: LEADS, duration: '1d' }],
    ['frobnicate', { kind: 'unknown', word: 'frobnicate', rest: [] }],
    [LEADS, { kind: 'unknown', word: LEADS, rest: [] }],
    ['sales public', { kind: 'unknown', word: 'sales', rest: ['public'] }],
  ];

  it.each(table)('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each([
    [`log ${LEADS} 0`, 'the amount must be more than 0'],
    [`log ${LEADS} -3`, 'is not an amount'],
    [`log ${LEADS} 1,000`, 'is not an amount'],
    ['log', 'name the commitment'],
    [`snooze ${LEADS}`, 'how long'],
    ['snooze', 'how long'],
    [`snooze ${LEADS} 1d 4h`, 'one word'],
    [`status ${LEADS} sales`, 'one id at a time'],
    ['ack', 'name the commitment'],
  ])('%j is a usage mistake that says what to fix', (text, problem) => {
    const parsed = parseCommand(text);
    expect(parsed.kind).toBe('invalid');
    expect((parsed as { problem: string }).problem).toContain(problem);
  });
});
