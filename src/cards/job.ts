/**
 * One card to render: a laid-out tree, its size, its images and the cache file to write. Shared by the worker
 * threads, the in-process path for a handful of cards and the dev server's single card. A poster's QR code is
 * made here, where the card is rendered (on a worker, in parallel), not while planning the build.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeCacheFile } from '../cache/verified.ts';
import { qrPixels } from './qr.ts';
import { fitImage, renderPng, type Box, type Pixels, type SatoriFont, type SlotImages } from './render.ts';
import type { El } from './templates.ts';

export interface CardImages {
  /** The site's logo as a PNG data URI (CardData.logo), for the `logo` slot. */
  logo?: string;
  /** The poster's address, encoded as the QR code in the `qr` slot. */
  qr?: string;
}

export interface Job extends CardImages {
  id: number;
  tree: El;
  width: number;
  height: number;
  /** Where to write the PNG (the cache entry, with its content hash; the build copies it into the site). */
  file: string;
}

export interface JobResult {
  svgMs: number;
  pngMs: number;
  bytes: number;
}

/**
 * The logo at each box size it is drawn at, for the logo last seen: every card of a build carries the same
 * logo into one or two box sizes, so it is decoded and resized once per size, not once per card.
 */
let logoSizes: { uri: string; png: Buffer; bySize: Map<string, Promise<Pixels>> } | undefined;
function fittedLogo(uri: string, box: Box): Promise<Pixels> {
  if (logoSizes?.uri !== uri) logoSizes = { uri, png: Buffer.from(uri.slice(uri.indexOf(',') + 1), 'base64'), bySize: new Map() };
  const key = `${box.width}x${box.height}`;
  let px = logoSizes.bySize.get(key);
  if (!px) logoSizes.bySize.set(key, (px = fitImage(logoSizes.png, box)));
  return px;
}

/** What draws each image slot of a card. */
export function slotImages({ logo, qr }: CardImages): SlotImages {
  const images: SlotImages = {};
  if (logo !== undefined) images.logo = (box) => fittedLogo(logo, box);
  if (qr !== undefined) images.qr = (box) => qrPixels(qr, box);
  return images;
}

export async function renderJob(job: Job, fonts: SatoriFont[]): Promise<JobResult> {
  const { png, svgMs, pngMs } = await renderPng(job.tree, job, fonts, slotImages(job));
  mkdirSync(path.dirname(job.file), { recursive: true });
  // Under a temporary name, then renamed, and its hash beside it: a killed build never leaves a truncated card in
  // the cache that passes for a whole one.
  writeCacheFile(job.file, png);
  return { svgMs, pngMs, bytes: png.length };
}
