/**
 * One card to render: a laid-out tree, its size and the cache file to write. Shared by the worker threads and
 * the in-process path for a handful of cards. A poster's QR code is made here, where the card is rendered
 * (on a worker, in parallel), not while planning the build: the tree carries QR_PLACEHOLDER as the image
 * source and the job the address to encode.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../node/atomic.ts';
import { qrPngDataUri } from './qr.ts';
import { renderPng, type SatoriFont } from './render.ts';
import type { El } from './templates.ts';

export interface Job {
  id: number;
  tree: El;
  width: number;
  height: number;
  /** Where to write the PNG (the cache entry; the build links it into the site). */
  file: string;
  /** The poster's address: its QR code replaces QR_PLACEHOLDER in the tree. */
  qr?: string;
}

export interface JobResult {
  svgMs: number;
  pngMs: number;
  /** Making the QR code. */
  qrMs: number;
  bytes: number;
}

/** Image source standing for the QR code until the job makes it; the layout only needs its box. */
export const QR_PLACEHOLDER = 'showcase:qr';

function withImage(el: El, placeholder: string, src: string): El {
  const c = el.props.children;
  const children = Array.isArray(c) ? c.map((x) => (typeof x === 'string' ? x : withImage(x, placeholder, src))) : c && typeof c !== 'string' ? withImage(c, placeholder, src) : c;
  const props = el.props.src === placeholder ? { ...el.props, src } : el.props;
  return { ...el, props: children === c ? props : { ...props, children } };
}

export async function renderJob(job: Job, fonts: SatoriFont[]): Promise<JobResult> {
  const t0 = performance.now();
  const tree = job.qr === undefined ? job.tree : withImage(job.tree, QR_PLACEHOLDER, await qrPngDataUri(job.qr));
  const qrMs = performance.now() - t0;
  const { png, svgMs, pngMs } = await renderPng(tree, job, fonts);
  mkdirSync(path.dirname(job.file), { recursive: true });
  // Under a temporary name, then renamed: a killed build never leaves a truncated card in the cache.
  writeFileAtomic(job.file, png);
  return { svgMs, pngMs, qrMs, bytes: png.length };
}
