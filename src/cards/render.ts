/**
 * satori turns a card tree into SVG (text as outlines, so the rasteriser needs no fonts); sharp rasterises it,
 * composites the raster images into their slots and encodes the PNG. sharp, not @resvg/resvg-js: the latter
 * grew by about 3.4 MB per render.
 */
import satori from 'satori';
import sharp, { type OverlayOptions, type PngOptions } from 'sharp';
import type { FontFile } from './fonts.ts';
import type { El, ImageSlot } from './templates.ts';

// One libvips thread per worker: the pool already runs a worker per core, and more threads only contend.
// No operation cache: every card is new, and a cache would only hold memory.
sharp.concurrency(1);
sharp.cache(false);

export type SatoriFont = { name: string; data: Buffer | ArrayBuffer; weight: 400 | 700; style: 'normal' };

export function satoriFonts(files: readonly FontFile[]): SatoriFont[] {
  return files.map((f) => ({ name: f.name, data: f.data, weight: f.weight, style: 'normal' as const }));
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** For each slot a tree may hold, what draws its image at the size the layout gave the box (RGBA pixels). */
export type SlotImages = Partial<Record<ImageSlot, (box: Box) => Promise<Pixels>>>;
export interface Pixels {
  data: Buffer;
  width: number;
  height: number;
}

/** The SVG and where the layout put each image slot. */
export async function renderSvg(tree: El, size: { width: number; height: number }, fonts: SatoriFont[]): Promise<{ svg: string; slots: Map<ImageSlot, Box> }> {
  const slots = new Map<ImageSlot, Box>();
  const svg = await satori(tree as unknown as Parameters<typeof satori>[0], {
    width: size.width,
    height: size.height,
    fonts,
    onNodeDetected: (n) => {
      const slot = (n.props as El['props'])['data-slot'];
      if (slot) slots.set(slot, { left: Math.round(n.left), top: Math.round(n.top), width: Math.round(n.width), height: Math.round(n.height) });
    },
  });
  return { svg, slots };
}

/** Largest PNG a card or poster may be: chat apps and mail gateways recompress or refuse larger images. */
export const MAX_PNG_BYTES = 150 * 1024;

/**
 * PNG encodings, tried in order until one is within MAX_PNG_BYTES (the last is kept whatever its size).
 * Truecolour at zlib level 3 first: about twice as fast as level 6 for about 10 % more bytes (one card: 7.3
 * against 11.8 ms, 71 against 65 KB; one poster: 8.0 against 17.5 ms, 118 against 108 KB). Level 6 takes
 * the few posters that level 3 leaves just over the limit. A poster crowded with long text gets a 256-colour
 * palette at full quality: a card is flat colours and their anti-aliased edges, which 256 colours hold without
 * a visible difference, at about half the size and five to ten times the encoding time.
 */
export const PNG_ENCODINGS: readonly PngOptions[] = [
  { compressionLevel: 3, palette: false },
  { compressionLevel: 6, palette: false },
  { compressionLevel: 6, palette: true, quality: 100, colours: 256 },
];

/** The first of `encodings` whose output is within `max` bytes, else the last one's. */
export async function firstWithin<T>(encodings: readonly T[], encode: (e: T) => Promise<Buffer>, max: number): Promise<Buffer> {
  let out: Buffer | undefined;
  for (const e of encodings) {
    out = await encode(e);
    if (out.length <= max) break;
  }
  if (!out) throw new Error('没有可用的 PNG 编码方式');
  return out;
}

export function svgToPng(svg: string, overlays: OverlayOptions[] = []): Promise<Buffer> {
  const input = Buffer.from(svg);
  return firstWithin(PNG_ENCODINGS, (png) => sharp(input).composite(overlays).png(png).toBuffer(), MAX_PNG_BYTES);
}

/** An image (PNG, or RGBA pixels) scaled to fit `box` (centred, transparent around it), as RGBA pixels of exactly the box's size. */
export async function fitImage(image: Buffer | Pixels, box: Box): Promise<Pixels> {
  const input = Buffer.isBuffer(image) ? sharp(image) : sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } });
  const { data, info } = await input
    .resize(box.width, box.height, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

export async function renderPng(
  tree: El,
  size: { width: number; height: number },
  fonts: SatoriFont[],
  images: SlotImages = {},
): Promise<{ png: Buffer; svgMs: number; pngMs: number }> {
  const t0 = performance.now();
  const { svg, slots } = await renderSvg(tree, size, fonts);
  const t1 = performance.now();
  const overlays: OverlayOptions[] = [];
  for (const [slot, box] of slots) {
    const draw = images[slot];
    // A slot without its image would publish a card with a blank hole where the logo or QR code belongs.
    if (!draw) throw new Error(`卡片里的图片位置“${slot}”没有图片`);
    const px = await draw(box);
    overlays.push({ input: px.data, raw: { width: px.width, height: px.height, channels: 4 }, left: box.left, top: box.top });
  }
  const png = await svgToPng(svg, overlays);
  return { png, svgMs: t1 - t0, pngMs: performance.now() - t1 };
}
