/**
 * Cards for a build: a 1200×630 card and a 1080×1440 poster for every published report, a card for every
 * organisation with published reports. A card is rendered only when its inputs change. Its cache key hashes
 * the card's data (what it shows: title, figures, dates, address, logo), the template and renderer sources,
 * the font files and the versions of the libraries that draw it; all of that is known before layout, so a
 * card whose key is in the cache is neither laid out nor drawn (nor its poster's QR code made). A cached card is
 * used only when its content hash matches the one recorded when it was drawn, and goes into the site as a copy
 * (src/cache/verified.ts), so the site never changes when the cache does.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import type { ContentModel } from '../lib/model.ts';
import { groupInOrder } from '../lib/site-index.ts';
import { routes } from '../lib/urls.ts';
import { copyIntoSite, verdictSummary, verifyCacheFile } from '../cache/verified.ts';
import { cardText, orgCardData, reportCardData, type CardData } from './data.ts';
import { createMeasurer, loadSourceFonts, subsetFonts, type FontSet } from './fonts.ts';
import { renderInPool } from './pool.ts';
import { satoriFonts } from './render.ts';
import { CARD, POSTER, cardTree, posterTree, treeText } from './templates.ts';

export interface BuildCardsOptions {
  model: ContentModel;
  /** The built site (dist/). */
  outDir: string;
  cacheDir?: string;
  log?: (line: string) => void;
  /** Where a damaged cache entry is reported (default: log). */
  warn?: (line: string) => void;
  /** Worker threads (default: available cores). */
  threads?: number;
  fonts?: FontSet;
  /** The project folder (Astro's root): the logo is under its public/, the card cache under its node_modules/. */
  root: string;
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
  /** Each card file put into the site with its SHA-256 (for the build's stamp, which need not read it again). */
  hashes: [file: string, hash: string][];
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

/** What turns a card's data into pixels: a change to any of them renders every card again. */
const TEMPLATE_FILES = ['templates.ts', 'render.ts', 'data.ts', 'qr.ts', 'fonts.ts', 'job.ts'];
const LIBRARIES = ['satori', 'qrcode', 'harfbuzzjs', 'subset-font'];

function templateHash(): string {
  const h = createHash('sha256');
  for (const f of TEMPLATE_FILES) h.update(readFileSync(new URL(`./${f}`, import.meta.url)));
  const require = createRequire(import.meta.url);
  for (const lib of LIBRARIES) {
    try {
      h.update(`${lib}@${(require(`${lib}/package.json`) as { version: string }).version}`);
    } catch {
      h.update(`${lib}@?`);
    }
  }
  // sharp does not export its package.json; its versions list covers librsvg, cairo and libpng, which draw the pixels.
  h.update(JSON.stringify(sharp.versions));
  return h.digest('hex');
}

/** The logo as a small PNG data URI: a raster image costs the SVG rasteriser far less than a nested SVG. */
export async function logoDataUri(model: ContentModel, root: string): Promise<string | undefined> {
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
  data: CardData;
  kind: 'card' | 'poster';
  size: { width: number; height: number };
  out: string;
  key: string;
}

