import { CHART_KINDS, isChartKind } from '../../shared/domain/charts/chart-model.js';
import { type ParsedArgs, positionals, stringOption } from '../args.js';
import { type Command, commitmentPath } from '../command.js';
import { UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';

const FORMATS = { '.svg': 'image/svg+xml', '.png': 'image/png' } as const;

/** The file's format, from its extension: the chart's route and what the file will hold agree. */
function formatOf(file: string): '.svg' | '.png' {
  const extension = /\.[^./\\]+$/.exec(file)?.[0]?.toLowerCase();
  if (extension === '.svg' || extension === '.png') return extension;
  throw new UsageError(
    `-o ${file}: the file must end in .svg or .png (the format is chosen by the extension)`,
    'chart',
  );
}

function kindOf(args: ParsedArgs): string {
  const kind = stringOption(args, 'kind') ?? 'burnup';
  if (!isChartKind(kind)) {
    throw new UsageError(`--kind must be one of ${CHART_KINDS.join(', ')}, got '${kind}'`, 'chart');
  }
  return kind;
}

export const chartCommand: Command = {
  name: 'chart',
  summary: "a commitment's burn-up, history or error-budget chart as SVG or PNG",
  help: `Usage: sla chart COMMITMENT -o FILE [--kind burnup|history|budget] [--period KEY]

Draws the chart on the server and writes it to FILE, as SVG or PNG by FILE's extension.

Options:
  -o, --output FILE  where to write the chart (.svg or .png)
  --kind KIND        burnup (the default): the period's progress against its pace and target;
                     history: the last 12 closed periods; budget: the error budget left
                     (objectives only)
  --period KEY       the period to draw (e.g. 2026-11); the current one by default`,
  options: {
    output: { type: 'string', short: 'o' },
    kind: { type: 'string' },
    period: { type: 'string' },
  },
  async run(args, { io, api }) {
    const [commitment] = positionals(args, 'chart', ['COMMITMENT'], 1) as [string];
    const file = stringOption(args, 'output');
    if (file === undefined) throw new UsageError('give the file to write: -o FILE (.svg or .png)', 'chart');
    const extension = formatOf(file);
    const chart = await api.download(commitmentPath(commitment, `/chart${extension}`), {
      query: { kind: kindOf(args), period: stringOption(args, 'period') },
      accept: FORMATS[extension],
    });
    io.writeFile(file, chart.bytes);
    io.stdout(`Wrote ${file} (${chart.bytes.length} bytes).`);
    return EXIT.ok;
  },
};
