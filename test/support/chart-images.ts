/** Reading rendered charts in tests: the SVG's paths and texts, and a PNG decoded far enough to trust. */
import { inflateSync } from 'node:zlib';

export interface SvgText {
  text: string;
  x: number;
  y: number;
}

/** Every `<text>` with its translate position (rotated labels keep their matrix's offset). */
export function svgTexts(svg: string): SvgText[] {
  const texts: SvgText[] = [];
  for (const match of svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)) {
    const attrs = match[1] ?? '';
    const at =
      /transform="translate\(([-\d.]+) ([-\d.]+)\)"/.exec(attrs) ??
      /transform="matrix\([^,]+,[^,]+,[^,]+,[^,]+,([-\d.]+),([-\d.]+)\)"/.exec(attrs);
    texts.push({ text: unescapeXml(match[2] ?? ''), x: Number(at?.[1] ?? 0), y: Number(at?.[2] ?? 0) });
  }
  return texts;
}

const unescapeXml = (text: string) =>
  text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'");

export interface SvgPath {
  d: string;
  stroke?: string;
  dash?: string;
  fill?: string;
}

export function svgPaths(svg: string): SvgPath[] {
  return [...svg.matchAll(/<path([^>]*)>/g)].map((match) => {
    const attrs = match[1] ?? '';
    const attr = (name: string) => new RegExp(` ${name}="([^"]*)"`).exec(attrs)?.[1];
    return { d: attr('d') ?? '', stroke: attr('stroke'), dash: attr('stroke-dasharray'), fill: attr('fill') };
  });
}

/**
 * The y pixel of a value on the vertical value axis, from its labels: the numeric labels that
 * share one x (the axis's column), the first and last of them fixing the scale.
 */
export function valueAxisScale(svg: string) {
  const parse = (text: string) => Number(text.replace(/[,%]/g, ''));
  const numeric = svgTexts(svg).filter((t) => /^-?[\d,.]+%?$/.test(t.text));
  const columns = new Map<number, SvgText[]>();
  for (const t of numeric) columns.set(t.x, [...(columns.get(t.x) ?? []), t]);
  const labels = [...columns.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  const [a, b] = [labels[0], labels.at(-1)];
  if (!a || !b || a === b) throw new Error('the value axis has fewer than two labels');
  const perUnit = (b.y - a.y) / (parse(b.text) - parse(a.text));
  return (value: number) => a.y + (value - parse(a.text)) * perUnit;
}

export interface DecodedPng {
  width: number;
  height: number;
  /** Bytes of the decompressed image data. */
  dataBytes: number;
  bytesPerRow: number;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/** Checks the signature and the chunks, and inflates the image data, as a PNG reader would. */
export function decodePng(bytes: Uint8Array): DecodedPng {
  const buffer = Buffer.from(bytes);
  if (!SIGNATURE.every((byte, i) => buffer[i] === byte)) throw new Error('not a PNG signature');
  let offset = 8;
  let header: { width: number; height: number; depth: number; color: number } | undefined;
  const data: Buffer[] = [];
  let ended = false;
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    const body = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body[8] ?? 0,
        color: body[9] ?? 0,
      };
    }
    if (type === 'IDAT') data.push(body);
    if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  if (!header || !ended) throw new Error('PNG without IHDR or IEND');
  const channels = CHANNELS[header.color];
  if (channels === undefined || header.depth !== 8)
    throw new Error(`unexpected PNG colour type ${header.color}`);
  const bytesPerRow = 1 + header.width * channels;
  return {
    width: header.width,
    height: header.height,
    dataBytes: inflateSync(Buffer.concat(data)).length,
    bytesPerRow,
  };
}
