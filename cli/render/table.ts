import { stripVTControlCharacters } from 'node:util';

/**
 * Plain-text tables for the terminal: a header row, columns padded to their widest cell, numbers
 * right-aligned so that digits line up.
 */
export interface Column<Row> {
  header: string;
  cell: (row: Row) => string;
  align?: 'left' | 'right';
}

export function renderTable<Row>(columns: Column<Row>[], rows: Row[]): string {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)));
  const widths = columns.map((column, index) =>
    Math.max(displayWidth(column.header), ...cells.map((line) => displayWidth(line[index] ?? ''))),
  );
  const format = (line: string[]) =>
    line
      .map((text, index) => pad(text, widths[index] ?? 0, columns[index]?.align ?? 'left'))
      .join('  ')
      .trimEnd();
  return [format(columns.map((c) => c.header)), ...cells.map(format)].join('\n');
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/**
 * Code points, not UTF-16 units: `▓`, `→` and `—` each take one column; colour codes take none.
 */
export function displayWidth(text: string): number {
  return [...stripVTControlCharacters(text)].length;
}
