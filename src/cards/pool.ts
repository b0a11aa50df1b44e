/**
 * Renders card jobs on worker threads, as many as there are free cores, with progress reporting. A handful of
 * jobs (a rebuild after one edit) is rendered in this thread: starting workers, each loading satori, sharp and
 * the fonts, would cost more than the cards.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { renderJob, type Job, type JobResult } from './job.ts';
import type { SatoriFont } from './render.ts';

export interface PoolResult {
  svgMs: number[];
  pngMs: number[];
  /** Per job, in the order given. */
  jobs: JobResult[];
  /** Worker threads used (0: rendered in this thread). */
  threads: number;
  /** Highest RSS reported by any worker. */
  peakWorkerRss: number;
}

/** Up to this many jobs are rendered without workers. */
export const IN_PROCESS_JOBS = 4;

type CpuTimes = Pick<os.CpuInfo, 'times'>[];

/**
 * Cores free between two snapshots of the CPU times (os.cpus()), out of `cores`, at least 1: the idle time,
 * plus the time this process itself used meanwhile (`ownMs`: this build's own leftovers, such as collecting
 * the garbage of the page work, not another program the workers would take turns with; without it a quiet
 * 1,000-report build chose one thread). Measured over a moment rather than taken from the load average, which
 * still counts this build's page and search work of the last minute.
 */
export function idleCores(before: CpuTimes, after: CpuTimes, cores: number, ownMs = 0): number {
  let idle = 0;
  let total = 0;
  after.forEach((cpu, i) => {
    const b = before[i]?.times;
    if (!b) return;
    const t = cpu.times;
    idle += t.idle - b.idle;
    total += t.user + t.nice + t.sys + t.idle + t.irq - (b.user + b.nice + b.sys + b.idle + b.irq);
  });
  if (total <= 0) return cores;
  return Math.max(1, Math.min(cores, Math.round((Math.min(total, idle + ownMs) / total) * cores)));
}

/**
 * Worker threads for a batch of cards: the cores free right now (sampled over `sampleMs` while this thread
 * waits). On a machine other builds and tests share, more workers than free cores only take turns with them.
 * SHOWCASE_CARD_THREADS overrides.
 */
export async function freeCores(env: NodeJS.ProcessEnv = process.env, sampleMs = 300): Promise<number> {
  const set = Number(env.SHOWCASE_CARD_THREADS);
  if (Number.isInteger(set) && set > 0) return set;
  const before = os.cpus();
  const own = process.cpuUsage();
  await new Promise((r) => setTimeout(r, sampleMs));
  const used = process.cpuUsage(own);
  return idleCores(before, os.cpus(), os.availableParallelism(), (used.user + used.system) / 1000);
}

export async function renderInPool(
  jobs: Omit<Job, 'id'>[],
  fonts: SatoriFont[],
  opts: { threads?: number; progress?: (done: number, total: number) => void } = {},
): Promise<PoolResult> {
  const result: PoolResult = { svgMs: [], pngMs: [], jobs: [], threads: 0, peakWorkerRss: 0 };
  if (jobs.length === 0) return result;
  const record = (id: number, r: JobResult) => {
    result.svgMs.push(r.svgMs);
    result.pngMs.push(r.pngMs);
    result.jobs[id] = r;
  };
  if (opts.threads === undefined && jobs.length <= IN_PROCESS_JOBS) {
    for (let id = 0; id < jobs.length; id++) {
      record(id, await renderJob({ ...jobs[id]!, id }, fonts));
      opts.progress?.(id + 1, jobs.length);
    }
    return result;
  }
  const threads = Math.max(1, Math.min(opts.threads ?? (await freeCores()), jobs.length));
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
        w.on('message', (msg: JobResult & { id: number; ok: boolean; error?: string; rss: number }) => {
          if (!msg.ok) {
            reject(new Error(`卡片生成失败：${msg.error}`));
            return;
          }
          record(msg.id, { svgMs: msg.svgMs, pngMs: msg.pngMs, bytes: msg.bytes });
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
