/**
 * Plain-text layout for email: word wrapping and underlined headings. Mail clients may show plain
 * text in a proportional font, so nothing relies on columns lining up.
 */

export const TEXT_WIDTH = 78;

/**
 * Wraps `text` at spaces so that lines stay within `width`, the first line prefixed by `first`,
 * the others by `rest`. A single word longer than a line (a long id) is kept whole, never split.
 */
export function wrap(text: string, first = '', rest = first, width = TEXT_WIDTH): string[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    const candidate = empty ? `${line}${word}` : `${line} ${word}`;
    if (!empty && candidate.length > width) {
      lines.push(line);
      line = `${rest}${word}`;
    } else {
      line = candidate;
    }
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

export function heading(title: string, underline = '-'): string[] {
  return [title, underline.repeat(Math.min(title.length, TEXT_WIDTH))];
}
