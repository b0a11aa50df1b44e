/** Renders card jobs on worker threads, one per available core, with progress reporting. */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { SatoriFont } from './render.ts';
import type { Job } from './worker.ts';

export interface PoolResult {
  svgMs: number[];
  pngMs: number[];
  /** Per job, in the order given. */
  jobs: { svgMs: number; pngMs: number; bytes: number }[];
  threads: number;
  /** Highest RSS reported by any worker. */
  peakWorkerRss: number;
}

export async function renderInPool(
  jobs: Omit<Job, 'id'>[],
  fonts: SatoriFont[],
  opts: { threads?: number; progress?: (done: number, total: number) => void } = {},
): Promise<PoolResult> {
  const result: PoolResult = { svgMs: [], pngMs: [], jobs: [], threads: 0, peakWorkerRss: 0 };
  if (jobs.length === 0) return result;
  const threads = Math.max(1, Math.min(opts.threads ?? os.availableParallelism(), jobs.length));
  result.threads = threads;
  const script = fileURLToPath(new URL('./worker.ts', import.meta.url));
  const fontData = fonts.map((f) => ({ ...f, data: f.data instanceof ArrayBuffer ? f.data : new Uint8Array(f.data).buffer }));
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (w: Worker) => {
        if (next >= jobs.length) return;
        w.postMessage({ ...jobs[next], id: next });
        next++;
      };
      for (let i = 0; i < threads; i++) {
        const w = new Worker(script, { workerData: { fonts: fontData } });
        workers.push(w);
        w.on('error', reject);
        w.on('message', (msg: { id: number; ok: boolean; error?: string; svgMs: number; pngMs: number; bytes: number; rss: number }) => {
          if (!msg.ok) {
            reject(new Error(`卡片生成失败：${msg.error}`));
            return;
          }
          result.svgMs.push(msg.svgMs);
          result.pngMs.push(msg.pngMs);
          result.jobs[msg.id] = { svgMs: msg.svgMs, pngMs: msg.pngMs, bytes: msg.bytes };
          result.peakWorkerRss = Math.max(result.peakWorkerRss, msg.rss);
          done++;
          opts.progress?.(done, jobs.length);
          if (done === jobs.length) resolve();
          else feed(w);
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return result;
}
