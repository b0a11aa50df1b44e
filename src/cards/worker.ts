/** A card-rendering worker: fonts arrive once, then jobs (tree → PNG file) until the pool closes. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { writeFileAtomic } from '../node/atomic.ts';
import { renderPng, type SatoriFont } from './render.ts';
import type { El } from './templates.ts';

export interface Job {
  id: number;
  tree: El;
  width: number;
  height: number;
  /** Where to write the PNG (the cache entry; the build copies it out). */
  file: string;
}

const fonts = (workerData as { fonts: SatoriFont[] }).fonts.map((f) => ({ ...f, data: Buffer.from(f.data as ArrayBuffer) }));

parentPort!.on('message', async (job: Job) => {
  try {
    const { png, svgMs, pngMs } = await renderPng(job.tree, job, fonts);
    mkdirSync(path.dirname(job.file), { recursive: true });
    // Under a temporary name, then renamed: a killed build never leaves a truncated card in the cache.
    writeFileAtomic(job.file, png);
    parentPort!.postMessage({ id: job.id, ok: true, svgMs, pngMs, bytes: png.length, rss: process.memoryUsage().rss });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, ok: false, error: String((e as Error)?.stack ?? e) });
  }
});
