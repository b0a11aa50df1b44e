/**
 * Cards for a build: a 1200×630 card and a 1080×1440 poster for every published report, a card for every
 * organisation with published reports. A card is rendered only when its inputs change: its cache key hashes
 * the card tree (data and layout), the template sources and the font files, so an unchanged rebuild renders
 * nothing and only copies.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { ContentModel } from '../lib/model.ts';
import { routes } from '../lib/urls.ts';
import { PROJECT_ROOT } from '../node/config.ts';
import { usableCachedPng } from '../node/png.ts';
import { cardText, orgCardData, reportCardData, type CardData } from './data.ts';
import { createMeasurer, loadSourceFonts, subsetFonts, type FontSet } from './fonts.ts';
import { renderInPool } from './pool.ts';
import { qrPngDataUri } from './qr.ts';
import { satoriFonts } from './render.ts';
import { CARD, POSTER, cardTree, posterTree, treeText, type El } from './templates.ts';

export interface BuildCardsOptions {
  model: ContentModel;
  /** The built site (dist/). */
  outDir: string;
  cacheDir?: string;
  log?: (line: string) => void;
  /** Worker threads (default: available cores). */
  threads?: number;
  fonts?: FontSet;
  /** The project folder (Astro's root): the logo is under its public/, the card cache under its node_modules/. */
  root?: string;
}

export interface BuildCardsResult {
  rendered: number;
  cached: number;
  files: string[];
  svgMs: number[];
  pngMs: number[];
  /** Rendered jobs: what they were and what they cost. */
  jobs: { kind: 'card' | 'poster'; svgMs: number; pngMs: number; bytes: number }[];
  threads: number;
}

/** A character the font cannot draw: a build error, never a tofu box on a card. */
export class MissingGlyphError extends Error {
  readonly problems: { source: string; chars: string[] }[];
  constructor(problems: { source: string; chars: string[] }[]) {
    super(
      problems
        .map((p) => `${p.source}：卡片字体里没有这些字：${p.chars.map((c) => `“${c}”(U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join('、')}。请换用常用字，或检查是否混入了特殊符号。`)
        .join('\n'),
    );
    this.problems = problems;
  }
}

const TEMPLATE_FILES = ['templates.ts', 'render.ts', 'data.ts', 'qr.ts'];

function templateHash(): string {
  const h = createHash('sha256');
  for (const f of TEMPLATE_FILES) h.update(readFileSync(new URL(`./${f}`, import.meta.url)));
  return h.digest('hex');
}

/** The logo as a small PNG data URI: a raster image costs the SVG rasteriser far less than a nested SVG. */
export async function logoDataUri(model: ContentModel, root: string = PROJECT_ROOT): Promise<string | undefined> {
  const logo = model.site.brand.logo;
  if (!logo) return undefined;
  const file = path.join(root, 'public', logo);
  return existsSync(file) ? logoPng(file) : undefined;
}

export async function logoPng(file: string): Promise<string> {
  const png = await sharp(readFileSync(file), { density: 300 }).resize(96, 96, { fit: 'contain', background: '#ffffff00' }).png().toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

interface Planned {
  tree: El;
  size: { width: number; height: number };
  out: string;
  key: string;
}

export async function buildCards(opts: BuildCardsOptions): Promise<BuildCardsResult> {
  const { model, outDir } = opts;
  const log = opts.log ?? ((s: string) => process.stderr.write(`${s}\n`));
  const root = opts.root ?? PROJECT_ROOT;
  const cacheDir = opts.cacheDir ?? path.join(root, 'node_modules', '.cache', 'showcase-cards');
  const published = model.reports.filter((r) => r.published);
  const logo = await logoDataUri(model, root);
  const cards: CardData[] = [
    ...published.map((r) => reportCardData(r, model, logo)),
    ...model.registry.orgs.map((o) => orgCardData(o, published, model, logo)).filter((c): c is CardData => !!c),
  ];

  const fonts = opts.fonts ?? loadSourceFonts();
  const measure = await createMeasurer(fonts);
  // Checked on the data, before layout: an ellipsis could otherwise hide the very character that is missing.
  const missing = cards.map((c) => ({ source: c.source, chars: measure.missing(cardText(c)) })).filter((p) => p.chars.length > 0);
  if (missing.length > 0) throw new MissingGlyphError(missing);

  const version = createHash('sha256').update(templateHash()).update(fonts.hash).digest('hex');
  const planned: Planned[] = [];
  for (const c of cards) {
    const card = c.kind === 'report' ? routes.reportCard(c.id) : routes.orgCard(c.id);
    planned.push({ tree: cardTree(c, measure), size: CARD, out: path.join(outDir, card), key: '' });
    if (c.kind === 'report') planned.push({ tree: posterTree(c, measure, await qrPngDataUri(c.url)), size: POSTER, out: path.join(outDir, routes.reportPoster(c.id)), key: '' });
  }
  for (const p of planned) {
    p.key = createHash('sha256').update(version).update(JSON.stringify(p.size)).update(JSON.stringify(p.tree)).digest('hex');
  }
  const cacheFile = (p: Planned) => path.join(cacheDir, p.key.slice(0, 2), `${p.key}.png`);
  // A cached PNG is reused only if it is whole: a truncated one (a crash, a full disk) is deleted and rendered again.
  const pending = planned.filter((p) => !usableCachedPng(cacheFile(p), p.size));

  let svgMs: number[] = [];
  let pngMs: number[] = [];
  let jobs: BuildCardsResult['jobs'] = [];
  let threads = 0;
  if (pending.length > 0) {
    const subset = await subsetFonts(fonts, planned.map((p) => treeText(p.tree)).join(''));
    const step = Math.max(1, Math.round(pending.length / 20));
    const res = await renderInPool(
      pending.map((p) => ({ tree: p.tree, width: p.size.width, height: p.size.height, file: cacheFile(p) })),
      satoriFonts(subset),
      { threads: opts.threads, progress: (done, total) => (done % step === 0 || done === total) && log(`cards ${done}/${total}`) },
    );
    svgMs = res.svgMs;
    pngMs = res.pngMs;
    threads = res.threads;
    jobs = res.jobs.map((j, i) => ({ kind: pending[i]!.size === POSTER ? 'poster' : 'card', ...j }));
  }
  for (const p of planned) {
    mkdirSync(path.dirname(p.out), { recursive: true });
    copyFileSync(cacheFile(p), p.out);
  }
  return { rendered: pending.length, cached: planned.length - pending.length, files: planned.map((p) => p.out), svgMs, pngMs, jobs, threads };
}
