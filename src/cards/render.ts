/**
 * satori turns a card tree into SVG (text as outlines, so the rasteriser needs no fonts); sharp encodes the
 * PNG. sharp, not @resvg/resvg-js: the latter grew by about 3.4 MB per render.
 */
import satori from 'satori';
import sharp from 'sharp';
import type { FontFile } from './fonts.ts';
import type { El } from './templates.ts';

// One libvips thread per worker: the pool already runs a worker per core, and more threads only contend.
// No operation cache: every card is new, and a cache would only hold memory.
sharp.concurrency(1);
sharp.cache(false);

export type SatoriFont = { name: string; data: Buffer | ArrayBuffer; weight: 400 | 700; style: 'normal' };

export function satoriFonts(files: readonly FontFile[]): SatoriFont[] {
  return files.map((f) => ({ name: f.name, data: f.data, weight: f.weight, style: 'normal' as const }));
}

export async function renderSvg(tree: El, size: { width: number; height: number }, fonts: SatoriFont[]): Promise<string> {
  return satori(tree as unknown as Parameters<typeof satori>[0], { width: size.width, height: size.height, fonts });
}

/** Largest PNG a card or poster may be: chat apps and mail gateways recompress or refuse larger images. */
export const MAX_PNG_BYTES = 150 * 1024;

/**
 * Truecolour first: fast, and small enough for almost every card. A card still larger than MAX_PNG_BYTES
 * (a poster crowded with long text) is encoded again with a 256-colour palette at full quality: a card is
 * flat colours and their anti-aliased edges, which 256 colours hold without a visible difference, at about
 * half the size and twice the encoding time.
 */
export async function svgToPng(svg: string): Promise<Buffer> {
  const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 6, palette: false }).toBuffer();
  if (png.length <= MAX_PNG_BYTES) return png;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 6, palette: true, quality: 100, colours: 256 }).toBuffer();
}

export async function renderPng(tree: El, size: { width: number; height: number }, fonts: SatoriFont[]): Promise<{ png: Buffer; svgMs: number; pngMs: number }> {
  const t0 = performance.now();
  const svg = await renderSvg(tree, size, fonts);
  const t1 = performance.now();
  const png = await svgToPng(svg);
  return { png, svgMs: t1 - t0, pngMs: performance.now() - t1 };
}
