/**
 * SVG to PNG through resvg compiled to WebAssembly: the same code on x86 laptops and arm64 Lambda,
 * with no native binary to build per platform. The module is initialised once per process and the
 * fonts are read once; both are kept as promises so concurrent first renders share them.
 */
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { readChartAsset } from './chart-assets.js';

let ready: Promise<Uint8Array[]> | undefined;

function prepare(): Promise<Uint8Array[]> {
  ready ??= (async () => {
    const [wasm, regular, semiBold] = await Promise.all([
      readChartAsset('wasm'),
      readChartAsset('regular'),
      readChartAsset('semiBold'),
    ]);
    await initWasm(wasm);
    return [regular, semiBold];
  })();
  // A failed start (a missing file) is not kept: the next render tries again and says why.
  ready.catch(() => {
    ready = undefined;
  });
  return ready;
}

export async function svgToPng(svg: string, width: number): Promise<Uint8Array> {
  const fontBuffers = await prepare();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    background: '#ffffff',
    // Only these fonts: WebAssembly cannot read the system's, so the output is the same everywhere.
    font: { fontBuffers, defaultFontFamily: 'Inter', sansSerifFamily: 'Inter' },
  });
  try {
    const image = resvg.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
