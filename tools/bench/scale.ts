/**
 * npm run bench -- --reports N [--runs R] [--json FILE] [--keep]
 *
 * The build at scale, on one generated content folder of N reports (tools/bench/corpus.ts), against a bare
 * Astro baseline measured in the same run on the same Markdown files (tools/bench/baseline/: the glob
 * loader, one page per report, nothing else):
 *
 *   baseline cold (empty content cache) and warm (nothing changed);
 *   this project's full `npm run build` cold (empty content, page and card caches), warm with nothing changed,
 *   after editing one report's body, and after editing one figure (frontmatter and body together).
 *
 * Each build is a process tree measured whole: wall and CPU seconds, peak RSS summed over the tree. The full
 * build reports its phases (SHOWCASE_TIMINGS=json, plus Astro's own timer): loader (validation and Markdown),
 * bundling, page generation, search index, cards, checking Astro's cache, stamp and swap. R rounds (default 1)
 * interleave baseline and full builds so both meet the same machine load; figures are medians over rounds.
 * Vite's pre-bundled dependency cache is left warm for both (it is shared with whoever else works in this tree).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_NOW, editBody, editFigure, writeBenchCorpus } from './corpus.ts';
import { measure, median, round, type Measured } from './run.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BASELINE = path.join(ROOT, 'tools/bench/baseline');
const NODE = process.execPath;
const ASTRO = path.join(ROOT, 'node_modules/astro/bin/astro.mjs');

export interface ScaleOptions {
  reports: number;
  runs: number;
  json?: string;
  keep?: boolean;
  /** Print the builds' output as they run. */
  verbose?: boolean;
}

type Phases = Record<string, number>;

interface FullRun extends Measured {
  phases: Phases;
  cards: Record<string, number>;
}

function dirBytes(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    bytes += statSync(path.join(e.parentPath, e.name)).size;
    files++;
  }
  return { bytes, files };
}

const MiB = (b: number) => b / 1024 / 1024;

function parseTimings(stdout: string, astroTimer: string): { phases: Phases; cards: Record<string, number> } {
  const merged: Record<string, unknown> = {};
  // The loader and the integration log their line through Astro's logger, after its time and label.
  for (const m of stdout.matchAll(/SHOWCASE_TIMINGS (\{.*\})$/gm)) Object.assign(merged, JSON.parse(m[1]!));
  let astro: Record<string, { elapsedTime: number }> = {};
  try {
    astro = JSON.parse(readFileSync(astroTimer, 'utf8'));
  } catch {
    // Astro writes its timer only when it got that far.
  }
  const num = (k: string) => (typeof merged[k] === 'number' ? (merged[k] as number) : 0);
  const t = (k: string) => astro[k]?.elapsedTime ?? 0;
  const phases: Phases = {
    loader: num('loader'),
    validation: num('validation'),
    markdown: num('markdown'),
    bundle: Math.round(t('Prerender build') + t('Client build') + t('SSR build')),
    pages: Math.round(t('Static generate')),
    search: num('search'),
    cards: num('cards'),
    // Checking Astro's cache against its content hashes before Astro reads it, and recording it afterwards.
    astroCache: num('astroCacheCheck') + num('astroCacheRecord'),
    stamp: num('stamp'),
    swap: num('swap'),
  };
  return { phases, cards: (merged.cardStats ?? {}) as Record<string, number> };
}

