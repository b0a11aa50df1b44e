/**
 * Card rendering cost for 1,000 cards and their posters: satori (SVG) and sharp (rasterise, composite the logo
 * and QR code, encode the PNG) per image, median and p95, on one core and through the worker pool; RSS after
 * 100 and after 1,000 renders in one process (flat means no leak). Baseline measured in the same run: sharp
 * encoding a blank 1200×630 PNG.
 */
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { CardData } from '../../src/cards/data.ts';
import { logoPng } from '../../src/cards/build.ts';
import { createMeasurer, loadSourceFonts, subsetFonts } from '../../src/cards/fonts.ts';
import { renderInPool } from '../../src/cards/pool.ts';
import { slotImages } from '../../src/cards/job.ts';
import { renderPng, satoriFonts } from '../../src/cards/render.ts';
import { CARD, POSTER, cardTree, posterTree, treeText } from '../../src/cards/templates.ts';

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
  const data = Array.from({ length: N }, (_, i) => card(i, logo));
  // Each card and its poster, as the build renders them: same trees, same images.
  const jobs = data.flatMap((c) => [
    { kind: 'card', tree: cardTree(c, m), size: CARD, images: { logo: c.logo } },
    { kind: 'poster', tree: posterTree(c, m), size: POSTER, images: { logo: c.logo, qr: c.url } },
  ]);
  const subset = satoriFonts(await subsetFonts(fonts, jobs.map((j) => treeText(j.tree)).join('')));

  const blank = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await sharp({ create: { width: CARD.width, height: CARD.height, channels: 4, background: '#ffffff' } }).png().toBuffer();
    blank.push(performance.now() - t);
  }
  const base = stats(blank).median;

  const ms = { card: { svg: [] as number[], png: [] as number[] }, poster: { svg: [] as number[], png: [] as number[] } };
  const total: number[] = [];
  let rss100 = 0;
  let peak = process.memoryUsage().rss;
  const rss0 = peak;
  for (let i = 0; i < jobs.length; i++) {
    const j = jobs[i]!;
    const r = await renderPng(j.tree, j.size, subset, slotImages(j.images));
    ms[j.kind as 'card' | 'poster'].svg.push(r.svgMs);
    ms[j.kind as 'card' | 'poster'].png.push(r.pngMs);
    total.push(r.svgMs + r.pngMs);
    const rss = process.memoryUsage().rss;
    peak = Math.max(peak, rss);
    if (i === 199) rss100 = rss;
    if ((i + 1) % 100 === 0) process.stderr.write(`cards ${i + 1}/${jobs.length}\r`);
  }
  const rssEnd = process.memoryUsage().rss;

  const dir = mkdtempSync(path.join(os.tmpdir(), 'showcase-bench-cards-'));
  const started = performance.now();
  const pool = await renderInPool(jobs.map((j, i) => ({ tree: j.tree, width: j.size.width, height: j.size.height, file: path.join(dir, `${i}.png`), ...j.images })), subset);
  const wall = performance.now() - started;
  rmSync(dir, { recursive: true, force: true });

  const line = (label: string, xs: number[]) => {
    const s = stats(xs);
    return `${label}中位 ${s.median.toFixed(1)} ms，p95 ${s.p95.toFixed(1)} ms（基线的 ${(s.median / base).toFixed(1)} 倍）`;
  };
  console.log(`图片数                 ${N} 张卡片（1200×630）+ ${N} 张海报（1080×1440）`);
  console.log(`基线：sharp 空白 PNG    ${base.toFixed(1)} ms`);
  console.log(line('单核 卡片 SVG（satori） ', ms.card.svg));
  console.log(line('单核 卡片 PNG（sharp）  ', ms.card.png));
  console.log(line('单核 海报 SVG（satori） ', ms.poster.svg));
  console.log(line('单核 海报 PNG（sharp）  ', ms.poster.png));
  console.log(line('单核 每张合计（含海报）  ', total));
  console.log(`进程 RSS               开始 ${mb(rss0)}，200 张后 ${mb(rss100)}，${jobs.length} 张后 ${mb(rssEnd)}，峰值 ${mb(peak)}（200→${jobs.length} 张增长 ${mb(rssEnd - rss100)}）`);
  console.log(`并行（${pool.threads} 线程）          ${jobs.length} 张用时 ${(wall / 1000).toFixed(1)} s，${(wall / jobs.length).toFixed(1)} ms/张（墙钟），工作线程峰值 RSS ${mb(pool.peakWorkerRss)}`);
}