export async function buildCards(opts: BuildCardsOptions): Promise<BuildCardsResult> {
  const { model, outDir } = opts;
  const log = opts.log ?? ((s: string) => process.stderr.write(`${s}\n`));
  const root = opts.root;
  const cacheDir = opts.cacheDir ?? path.join(root, 'node_modules', '.cache', 'showcase-cards');
  const published = model.reports.filter((r) => r.published);
  const logo = await logoDataUri(model, root);
  const byOrg = groupInOrder(published, (r) => r.org.id);
  const cards: CardData[] = [
    ...published.map((r) => reportCardData(r, model, logo)),
    ...model.registry.orgs.map((o) => orgCardData(o, byOrg.get(o.id) ?? [], model, logo)).filter((c): c is CardData => !!c),
  ];

  const fonts = opts.fonts ?? loadSourceFonts();
  const version = createHash('sha256').update(templateHash()).update(fonts.hash).update(logo ?? '').digest('hex');
  const planned: Planned[] = [];
  for (const data of cards) {
    // The logo is in `version`: hashing its data URI once instead of with every card.
    const json = JSON.stringify({ ...data, logo: !!data.logo });
    const plan = (kind: Planned['kind'], size: Planned['size'], out: string) => {
      const key = createHash('sha256').update(version).update(kind).update(`${size.width}x${size.height}`).update(json).digest('hex');
      planned.push({ data, kind, size, out: path.join(outDir, out), key });
    };
    plan('card', CARD, data.kind === 'report' ? routes.reportCard(data.id) : routes.orgCard(data.id));
    if (data.kind === 'report') plan('poster', POSTER, routes.reportPoster(data.id));
  }
  const cacheFile = (p: Planned) => path.join(cacheDir, p.key.slice(0, 2), `${p.key}.png`);
  // A cached PNG is reused only if it is what was drawn: a damaged one (a crash, a full disk, an edit) is deleted
  // and drawn again.
  const verdicts = planned.map((p) => verifyCacheFile(cacheFile(p)));
  const pending = planned.filter((_, i) => !verdicts[i]!.ok);
  const damaged = verdictSummary(verdicts, '张卡片');
  if (damaged) (opts.warn ?? log)(`分享卡片缓存：${damaged}，已删除，这些卡片重新生成。`);

  let svgMs: number[] = [];
  let pngMs: number[] = [];
  let jobs: BuildCardsResult['jobs'] = [];
  let threads = 0;
  if (pending.length > 0) {
    const measure = await createMeasurer(fonts);
    // Checked on the data, before layout: an ellipsis could otherwise hide the very character that is missing.
    // A cached card passed this check when it was drawn, with the same data and fonts (both are in its key).
    const seen = new Set<CardData>();
    const missing = pending
      .filter((p) => !seen.has(p.data) && seen.add(p.data))
      .map((p) => ({ source: p.data.source, chars: measure.missing(cardText(p.data)) }))
      .filter((p) => p.chars.length > 0);
    if (missing.length > 0) throw new MissingGlyphError(missing);
    const trees = pending.map((p) => (p.kind === 'poster' ? posterTree(p.data, measure) : cardTree(p.data, measure)));
    // The font cut down to what these cards draw; a glyph looks the same in any subset that has it.
    const subset = await subsetFonts(fonts, trees.map(treeText).join(''));
    const step = Math.max(1, Math.round(pending.length / 20));
    const res = await renderInPool(
      pending.map((p, i) => ({ tree: trees[i]!, width: p.size.width, height: p.size.height, file: cacheFile(p), logo: p.data.logo, ...(p.kind === 'poster' ? { qr: p.data.url } : {}) })),
      satoriFonts(subset),
      { threads: opts.threads, progress: (done, total) => (done % step === 0 || done === total) && log(`cards ${done}/${total}`) },
    );
    svgMs = res.svgMs;
    pngMs = res.pngMs;
    threads = res.threads;
    jobs = res.jobs.map((j, i) => ({ kind: pending[i]!.kind, svgMs: j.svgMs, pngMs: j.pngMs, bytes: j.bytes }));
  }
  // The cards folder is part of a whole site even before its first report is published (a new bank's site).
  mkdirSync(path.join(outDir, path.dirname(path.dirname(routes.orgCard('_')))), { recursive: true });
  const dirs = new Set<string>();
  const hashes: BuildCardsResult['hashes'] = [];
  planned.forEach((p, i) => {
    const dir = path.dirname(p.out);
    if (!dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    const v = verdicts[i]!.ok ? verdicts[i]! : verifyCacheFile(cacheFile(p));
    if (!v.ok) throw new Error(`分享卡片写入缓存后读出来不对（${cacheFile(p)}）：请检查磁盘是否已满或损坏，然后重新构建。`);
    copyIntoSite(cacheFile(p), p.out);
    hashes.push([p.out, v.hash]);
  });
  return { rendered: pending.length, cached: planned.length - pending.length, files: planned.map((p) => p.out), svgMs, pngMs, jobs, threads, hashes };
}