export async function runScale(opts: ScaleOptions): Promise<Record<string, unknown>> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'showcase-bench-scale-'));
  const contentDir = path.join(work, 'content');
  // astro.config.mjs keeps Astro's cache (content store, incremental pages) per content folder.
  const astroCache = path.join(ROOT, 'node_modules/.astro', createHash('sha256').update(contentDir).digest('hex').slice(0, 12));
  // Card and search-shard caches of the full build (SHOWCASE_CACHE), emptied for each cold build.
  const cardCache = path.join(work, 'cache');
  const baselineCache = path.join(work, 'baseline-cache');
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const load0 = os.loadavg();
  try {
    const t0 = performance.now();
    const corpus = writeBenchCorpus(contentDir, opts.reports);
    const srcBytes = corpus.files.reduce((n, f) => n + statSync(f).size, 0);
    log(`生成 ${opts.reports} 份报告、${corpus.orgs.length} 家机构（${MiB(srcBytes).toFixed(1)} MiB），${((performance.now() - t0) / 1000).toFixed(1)} 秒`);

    const baseEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' };
    const baseline = async (label: string): Promise<Measured> => {
      const r = await measure(NODE, [ASTRO, 'build', '--outDir', path.join(work, 'baseline-dist')], {
        cwd: BASELINE, env: { ...baseEnv, BENCH_CONTENT: contentDir, BENCH_CACHE: baselineCache }, echo: opts.verbose,
      });
      if (r.code !== 0) throw new Error(`基线构建失败（${label}）：\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
      log(`  基线 ${label}：${r.wallSeconds.toFixed(1)} 秒（CPU ${r.cpuSeconds.toFixed(1)} 秒，峰值 ${r.peakRssMiB.toFixed(0)} MiB）`);
      return r;
    };
    const timerFile = path.join(work, 'astro-timer.json');
    const full = async (label: string): Promise<FullRun> => {
      for (let attempt = 0; ; attempt++) {
        rmSync(timerFile, { force: true });
        const r = await measure(NODE, [path.join(ROOT, 'scripts/build.ts'), '--outDir', path.join(work, 'dist')], {
          cwd: ROOT,
          env: {
            ...baseEnv, SHOWCASE_CONTENT: contentDir, SHOWCASE_NOW: BENCH_NOW, SHOWCASE_TIMINGS: 'json',
            SHOWCASE_CACHE: cardCache, ASTRO_TIMER_PATH: timerFile,
          },
          echo: opts.verbose,
        });
        // Another build or publish of this project holds the lock: wait for it rather than fail the bench.
        if (r.code === 2 && /同一时间只能有一个构建或发布|正在启动/.test(r.stderr) && attempt < 120) {
          log('  另一个构建正在进行，等待 10 秒后重试…');
          await new Promise((res) => setTimeout(res, 10_000));
          continue;
        }
        if (r.code !== 0) throw new Error(`完整构建失败（${label}）：\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`);
        const t = parseTimings(r.stdout, timerFile);
        const p = t.phases;
        log(
          `  完整 ${label}：${r.wallSeconds.toFixed(1)} 秒（CPU ${r.cpuSeconds.toFixed(1)} 秒，峰值 ${r.peakRssMiB.toFixed(0)} MiB；` +
            `加载 ${(p.loader! / 1000).toFixed(1)}（校验 ${(p.validation! / 1000).toFixed(1)}）、打包 ${(p.bundle! / 1000).toFixed(1)}、页面 ${(p.pages! / 1000).toFixed(1)}、` +
            `检索 ${(p.search! / 1000).toFixed(1)}、卡片 ${(p.cards! / 1000).toFixed(1)}、记录 ${(p.stamp! / 1000).toFixed(1)} 秒）`,
        );
        return { ...r, ...t };
      }
    };
    const coldFull = () => {
      rmSync(astroCache, { recursive: true, force: true });
      rmSync(cardCache, { recursive: true, force: true });
    };

    const rounds: { bCold: Measured; bWarm: Measured; cold: FullRun; warm: FullRun; body: FullRun; figure: FullRun }[] = [];
    for (let r = 0; r < opts.runs; r++) {
      log(`第 ${r + 1}/${opts.runs} 轮（负载 ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}）`);
      rmSync(baselineCache, { recursive: true, force: true });
      const bCold = await baseline('冷构建');
      const bWarm = await baseline('热构建');
      coldFull();
      const cold = await full('冷构建');
      const warm = await full('热构建（无改动）');
      editBody(corpus.files[Math.floor(corpus.files.length / 2)]!);
      const body = await full('改一份报告的正文');
      editFigure(corpus.files[0]!);
      const figure = await full('改一个数字（信息区和正文）');
      rounds.push({ bCold, bWarm, cold, warm, body, figure });
    }

    const med = (f: (x: (typeof rounds)[number]) => number) => median(rounds.map(f));
    const phaseMedians = (pick: (x: (typeof rounds)[number]) => FullRun) => {
      const keys = Object.keys(pick(rounds[0]!).phases);
      return Object.fromEntries(keys.map((k) => [k, round(med((x) => pick(x).phases[k] ?? 0) / 1000, 2)]));
    };
    const dist = dirBytes(path.join(work, 'dist'));
    const index = dirBytes(path.join(work, 'dist', 'pagefind'));
    const cards = rounds.map((x) => x.cold.cards);
    const baselineCold = med((x) => x.bCold.wallSeconds);
    const baselineWarm = med((x) => x.bWarm.wallSeconds);
    const coldS = med((x) => x.cold.wallSeconds);
    const warmS = med((x) => x.warm.wallSeconds);
    const bodyS = med((x) => x.body.wallSeconds);
    const figureS = med((x) => x.figure.wallSeconds);
    const cpu = {
      baselineCold: med((x) => x.bCold.cpuSeconds),
      baselineWarm: med((x) => x.bWarm.cpuSeconds),
      cold: med((x) => x.cold.cpuSeconds),
      warm: med((x) => x.warm.cpuSeconds),
      bodyEdit: med((x) => x.body.cpuSeconds),
      figureEdit: med((x) => x.figure.cpuSeconds),
    };
    const result = {
      reports: opts.reports,
      orgs: corpus.orgs.length,
      runs: opts.runs,
      conditions: {
        cores: os.availableParallelism(),
        memoryGiB: round(os.totalmem() / 2 ** 30, 1),
        loadAverageStart: load0.map((x) => round(x, 2)),
        loadAverageEnd: os.loadavg().map((x) => round(x, 2)),
        node: process.version,
        sourceMiB: round(MiB(srcBytes), 2),
      },
      baseline: {
        coldSeconds: round(baselineCold),
        warmSeconds: round(baselineWarm),
        coldCpuSeconds: round(cpu.baselineCold),
        warmCpuSeconds: round(cpu.baselineWarm),
        peakRssMiB: round(Math.max(...rounds.flatMap((x) => [x.bCold.peakRssMiB, x.bWarm.peakRssMiB])), 0),
      },
      full: {
        coldSeconds: round(coldS),
        warmSeconds: round(warmS),
        bodyEditSeconds: round(bodyS),
        figureEditSeconds: round(figureS),
        oneEditSeconds: round(Math.max(bodyS, figureS)),
        coldCpuSeconds: round(cpu.cold),
        warmCpuSeconds: round(cpu.warm),
        oneEditCpuSeconds: round(Math.max(cpu.bodyEdit, cpu.figureEdit)),
        peakRssMiB: round(Math.max(...rounds.flatMap((x) => [x.cold.peakRssMiB, x.warm.peakRssMiB, x.body.peakRssMiB, x.figure.peakRssMiB])), 0),
        /** Peak RSS per program of the cold build (the main Node process with its worker threads, Pagefind …). */
        peakByProgramMiB: rounds[0]!.cold.peakByProgramMiB,
        /** Seconds per phase of the cold build. */
        phases: phaseMedians((x) => x.cold),
        warmPhases: phaseMedians((x) => x.warm),
        bodyEditPhases: phaseMedians((x) => x.body),
        figureEditPhases: phaseMedians((x) => x.figure),
      },
      ratios: {
        cold: round(coldS / baselineCold),
        warm: round(warmS / baselineWarm),
        oneEdit: round(Math.max(bodyS, figureS) / baselineWarm),
        coldCpu: round(cpu.cold / cpu.baselineCold),
        warmCpu: round(cpu.warm / cpu.baselineWarm),
        oneEditCpu: round(Math.max(cpu.bodyEdit, cpu.figureEdit) / cpu.baselineWarm),
      },
      cards: {
        /** Median per rendered image (cards, posters and organisation cards together), per worker thread. */
        msPerCard: round(median(cards.map((c) => c.medianMs ?? 0)), 1),
        msPerCardOnly: round(median(cards.map((c) => c.medianCardMs ?? 0)), 1),
        msPerPoster: round(median(cards.map((c) => c.medianPosterMs ?? 0)), 1),
        svgMs: round(median(cards.map((c) => c.medianSvgMs ?? 0)), 1),
        pngMs: round(median(cards.map((c) => c.medianPngMs ?? 0)), 1),
        rendered: cards[0]?.rendered ?? 0,
        threads: cards[0]?.threads ?? 0,
        cardKiB: round((cards[0]?.medianCardBytes ?? 0) / 1024, 1),
        posterKiB: round((cards[0]?.medianPosterBytes ?? 0) / 1024, 1),
        warmRendered: rounds[0]!.warm.cards.rendered ?? 0,
        figureEditRendered: rounds[0]!.figure.cards.rendered ?? 0,
      },
      dist: { mib: round(MiB(dist.bytes)), files: dist.files },
      search: { indexMiB: round(MiB(index.bytes)), files: index.files },
    };
    if (opts.json) writeFileSync(opts.json, `${JSON.stringify(result, null, 2)}\n`);
    printTable(result);
    return result;
  } finally {
    if (!opts.keep) {
      rmSync(work, { recursive: true, force: true });
      rmSync(astroCache, { recursive: true, force: true });
    } else {
      log(`保留了工作文件夹 ${work}（Astro 缓存 ${astroCache}）`);
    }
  }
}

function printTable(r: Record<string, any>): void {
  const row = (a: string, b: string | number, c: string | number = '', d: string | number = '') => console.log(`${a.padEnd(22)}\t${b}\t${c}\t${d}`);
  console.log(`\n报告 ${r.reports} 份，机构 ${r.orgs} 家，${r.runs} 轮取中位数；${r.conditions.cores} 核，开始时负载 ${r.conditions.loadAverageStart.join(' ')}`);
  row('', '墙钟秒', 'CPU 秒', '与基线之比（墙钟/CPU）');
  row('基线 冷构建', r.baseline.coldSeconds, r.baseline.coldCpuSeconds);
  row('基线 热构建', r.baseline.warmSeconds, r.baseline.warmCpuSeconds);
  row('完整 冷构建', r.full.coldSeconds, r.full.coldCpuSeconds, `${r.ratios.cold} / ${r.ratios.coldCpu}`);
  row('完整 热构建', r.full.warmSeconds, r.full.warmCpuSeconds, `${r.ratios.warm} / ${r.ratios.warmCpu}`);
  row('完整 改正文', r.full.bodyEditSeconds, '', `${(r.full.bodyEditSeconds / r.baseline.warmSeconds).toFixed(2)}（对基线热构建）`);
  row('完整 改数字', r.full.figureEditSeconds, '', `${(r.full.figureEditSeconds / r.baseline.warmSeconds).toFixed(2)}（对基线热构建）`);
  console.log(`冷构建各阶段（秒）：${Object.entries(r.full.phases).map(([k, v]) => `${k} ${v}`).join('，')}`);
  console.log(`热构建各阶段（秒）：${Object.entries(r.full.warmPhases).map(([k, v]) => `${k} ${v}`).join('，')}`);
  console.log(`峰值内存：完整 ${r.full.peakRssMiB} MiB（冷构建各程序：${Object.entries(r.full.peakByProgramMiB).map(([k, v]) => `${k} ${v}`).join('，')}），基线 ${r.baseline.peakRssMiB} MiB`);
  console.log(`卡片：${r.cards.rendered} 张，中位 ${r.cards.msPerCard} 毫秒/张（卡片 ${r.cards.msPerCardOnly}，海报 ${r.cards.msPerPoster}；SVG ${r.cards.svgMs} + PNG ${r.cards.pngMs}），${r.cards.threads} 个线程；卡片 ${r.cards.cardKiB} KiB，海报 ${r.cards.posterKiB} KiB`);
  console.log(`网站 ${r.dist.mib} MiB（${r.dist.files} 个文件），检索索引 ${r.search.indexMiB} MiB（${r.search.files} 个文件）`);
}
