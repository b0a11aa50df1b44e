/**
 * Card rendering cost for 1,000 cards: satori (SVG) and sharp (PNG) per card, median and p95, on one core
 * and through the worker pool; RSS after 100 and after 1,000 renders in one process (flat means no leak).
 * Baseline measured in the same run: sharp encoding a blank 1200×630 PNG.
 */
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { CardData } from '../../src/cards/data.ts';
import { logoPng } from '../../src/cards/build.ts';
import { createMeasurer, loadSourceFonts, subsetFonts } from '../../src/cards/fonts.ts';
import { renderInPool } from '../../src/cards/pool.ts';
import { renderSvg, satoriFonts, svgToPng } from '../../src/cards/render.ts';
import { CARD, cardTree, treeText } from '../../src/cards/templates.ts';

const N = Number(process.env.BENCH_CARDS ?? 1000);
const ORGS = ['介休农商银行', '翼城农商银行', '中国银行湖南省分行', '松阳农商银行', '示例农商银行'];
const TITLES = ['以党建赋能存贷款稳步增长', '党建引领业务攻坚 清收化解见实效', '把反诈课堂搬进校园', '“三维联动”打造共富服务平台', '基层网点党建辅导员制度强基础促发展'];
const FIGS = [
  ['各项存款余额', '', '216.66', '亿元'], ['风险资产清降', '', '3746.03', '万元'], ['参加反诈课堂的学生', '', '120', '余名'],
  ['提供资金支持', '超', '2100', '亿元'], ['辅导员参加“每月一会”', '', '1315', '人次'], ['存款较年初增幅', '', '9.32', '%'],
] as const;

function card(i: number, logo: string): CardData {
  return {
    kind: 'report', id: `bench-${i}`, source: `bench-${i}.md`, siteName: '案例展台',
    brand: { color: '#b4232a', accent: '#d9a441', ink: '#1f2329' },
    logo,
    org: ORGS[i % ORGS.length]!,
    title: `${ORGS[i % ORGS.length]}${TITLES[i % TITLES.length]}（第${i + 1}期）`,
    figures: Array.from({ length: 2 + (i % 3) }, (_, k) => {
      const f = FIGS[(i + k) % FIGS.length]!;
      return { label: f[0], prefix: f[1], number: String(Number(f[2]) + (i % 97)), unit: f[3], asOf: '2025年3月末' };
    }),
    footer: '2025年4月22日',
    url: `http://showcase.bank.local/reports/bench-${i}/`,
  };
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.floor(s.length * 0.95)]! };
}
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

export async function run(): Promise<void> {
  const fonts = loadSourceFonts();
  const m = await createMeasurer(fonts);
  const logo = await logoPng('public/brand/logo.svg');
  const trees = Array.from({ length: N }, (_, i) => cardTree(card(i, logo), m));
  const subset = satoriFonts(await subsetFonts(fonts, trees.map(treeText).join('')));

  const blank = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await sharp({ create: { width: CARD.width, height: CARD.height, channels: 4, background: '#ffffff' } }).png().toBuffer();
    blank.push(performance.now() - t);
  }
  const base = stats(blank).median;

  const svgMs: number[] = [];
  const pngMs: number[] = [];
  let rss100 = 0;
  let peak = process.memoryUsage().rss;
  const rss0 = peak;
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    const svg = await renderSvg(trees[i]!, CARD, subset);
    const t1 = performance.now();
    await svgToPng(svg);
    pngMs.push(performance.now() - t1);
    svgMs.push(t1 - t0);
    const rss = process.memoryUsage().rss;
    peak = Math.max(peak, rss);
    if (i === 99) rss100 = rss;
    if ((i + 1) % 100 === 0) process.stderr.write(`cards ${i + 1}/${N}\r`);
  }
  const rssEnd = process.memoryUsage().rss;
  const svg = stats(svgMs);
  const png = stats(pngMs);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'showcase-bench-cards-'));
  const started = performance.now();
  const pool = await renderInPool(trees.map((tree, i) => ({ tree, width: CARD.width, height: CARD.height, file: path.join(dir, `${i}.png`) })), subset);
  const wall = performance.now() - started;
  rmSync(dir, { recursive: true, force: true });

  console.log(`卡片数                 ${N}（1200×630）`);
  console.log(`基线：sharp 空白 PNG    ${base.toFixed(1)} ms`);
  console.log(`单核 SVG（satori）      中位 ${svg.median.toFixed(1)} ms，p95 ${svg.p95.toFixed(1)} ms（基线的 ${(svg.median / base).toFixed(1)} 倍）`);
  console.log(`单核 PNG（sharp）       中位 ${png.median.toFixed(1)} ms，p95 ${png.p95.toFixed(1)} ms（基线的 ${(png.median / base).toFixed(1)} 倍）`);
  console.log(`单核合计               中位 ${(svg.median + png.median).toFixed(1)} ms/卡`);
  console.log(`进程 RSS               开始 ${mb(rss0)}，100 张后 ${mb(rss100)}，${N} 张后 ${mb(rssEnd)}，峰值 ${mb(peak)}（100→${N} 张增长 ${mb(rssEnd - rss100)}）`);
  console.log(`并行（${os.availableParallelism()} 线程）          ${N} 张用时 ${(wall / 1000).toFixed(1)} s，${(wall / N).toFixed(1)} ms/卡（墙钟），工作线程峰值 RSS ${mb(pool.peakWorkerRss)}`);
}
