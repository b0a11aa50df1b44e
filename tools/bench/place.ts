/**
 * npm run bench -- place   (BENCH_PLACE_REPORTS=N, default 1,000; BENCH_PLACE_ROUNDS, default 9;
 *                           BENCH_PLACE_CACHE=folder keeps the rendered cards there for the next run;
 *                           BENCH_PLACE_REPEAT=K places each card K times under other names: the file count and
 *                           bytes of K×N reports' cards without rendering them, e.g. N=1,000, K=10 for 10,000)
 *
 * What putting the cached cards into the site costs, on the cards of N bench reports (tools/bench/corpus.ts:
 * a card and a poster per report, a card per organisation), rendered into a card cache first (not timed):
 *   link           a hard link per card, as builds did before the site stopped sharing files with its caches;
 *   copy           a copy per card (a copy-on-write clone where the file system has them: see `fs`);
 *   verify + copy  what a build does now: read each cached card, check its SHA-256 against the recorded one,
 *                  then copy it.
 * Rounds of each method in turn, each into a fresh folder (the cache is warm in memory, as on a warm build);
 * medians and the fastest round, which is the least disturbed by other work on the machine. The search shards (about 18 MB at 1,000 reports, a tenth of the cards) cost the same per megabyte.
 */
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, statfsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCards } from '../../src/cards/build.ts';
import { PROJECT_ROOT } from '../../src/node/config.ts';
import { checkContent } from '../../src/node/check-content.ts';
import { copyIntoSite, verifyCacheFile } from '../../src/cache/verified.ts';
import { BENCH_NOW, writeBenchCorpus } from './corpus.ts';
import { median, round } from './run.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const N = Number(process.env.BENCH_PLACE_REPORTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_PLACE_ROUNDS ?? 9);
const KEEP = process.env.BENCH_PLACE_CACHE?.trim();
const REPEAT = Math.max(1, Number(process.env.BENCH_PLACE_REPEAT ?? 1));

type Method = (from: string, to: string) => void;

const METHODS: Record<string, Method> = {
  link: (from, to) => linkSync(from, to),
  copy: (from, to) => copyIntoSite(from, to),
  'verify + copy': (from, to) => {
    if (!verifyCacheFile(from).ok) throw new Error(`缓存里的卡片没有通过核对：${from}`);
    copyIntoSite(from, to);
  },
};

/** Linux file system magic numbers this machine may have; anything else is shown as a number. */
const FS: Record<number, string> = { 0xef53: 'ext4', 0x9123683e: 'btrfs', 0x58465342: 'xfs', 0x01021994: 'tmpfs', 0x794c7630: 'overlayfs' };

export async function run(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'showcase-bench-place-'));
  try {
    const cache = KEEP ? path.resolve(KEEP) : path.join(work, 'cache');
    if (!existsSync(cache)) {
      const content = path.join(work, 'content');
      writeBenchCorpus(content, N);
      const { model } = await checkContent({ contentDir: content, projectContentDir: path.join(ROOT, 'content'), now: new Date(`${BENCH_NOW}T12:00:00+08:00`) });
      const started = performance.now();
      const built = await buildCards({ model, outDir: path.join(work, 'first'), cacheDir: cache, log: () => {}, root: PROJECT_ROOT });
      console.log(`${N} 份报告的卡片：${built.files.length} 张，渲染进缓存用时 ${round((performance.now() - started) / 1000, 1)} 秒（不计入下面的时间）`);
    }
    const cached = readdirSync(cache, { recursive: true }).map(String).filter((f) => f.endsWith('.png')).map((f) => path.join(cache, f));
    const bytes = cached.reduce((n, f) => n + statSync(f).size, 0);
    const type = statfsSync(cache).type;
    console.log(`缓存：${cached.length} 个文件，${round(bytes / 1024 / 1024, 1)} MiB；文件系统 ${FS[type] ?? `0x${type.toString(16)}`}${REPEAT > 1 ? `；每张放 ${REPEAT} 次：${cached.length * REPEAT} 个文件，${round((bytes * REPEAT) / 1024 / 1024, 1)} MiB` : ''}`);

    const times: Record<string, number[]> = Object.fromEntries(Object.keys(METHODS).map((m) => [m, []]));
    // CPU time (user and system, the copying is done by the kernel) varies less with other work than wall time.
    const cpu: Record<string, number[]> = Object.fromEntries(Object.keys(METHODS).map((m) => [m, []]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, place] of Object.entries(METHODS)) {
        const out = path.join(work, `site-${r}-${name.replace(/\W+/g, '')}`);
        // As in the site: one folder per kind of card.
        for (const d of ['reports', 'orgs']) mkdirSync(path.join(out, d), { recursive: true });
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        for (let k = 0; k < REPEAT; k++) cached.forEach((f, i) => place(f, path.join(out, i % 2 ? 'reports' : 'orgs', `${i}-${k}.png`)));
        const c = process.cpuUsage(c0);
        times[name]!.push(performance.now() - t0);
        cpu[name]!.push((c.user + c.system) / 1000);
        rmSync(out, { recursive: true, force: true });
      }
    }
    for (const [name, ts] of Object.entries(times)) {
      const ms = median(ts);
      const best = Math.min(...ts);
      console.log(
        `${name.padEnd(14)} 中位 ${round(ms, 1)} 毫秒（每张 ${round((ms * 1000) / (cached.length * REPEAT), 1)} 微秒，${round((bytes * REPEAT) / 1024 / 1024 / (ms / 1000), 0)} MiB/秒），最快 ${round(best, 1)} 毫秒，CPU 中位 ${round(median(cpu[name]!), 1)} 毫秒；各轮 ${ts.map((t) => round(t, 0)).join(' / ')}`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
