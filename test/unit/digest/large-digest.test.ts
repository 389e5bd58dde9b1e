import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestFormat } from '../../../shared/app/digest.js';
import type { Digest } from '../../../shared/app/digest-rendering.js';
import { buildDigest } from '../../../shared/app/digest-rendering.js';
import type { DigestCommitmentInput, DigestInput } from '../../../shared/domain/digest/digest-types.js';
import type { Evaluation } from '../../../shared/domain/evaluate.js';
import type { Department, ReviewCadence, Status } from '../../../shared/domain/model.js';
import {
  closedResult,
  definition,
  department,
  excusal,
  fridaySnapshots,
  input,
  ny,
  ZONE,
} from './digest-fixtures.js';
import { slackLimitViolations } from './slack-limits.js';

const STATUSES: Status[] = ['on_track', 'at_risk', 'breached', 'met', 'no_data'];
const CADENCES: ReviewCadence[] = ['month', 'quarter', 'half', 'year'];

// Words up to 14 characters (some with Slack markup characters) make titles of 1 to 40 words.
const word = fc.stringMatching(/^[A-Za-z&<>$%.'-]{1,14}$/);
const title = fc.array(word, { minLength: 1, maxLength: 40 }).map((w) => w.join(' '));

const departmentsArb = fc
  .uniqueArray(fc.stringMatching(/^[a-z]{2,12}$/), { minLength: 12, maxLength: 12 })
  .chain((ids) =>
    fc
      .tuple(
        ...ids.map(() =>
          fc.tuple(
            title.map((t) => t.slice(0, 40)),
            fc.boolean(),
          ),
        ),
      )
      .map((names) =>
        Object.fromEntries(
          ids.map((id, i) => {
            const [name, hasLead] = names[i] as [string, boolean];
            return [id, department(id, name.trim() || id, hasLead ? `U0${id.toUpperCase()}` : undefined)];
          }),
        ),
      ),
  );

const commitmentArb = fc.record({
  title,
  status: fc.constantFrom(...STATUSES),
  measure: fc.constantFrom('total', 'duration', 'availability', 'ratio' as const),
  provider: fc.nat(),
  consumer: fc.nat(),
  actual: fc.double({ min: 0, max: 500, noNaN: true }),
  projected: fc.option(fc.double({ min: 0, max: 500, noNaN: true })),
  excusedBy: fc.option(fc.nat()),
  cadence: fc.constantFrom(...CADENCES),
  createdDaysAgo: fc.integer({ min: 1, max: 800 }),
  weeks: fc.array(fc.option(fc.double({ min: 0, max: 300, noNaN: true })), { maxLength: 6 }),
  lastCredit: fc.option(fc.integer({ min: 0, max: 20 })),
});

function companyOf(
  departments: Record<string, Department>,
  specs: Array<typeof commitmentArb extends fc.Arbitrary<infer T> ? T : never>,
  credits: number[],
): DigestInput {
  const ids = Object.keys(departments);
  const pick = (n: number) => ids[n % ids.length] as string;
  const asOf = ny('2026-11-16T08:00');
  const commitments: DigestCommitmentInput[] = specs.map((spec, i) => {
    const id = `c${String(i).padStart(4, '0')}-${pick(spec.provider)}`;
    const provider = pick(spec.provider);
    const consumer = pick(spec.consumer + (pick(spec.consumer) === provider ? 1 : 0));
    const def = definition(id, provider, consumer, {
      title: spec.title,
      measure: spec.measure,
      ...(spec.measure === 'total' ? {} : { objective: 0.95 }),
      review: { cadence: spec.cadence },
    });
    let evaluation: Evaluation = {
      commitmentId: id,
      period: '2026-11',
      measure: spec.measure,
      status: spec.status,
      actual: spec.actual,
      target: 100,
      expected: 50,
      projected: spec.projected,
      attainment: spec.actual / 100,
      elapsed: 0.5,
      unit: 'leads',
      evaluatedAt: '2026-11-16T08:00:00-05:00',
    };
    const excusals = [];
    if (spec.excusedBy !== null) {
      const causedBy = pick(spec.excusedBy + (pick(spec.excusedBy) === provider ? 1 : 0));
      evaluation = {
        ...evaluation,
        excused: { share: 0.05, windows: 1, causedBy: [causedBy], originalTarget: 105 },
      };
      excusals.push(
        excusal('2026-11-02T00:00', '2026-11-03T12:00', causedBy, `Waiting on ${causedBy} & co <again>`),
      );
    }
    const extra: Partial<DigestCommitmentInput> = {
      createdAt: asOf - spec.createdDaysAgo * 86_400_000,
      snapshots: fridaySnapshots(id, spec.weeks),
      excusals,
    };
    if (spec.lastCredit !== null)
      extra.lastClosed = closedResult(id, '2026-10', spec.lastCredit > 0 ? 0.7 : 1, spec.lastCredit);
    return input(def, evaluation, extra);
  });
  const ledger = credits.map((credit, i) => ({
    department: pick(i),
    commitmentId: commitments[i % commitments.length]?.definition.id ?? 'x',
    periodKey: i % 3 === 0 ? '2026-09' : i % 3 === 1 ? '2026-10' : '2026-W43',
    credit,
  }));
  return {
    week: '2026-W46',
    zone: ZONE,
    generatedAt: asOf,
    asOf,
    sendsAt: asOf,
    departments,
    commitments,
    ledger,
  };
}

const companyArb = (count: number) =>
  fc
    .tuple(
      departmentsArb,
      fc.array(commitmentArb, { minLength: count, maxLength: count }),
      fc.array(fc.integer({ min: 1, max: 15 }), { maxLength: 40 }),
    )
    .map(([departments, specs, credits]) => companyOf(departments, specs, credits));

const blockTexts = (digest: Digest, part: 'summary' | 'details') =>
  digest.messages
    .filter((m) => m.part === part)
    .flatMap((m) => m.blocks)
    .map((b) =>
      b.type === 'section' || b.type === 'header'
        ? b.text.text
        : b.type === 'context'
          ? b.elements[0]?.text
          : '',
    )
    .join('\n');

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

function countIds(text: string, pattern: RegExp): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of text.matchAll(pattern)) {
    const id = match[1] as string;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

describe('a digest of 300 commitments across 12 departments', () => {
  it('keeps every Slack message within limits, drops nothing and lists every id in the text (15 runs)', () => {
    fc.assert(
      fc.property(companyArb(300), (company) => {
        const digest = buildDigest(company, digestFormat);
        for (const [i, message] of digest.messages.entries()) {
          expect(slackLimitViolations(message), `message ${i}`).toEqual([]);
        }
        // The summary comes first, then its overflow, then the details.
        const parts = digest.messages.map((m) => m.part);
        expect(parts[0]).toBe('summary');
        expect(parts.indexOf('details')).toBe(parts.lastIndexOf('summary') + 1);

        const details = countIds(blockTexts(digest, 'details'), /`([a-z0-9-]+)`/g);
        const inText = countIds(digest.text, /\[([a-z0-9-]+)\]/g);
        for (const c of company.commitments) {
          expect(details.get(c.definition.id), c.definition.id).toBe(1);
          expect(inText.get(c.definition.id), c.definition.id).toBe(1);
        }
        expect(details.size).toBe(300);
        expect(digest.providers.flatMap((p) => p.commitments)).toHaveLength(300);

        // The summary's lists are complete once their overflow replies are counted.
        const summary = blockTexts(digest, 'summary');
        expect(occurrences(summary, ' review due ')).toBe(digest.dueForReview.length);
        expect(occurrences(summary, ' excused, caused by ')).toBe(digest.excused.length);
        for (const line of digest.text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(78);
      }),
      { numRuns: 15 },
    );
  }, 60_000);

  it('repeats a provider heading when its commitments run over into the next reply', () => {
    const [company] = fc.sample(companyArb(300), { seed: 7, numRuns: 1 });
    if (!company) throw new Error('no sample');
    // Everyone provides for the same department: one provider with 300 long entries.
    const one = company.commitments.map((c) => ({ ...c, definition: { ...c.definition, provider: 'solo' } }));
    const digest = buildDigest(
      {
        ...company,
        departments: { ...company.departments, solo: department('solo', 'Solo') },
        commitments: one,
      },
      digestFormat,
    );
    const details = digest.messages.filter((m) => m.part === 'details');
    expect(details.length).toBeGreaterThan(1);
    // This company also has more reviews due than the first message lists: they follow it.
    expect(digest.dueForReview.length).toBeGreaterThan(8);
    const summaries = digest.messages.filter((m) => m.part === 'summary');
    expect(summaries.length).toBeGreaterThan(1);
    expect(JSON.stringify(summaries.slice(1))).toContain(
      `Due for review: ${digest.dueForReview.length - 8} more`,
    );
    details.forEach((m, i) => {
      const first = m.blocks[0];
      expect(first?.type === 'header' && first.text.text).toBe(
        i === 0 ? 'Solo · 300 commitments' : 'Solo (continued)',
      );
      expect(m.text).toBe(`Weekly SLA digest 2026-W46, details ${i + 1} of ${details.length}: Solo`);
    });
  });

  it('builds 1,000 commitments quickly (measured, not asserted)', () => {
    const [company] = fc.sample(companyArb(1000), { seed: 42, numRuns: 1 });
    if (!company) throw new Error('no sample');
    const started = performance.now();
    const digest = buildDigest(company, digestFormat);
    const ms = performance.now() - started;
    console.log(
      `digest of 1,000 commitments: ${ms.toFixed(0)} ms, ${digest.messages.length} Slack messages, ` +
        `${digest.text.split('\n').length} text lines`,
    );
    expect(digest.headline.total).toBe(1000);
  });
});

describe('the Slack limit checker', () => {
  const section = (n: number) => ({ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(n) } });
  it('accepts a message at the limits and flags one past them', () => {
    const header = { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(150) } };
    expect(
      slackLimitViolations({
        text: 'ok',
        blocks: [header, ...Array.from({ length: 49 }, () => section(3000))],
      }),
    ).toEqual([]);
    expect(
      slackLimitViolations({ text: 'ok', blocks: Array.from({ length: 51 }, () => section(10)) }),
    ).toEqual(['51 blocks']);
    expect(
      slackLimitViolations({
        text: '',
        blocks: [section(3001), { ...header, text: { type: 'plain_text', text: 'h'.repeat(151) } }],
      }),
    ).toEqual([
      'no fallback text',
      'block 0 (section): section 3001 chars',
      'block 1 (header): header 151 chars',
    ]);
  });
});
