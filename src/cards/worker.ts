/** A card-rendering worker: fonts arrive once, then jobs (tree → PNG file) until the pool closes. */
import { parentPort, workerData } from 'node:worker_threads';
import { renderJob, type Job } from './job.ts';
import type { SatoriFont } from './render.ts';

export type { Job } from './job.ts';

const fonts = (workerData as { fonts: SatoriFont[] }).fonts.map((f) => ({ ...f, data: Buffer.from(f.data as ArrayBuffer) }));

parentPort!.on('message', async (job: Job) => {
  try {
    const r = await renderJob(job, fonts);
    parentPort!.postMessage({ id: job.id, ok: true, ...r, rss: process.memoryUsage().rss });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, ok: false, error: String((e as Error)?.stack ?? e) });
  }
});
