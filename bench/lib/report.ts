import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MachineInfo } from './machine.js';
import type { BenchmarkResult, Measurement } from './measurement.js';

export interface SuiteReport {
  generatedAt: string;
  machine: MachineInfo;
  /** Benchmarks of this invocation; others are carried over from the previous results.json. */
  ran: string[];
  /** Every benchmark the suite has. */
  available: string[];
  /** 1, 5 and 15-minute load averages when the suite ended. */
  loadAtEnd: number[];
  benchmarks: Array<BenchmarkResult & { ranAt: string }>;
}

/** Keeps the results of benchmarks not run this time, so `npm run bench -- digest` does not erase the rest. */
export function mergeWithPrevious(path: string, fresh: SuiteReport, order: readonly string[]): SuiteReport {
  let previous: SuiteReport | undefined;
  if (existsSync(path)) {
    try {
      previous = JSON.parse(readFileSync(path, 'utf8')) as SuiteReport;
    } catch {
      previous = undefined;
    }
  }
  const byId = new Map((previous?.benchmarks ?? []).map((b) => [b.id, b]));
  for (const b of fresh.benchmarks) byId.set(b.id, b);
  const benchmarks = order.flatMap((id) => {
    const b = byId.get(id);
    return b ? [b] : [];
  });
  return { ...fresh, benchmarks };
}

export function writeReports(dir: string, report: SuiteReport): { json: string; markdown: string } {
  const json = join(dir, 'results.json');
  const markdown = join(dir, 'results.md');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, renderMarkdown(report));
  return { json, markdown };
}

const fmt = (value: number) =>
  Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : String(value);

function verdictCell(m: Measurement): string {
  if (!m.budget) return '';
  return `${m.budget.met ? '✅ met' : '❌ not met'} (${m.budget.text}; ${m.budget.margin})`;
}

export function summaryRows(report: SuiteReport): string[][] {
  return report.benchmarks.flatMap((b) =>
    b.measurements.map((m) => [
      b.id,
      m.name,
      `${fmt(m.median)} ${m.unit}`,
      `${fmt(m.min)} – ${fmt(m.max)}`,
      m.budget ? (m.budget.met ? 'met' : 'NOT MET') : '',
      m.budget ? `${m.budget.text}; ${m.budget.margin}` : '',
    ]),
  );
}

function table(header: string[], rows: string[][]): string {
  const escapeCell = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ].join('\n');
}

function carriedOver(report: SuiteReport): string {
  const kept = report.benchmarks.filter((b) => !report.ran.includes(b.id)).map((b) => `${b.id} (${b.ranAt})`);
  return kept.length === 0 ? '' : `; kept from an earlier run: ${kept.join(', ')}`;
}

function renderMarkdown(report: SuiteReport): string {
  const m = report.machine;
  const budgets = report.benchmarks.flatMap((b) => b.measurements.filter((x) => x.budget));
  const met = budgets.filter((x) => x.budget?.met).length;
  const lines = [
    '# Benchmark results',
    '',
    `Generated ${report.generatedAt} by \`npm run bench${report.ran.length === report.available.length ? '' : ` -- ${report.ran.join(' ')}`}\`${carriedOver(report)}. ` +
      'Each figure is the median of the runs listed, with min and max; budgets are judged on the median. ' +
      'This is a shared, loaded 2-core machine: ratios measured in one run mean more than absolute times.',
    '',
    '## Machine',
    '',
    table(
      ['', ''],
      [
        ['CPU', `${m.cpuModel}, ${m.cores} cores`],
        ['Memory', `${m.memoryGiB} GiB`],
        ['OS', m.os],
        ['Node', `${m.node} (Lambda runs Node 22)`],
        ['Java (DynamoDB Local)', m.java],
        ['Load average at start (1/5/15 min)', m.loadAtStart.join(' / ')],
        ['Load average at end (1/5/15 min)', report.loadAtEnd.join(' / ')],
        [
          'Packages',
          Object.entries(m.packages)
            .map(([name, v]) => `${name} ${v}`)
            .join(', '),
        ],
      ],
    ),
    '',
    `## Summary: ${met} of ${budgets.length} budgets met`,
    '',
    table(
      ['benchmark', 'measurement', 'median', 'min – max', 'budget', 'limit; margin'],
      summaryRows(report),
    ),
    '',
  ];
  for (const b of report.benchmarks) {
    lines.push(
      `## ${b.title}`,
      '',
      `\`${b.id}\` ran at ${b.ranAt} in ${Math.round(b.durationMs / 1000)} s; load average ${b.load.start} at start, ${b.load.end} at end.`,
      '',
      table(
        ['measurement', 'median', 'min', 'max', 'runs', 'budget'],
        b.measurements.map((x) => [
          x.note ? `${x.name} (${x.note})` : x.name,
          `${fmt(x.median)} ${x.unit}`,
          fmt(x.min),
          fmt(x.max),
          x.runs.map(fmt).join(', '),
          verdictCell(x),
        ]),
      ),
      '',
      ...b.notes.map((note) => `- ${note}`),
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}
