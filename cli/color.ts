import { styleText } from 'node:util';

type Style = Parameters<typeof styleText>[0];

/** Paints text for a terminal, or leaves it plain. */
export type Paint = (style: Style, text: string) => string;

export const plain: Paint = (_style, text) => text;

/**
 * Colours only for a person at a terminal: never when the output is piped or redirected, never
 * with NO_COLOR set to anything (no-color.org), never on a `dumb` terminal. FORCE_COLOR is not
 * honoured on purpose: scripts parse this output.
 */
export function paintFor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): Paint {
  const wanted = stream.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  // The decision is made here, for the stream given, not by styleText's own look at stdout.
  return wanted ? (style, text) => styleText(style, text, { validateStream: false }) : plain;
}
