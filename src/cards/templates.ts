/**
 * Card and poster layouts as satori element trees: pure functions of the card data and a text measurer.
 * Text is fitted here, with the font's real advances, rather than left to overflow:
 * - Titles take the largest type size at which they fit their lines, then are broken into lines of
 *   balanced length, so the last line never holds one lonely character; only a title too long for the
 *   smallest size is cut with an ellipsis. CJK may break between any two characters, but a line never
 *   starts with closing punctuation or ends with an opening one; Latin words break at spaces, and a word
 *   too wide for a line is set smaller, and broken between letters only at the smallest size.
 * - Figures are drawn from their printed text (before + number + after, as figureDisplayParts slices it),
 *   never recomposed and never cut: the number shrinks until the whole figure fits its box.
 * - Without figures a card shows the report's summary; with one figure, the figure and the summary; an
 *   organisation's card says for each figure what it is, as of when, and which report it comes from.
 * - The poster fills its height: the type scale is the largest at which title, summary and figures fit
 *   above the QR code, and what is left is shared between the blocks.
 */
import type { CardData, CardFigure } from './data.ts';
import { FIGURES_SHOWN } from '../lib/featured.ts';

export interface Measure {
  width: (text: string, size: number, weight?: 400 | 700) => number;
}

/**
 * Raster images on a card (the site's logo, the poster's QR code) are not drawn by satori: the tree holds an
 * empty box named by `data-slot`, and the renderer composites the image into that box after rasterising. An
 * image inside the SVG costs librsvg a clip path and a full-size mask (about 10 ms a card, 40 ms a poster).
 */
export type ImageSlot = 'logo' | 'qr';

export interface El {
  type: string;
  props: { style?: Record<string, string | number>; children?: (El | string)[] | El | string; 'data-slot'?: ImageSlot };
}

export const CARD = { width: 1200, height: 630 } as const;
export const POSTER = { width: 1080, height: 1440 } as const;

/** Every string a tree draws: what the font must cover. */
export function treeText(el: El | string): string {
  if (typeof el === 'string') return el;
  const c = el.props.children;
  if (c === undefined) return '';
  return (Array.isArray(c) ? c : [c]).map(treeText).join('');
}

/**
 * Optional in the card data, drawn when present: the report's summary (or an organisation's profile), and
 * for an organisation's figure the report it comes from.
 */
type FigureIn = CardFigure & { from?: string };
function summaryOf(c: CardData): string {
  const s = (c as { summary?: unknown }).summary;
  return typeof s === 'string' ? s.trim() : '';
}
function fromOf(f: CardFigure): string {
  const s = (f as FigureIn).from;
  return typeof s === 'string' ? s.trim() : '';
}

function h(type: string, style: Record<string, string | number>, children?: (El | string)[] | El | string, extra: Record<string, unknown> = {}): El {
  return { type, props: { style, ...(children === undefined ? {} : { children }), ...extra } };
}

const INK_MUTED = '#5c6370';
const INK_LIGHT = '#8a9099';
const NO_LINE_START = /^[，。、；：！？）」』”’》〉,.;:!?)\]%…]/;
const NO_LINE_END = /[“‘（《〈「『(\[]$/;

/** Units that must stay together on a line: Latin words and numbers; every CJK character on its own. */
function tokens(text: string): string[] {
  return text.match(/[A-Za-z0-9.%+\-]+|\s+|./gu) ?? [];
}

const graphemes = (s: string) => [...s];

interface Broken {
  lines: string[];
  /** A word wider than the line had to be broken between letters. */
  brokeWord: boolean;
}

/** Greedy line breaking at `maxWidth`, with the punctuation rules; a word wider than a line is split into letters. */
function breakLines(text: string, m: Measure, size: number, weight: 400 | 700, maxWidth: number): Broken {
  let brokeWord = false;
  const toks: string[] = [];
  for (const t of tokens(text.trim())) {
    if (t.length > 1 && !/^\s+$/.test(t) && m.width(t, size, weight) > maxWidth) {
      brokeWord = true;
      toks.push(...graphemes(t));
    } else toks.push(t);
  }
  const lines: string[] = [];
  let cur = '';
  // Widths add up (the measurer sums advances, no kerning), so the line's width is kept, not measured again.
  let curWidth = 0;
  for (const t of toks) {
    if (cur === '' && /^\s+$/.test(t)) continue;
    if (cur === '' || curWidth + m.width(t.trimEnd(), size, weight) <= maxWidth) {
      cur += t;
      curWidth += m.width(t, size, weight);
      continue;
    }
    const chars = graphemes(cur.trimEnd());
    if ((NO_LINE_START.test(t) || NO_LINE_END.test(cur.trimEnd())) && chars.length > 1) {
      // Closing punctuation takes the character before it down; an opening one goes down with its word.
      const last = chars.pop()!;
      lines.push(chars.join('').trimEnd());
      cur = last + t;
    } else {
      lines.push(cur.trimEnd());
      cur = t.trimStart();
    }
    curWidth = m.width(cur, size, weight);
  }
  if (cur.trim()) lines.push(cur.trimEnd());
  return { lines, brokeWord };
}

/**
 * The same number of lines at the narrowest width that still gives that many: lines of equal length rather
 * than full lines and a short last one. A single character left alone on the last line (possible when the
 * punctuation rules move breaks) takes the character before it along.
 */
function balance(text: string, m: Measure, size: number, weight: 400 | 700, maxWidth: number, broken: Broken): string[] {
  const n = broken.lines.length;
  if (n < 2) return broken.lines;
  let lo = Math.max(maxWidth * 0.3, m.width(text.replace(/\s+/g, ''), size, weight) / n - 1);
  let hi = maxWidth;
  let best = broken.lines;
  for (let i = 0; i < 14 && hi - lo > 0.5; i++) {
    const mid = (lo + hi) / 2;
    const b = breakLines(text, m, size, weight, mid);
    if (b.lines.length <= n && b.brokeWord === broken.brokeWord) {
      best = b.lines;
      hi = mid;
    } else lo = mid;
  }
  return noOrphan(atSpace(text, best, m, size, weight, maxWidth), m, size, weight, maxWidth);
}

/**
 * Two lines of a title written as two phrases (党建引领业务攻坚 清收化解见实效) break at the space between
 * them when both halves fit and neither is under a quarter of the whole: the writer's own break reads better
 * than an even one.
 */
function atSpace(text: string, lines: string[], m: Measure, size: number, weight: 400 | 700, maxWidth: number): string[] {
  if (lines.length !== 2) return lines;
  const t = text.trim();
  const total = graphemes(t).length;
  let best: string[] | undefined;
  let bestDiff = Infinity;
  for (const sp of t.matchAll(/\s+/g)) {
    const a = t.slice(0, sp.index).trimEnd();
    const b = t.slice(sp.index + sp[0].length).trimStart();
    // Between Latin words a space is just a space; only a space beside CJK separates phrases.
    if (/[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b)) continue;
    const [la, lb] = [graphemes(a).length, graphemes(b).length];
    if (Math.min(la, lb) < total / 4 || m.width(a, size, weight) > maxWidth || m.width(b, size, weight) > maxWidth) continue;
    if (Math.abs(la - lb) < bestDiff) {
      best = [a, b];
      bestDiff = Math.abs(la - lb);
    }
  }
  return best ?? lines;
}

/** Moves one character down when the last line would hold a single one and the result still fits. */
function noOrphan(lines: string[], m: Measure, size: number, weight: 400 | 700, maxWidth: number): string[] {
  if (lines.length < 2) return lines;
  const last = graphemes(lines.at(-1)!);
  const prev = graphemes(lines.at(-2)!);
  if (last.length !== 1 || prev.length < 3) return lines;
  const moved = prev.pop()!;
  const newLast = moved + last.join('');
  if (m.width(newLast, size, weight) > maxWidth) return lines;
  return [...lines.slice(0, -2), prev.join('').trimEnd(), newLast];
}

/** Cuts lines to `maxLines`, the last ending in … and still within `maxWidth`. */
function cut(lines: string[], m: Measure, size: number, weight: 400 | 700, maxWidth: number, maxLines: number): string[] {
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last && m.width(`${last}…`, size, weight) > maxWidth) last = graphemes(last).slice(0, -1).join('');
  kept[maxLines - 1] = `${last.replace(/[，。、；：\s“‘（《]+$/, '')}…`;
  return kept;
}

/**
 * Break `text` into at most `maxLines` lines no wider than `maxWidth`, balanced in length; when it needs
 * more lines, the last kept line ends in ….
 */
export function fitLines(text: string, m: Measure, size: number, weight: 400 | 700, maxWidth: number, maxLines: number): string[] {
  const broken = breakLines(text, m, size, weight, maxWidth);
  if (broken.lines.length > maxLines) return cut(broken.lines, m, size, weight, maxWidth, maxLines);
  return balance(text, m, size, weight, maxWidth, broken);
}

/** Cut a single line to width with an ellipsis. */
export function fitOneLine(text: string, m: Measure, size: number, weight: 400 | 700, maxWidth: number): string {
  return fitLines(text, m, size, weight, maxWidth, 1)[0] ?? '';
}

export interface FittedText {
  size: number;
  lines: string[];
  /** Whether the text had to be cut with an ellipsis. */
  cut: boolean;
}

/**
 * The largest of `steps` (size and the lines allowed at it) at which `text` fits whole, without breaking a
 * word between letters; at the last step it is broken and cut as needed.
 */
export function fitText(text: string, m: Measure, weight: 400 | 700, maxWidth: number, steps: readonly { size: number; lines: number }[]): FittedText {
  for (const s of steps) {
    const broken = breakLines(text, m, s.size, weight, maxWidth);
    if (broken.lines.length <= s.lines && !broken.brokeWord) return { size: s.size, lines: balance(text, m, s.size, weight, maxWidth, broken), cut: false };
  }
  const last = steps.at(-1)!;
  const broken = breakLines(text, m, last.size, weight, maxWidth);
  const lines = fitLines(text, m, last.size, weight, maxWidth, last.lines);
  return { size: last.size, lines, cut: broken.lines.length > last.lines };
}

export interface FigureLayout {
  numberSize: number;
  unitSize: number;
  /** The figure's name in at most two lines. */
  labelLines: string[];
  asOf: string;
}

const UNIT_RATIO = 0.42;
/** The smallest a number is set: below this it would not be worth sharing. Long figures still fit: boxes are wide. */
const MIN_NUMBER = 14;

/** The width of a figure set at `size`: number at size, the printed text around it at UNIT_RATIO. */
function figureWidth(f: CardFigure, m: Measure, size: number): number {
  const small = Math.round(size * UNIT_RATIO);
  return m.width(f.number, size, 700) + m.width(f.prefix, small, 700) + m.width(f.unit, small, 700) + 6;
}

/** The largest size up to `maxSize` at which the whole printed figure (超2100亿元) fits its box on one line. */
export function figureSize(f: CardFigure, m: Measure, boxWidth: number, maxSize: number): number {
  let size = maxSize;
  while (size > MIN_NUMBER && figureWidth(f, m, size) > boxWidth) size -= 1;
  return size;
}

/** Number and unit sized together so `超2100亿元` fits its box on one line; the label in up to two lines. */
export function layoutFigure(f: CardFigure, m: Measure, boxWidth: number, maxSize: number, labelSize: number): FigureLayout {
  const size = figureSize(f, m, boxWidth, maxSize);
  return {
    numberSize: size,
    unitSize: Math.round(size * UNIT_RATIO),
    labelLines: fitLines(f.label, m, labelSize, 400, boxWidth, 2),
    asOf: fitOneLine(`截至${f.asOf}`, m, Math.round(labelSize * 0.8), 400, boxWidth),
  };
}

interface BoxOpts {
  width: number;
  color: string;
  labelSize: number;
  /** Number size shared by a row, so figures side by side are set alike. */
  numberSize: number;
  /** Label lines reserved, so the numbers of a row stand on one line. */
  labelRows: number;
  /** An organisation card names the report each figure comes from. */
  withSource?: boolean;
}

function figureBox(f: CardFigure, m: Measure, o: BoxOpts): El {
  const small = Math.round(o.numberSize * UNIT_RATIO);
  const unitStyle = { fontSize: small, fontWeight: 700, color: o.color, marginBottom: Math.round(o.numberSize * 0.14) };
  const labelLines = fitLines(f.label, m, o.labelSize, 400, o.width, 2);
  const metaSize = Math.round(o.labelSize * 0.8);
  const from = o.withSource ? fromOf(f) : '';
  // No overflow: hidden here: the text is already fitted, and satori turns every clip into an SVG mask that
  // makes rasterising several times slower.
  return h('div', { display: 'flex', flexDirection: 'column', width: o.width }, [
    h('div', { display: 'flex', flexDirection: 'column', justifyContent: 'flex-end', height: Math.ceil(o.labelRows * o.labelSize * 1.35) }, labelLines.map((l) => h('div', { fontSize: o.labelSize, lineHeight: 1.35, color: INK_MUTED }, l))),
    h('div', { display: 'flex', alignItems: 'flex-end', lineHeight: 1.1 }, [
      ...(f.prefix ? [h('div', { ...unitStyle, marginRight: 2 }, f.prefix)] : []),
      h('div', { fontSize: o.numberSize, fontWeight: 700, color: o.color }, f.number),
      ...(f.unit ? [h('div', { ...unitStyle, marginLeft: 2 }, f.unit)] : []),
    ]),
    h('div', { fontSize: metaSize, lineHeight: 1.4, color: INK_LIGHT }, fitOneLine(`截至${f.asOf}`, m, metaSize, 400, o.width)),
    ...(from ? [h('div', { fontSize: metaSize, lineHeight: 1.4, color: INK_LIGHT }, fitOneLine(`出自《${from}》`, m, metaSize, 400, o.width))] : []),
  ]);
}

/** A row of figures set alike: one number size (the smallest any of them needs), labels on a common baseline. */
function figureRow(figs: readonly CardFigure[], m: Measure, o: Omit<BoxOpts, 'numberSize' | 'labelRows'> & { maxNumber: number; gap: number }): El {
  const numberSize = Math.min(...figs.map((f) => figureSize(f, m, o.width, o.maxNumber)));
  const labelRows = Math.max(1, ...figs.map((f) => fitLines(f.label, m, o.labelSize, 400, o.width, 2).length));
  return h('div', { display: 'flex', gap: o.gap }, figs.map((f) => figureBox(f, m, { ...o, numberSize, labelRows })));
}

/** An empty box the renderer fills with a raster image; whole pixels, so the image is not resampled twice. */
function imageSlot(slot: ImageSlot, size: number, style: Record<string, string | number> = {}): El {
  return h('div', { display: 'flex', width: Math.round(size), height: Math.round(size), flexShrink: 0, ...style }, undefined, { 'data-slot': slot });
}

function brandMark(c: CardData, size: number, color: string): El {
  return h('div', { display: 'flex', alignItems: 'center', fontSize: size, color }, [
    ...(c.logo ? [imageSlot('logo', size * 1.3, { marginRight: 10 })] : []),
    h('div', {}, c.siteName),
  ]);
}

function textBlock(lines: readonly string[], size: number, lineHeight: number, style: Record<string, string | number> = {}): El {
  return h('div', { display: 'flex', flexDirection: 'column', ...style }, lines.map((l) => h('div', { fontSize: size, lineHeight }, l)));
}

/** The summary set as a quotation: a coloured rule beside it. */
function summaryBlock(lines: readonly string[], size: number, accent: string, lineHeight = 1.5): El {
  return h('div', { display: 'flex' }, [
    h('div', { width: 6, backgroundColor: accent, marginRight: 22, borderRadius: 3 }),
    textBlock(lines, size, lineHeight, { color: '#3d4350' }),
  ]);
}

const CARD_PAD = 56;
/** One line if the title allows it at a good size, then two, then three smaller ones. */
export const CARD_TITLE_STEPS = [
  { size: 56, lines: 1 },
  { size: 50, lines: 1 },
  { size: 52, lines: 2 },
  { size: 46, lines: 2 },
  { size: 40, lines: 3 },
  { size: 36, lines: 3 },
] as const;

/** Figures a card has room for, side by side, and a poster's; the counts are featured.ts's table. */
export const CARD_FIGURES = FIGURES_SHOWN.card;
export const POSTER_FIGURES = FIGURES_SHOWN.poster;

/** The body of a report card under its title: figures, a figure with the summary, or the summary alone. */
function cardBody(c: CardData, m: Measure, inner: number, titleLines: number): El | undefined {
  const summary = summaryOf(c);
  const figs = c.figures.slice(0, CARD_FIGURES);
  const n = figs.length;
  if (n >= 2) {
    const gap = 28;
    const width = Math.floor((inner - gap * (n - 1)) / n);
    return figureRow(figs, m, { width, gap, color: c.brand.color, labelSize: 24, maxNumber: n === 2 ? 84 : n === 3 ? 72 : 60 });
  }
  if (n === 1) {
    const f = figs[0]!;
    if (!summary) return figureRow([f], m, { width: inner, gap: 0, color: c.brand.color, labelSize: 26, maxNumber: 96 });
    const figW = Math.min(460, Math.max(300, Math.ceil(figureWidth(f, m, 84))));
    const textW = inner - figW - 48 - 28;
    const lines = fitLines(summary, m, 26, 400, textW, titleLines > 2 ? 3 : 4);
    return h('div', { display: 'flex', alignItems: 'center' }, [
      figureRow([f], m, { width: figW, gap: 0, color: c.brand.color, labelSize: 24, maxNumber: 84 }),
      h('div', { width: 2, alignSelf: 'stretch', backgroundColor: c.brand.accent, marginLeft: 24, marginRight: 24 }),
      textBlock(lines, 26, 1.5, { color: '#3d4350', width: textW }),
    ]);
  }
  if (!summary) return undefined;
  const size = titleLines > 2 ? 28 : 30;
  return summaryBlock(fitLines(summary, m, size, 400, inner - 28, titleLines > 2 ? 3 : 4), size, c.brand.accent);
}

/**
 * An organisation's figures two by two, each saying what it is, as of when and which report it comes from;
 * when one report gave them all, it is named once under them.
 */
function orgBody(c: CardData, m: Measure, inner: number): El | undefined {
  const figs = c.figures.slice(0, CARD_FIGURES);
  if (figs.length === 0) return undefined;
  const gap = 40;
  const cols = figs.length === 1 ? 1 : 2;
  const width = Math.floor((inner - gap * (cols - 1)) / cols);
  const rows: CardFigure[][] = [];
  for (let i = 0; i < figs.length; i += cols) rows.push(figs.slice(i, i + cols));
  const maxNumber = Math.min(...rows.map((r) => Math.min(...r.map((f) => figureSize(f, m, width, rows.length > 1 ? 54 : 72)))));
  const sources = new Set(figs.map(fromOf));
  const oneSource = sources.size === 1 && figs.length > 1 ? [...sources][0]! : '';
  const grid = rows.map((r) => figureRow(r, m, { width, gap, color: c.brand.color, labelSize: 22, maxNumber, withSource: !oneSource }));
  if (oneSource) grid.push(h('div', { fontSize: 20, color: INK_LIGHT }, fitOneLine(`以上数字均出自《${oneSource}》`, m, 20, 400, inner)));
  return h('div', { display: 'flex', flexDirection: 'column', gap: 18 }, grid);
}

/** 1200×630: used as og:image and posted in chat groups. */
export function cardTree(c: CardData, m: Measure): El {
  const inner = CARD.width - CARD_PAD * 2;
  const org = c.kind === 'org';
  // An organisation's name is one line; a report title takes the lines the figures leave it.
  const title = fitText(c.title, m, 700, inner, org ? [{ size: 52, lines: 1 }, { size: 44, lines: 1 }, { size: 38, lines: 2 }] : CARD_TITLE_STEPS);
  // An organisation without figures is introduced by its profile, as a report without figures by its summary.
  const body = org ? (orgBody(c, m, inner) ?? cardBody({ ...c, figures: [] }, m, inner, title.lines.length)) : cardBody(c, m, inner, title.lines.length);
  return h('div', { width: CARD.width, height: CARD.height, display: 'flex', flexDirection: 'column', backgroundColor: '#ffffff', fontFamily: 'Noto Sans SC', color: c.brand.ink }, [
    h('div', { height: 14, backgroundColor: c.brand.color, width: CARD.width }),
    h('div', { display: 'flex', flexDirection: 'column', padding: `32px ${CARD_PAD}px 34px`, flexGrow: 1, justifyContent: 'space-between' }, [
      h('div', { display: 'flex', justifyContent: 'space-between', alignItems: 'center' }, [
        h('div', { fontSize: 28, fontWeight: 700, color: c.brand.color }, fitOneLine(c.org, m, 28, 700, inner * 0.62)),
        brandMark(c, 24, INK_MUTED),
      ]),
      textBlock(title.lines, title.size, 1.3, { fontWeight: 700 }),
      ...(body ? [body] : []),
      // A rule drawn as a box, not a border: satori renders borders with clip paths and masks, which
      // cost more to rasterise than the rest of the card.
      h('div', { display: 'flex', flexDirection: 'column' }, [
        h('div', { height: 2, backgroundColor: c.brand.accent, width: inner }),
        h('div', { display: 'flex', justifyContent: 'space-between', fontSize: 22, color: INK_LIGHT, paddingTop: 12 }, [
          h('div', {}, c.footer),
          h('div', {}, org ? '各项数字均为该机构最新一期' : '阅读全文请访问内网案例展台'),
        ]),
      ]),
    ]),
  ]);
}

const POSTER_PAD = 72;
/** Height of the poster's coloured band and of its footer with the QR code. */
const POSTER_BAND = 196;
const POSTER_FOOTER = 324;
/** Type scales tried for the poster, largest first. */
const POSTER_SCALES = [1.75, 1.6, 1.45, 1.35, 1.25, 1.15, 1.05, 1, 0.92, 0.85, 0.78];
/** Vertical padding of the poster's middle part. */
const POSTER_MID_PAD = 24;

interface PosterPlan {
  title: FittedText;
  summary: string[];
  summarySize: number;
  rows: CardFigure[][];
  /** The largest number size; each row may need a smaller one. */
  numberSize: number;
  labelSize: number;
  height: number;
}

/** The poster's blocks at type scale `s`, and the height they take. */
function planPoster(c: CardData, m: Measure, s: number, inner: number, boxW: number, cols: number): PosterPlan {
  const summaryText = summaryOf(c);
  const figs = c.figures.slice(0, POSTER_FIGURES);
  const title = fitText(c.title, m, 700, inner, [{ size: Math.round(64 * s), lines: 4 }, { size: Math.round(56 * s), lines: 4 }]);
  const summarySize = Math.round((figs.length === 0 ? 38 : 32) * s);
  const summaryLines = figs.length === 0 ? 8 : figs.length <= 2 ? 5 : 4;
  const summary = summaryText ? fitLines(summaryText, m, summarySize, 400, inner - 28, summaryLines) : [];
  const rows: CardFigure[][] = [];
  for (let i = 0; i < figs.length; i += cols) rows.push(figs.slice(i, i + cols));
  const labelSize = Math.round(30 * s);
  const numberSize = Math.round((cols === 1 ? 150 : 112) * s);
  // Each row as figureRow sets it: the number size its widest figure allows, labels on a common line.
  const labelRows = (r: CardFigure[]) => Math.max(1, ...r.map((f) => fitLines(f.label, m, labelSize, 400, boxW, 2).length));
  const rowNumber = (r: CardFigure[]) => Math.min(...r.map((f) => figureSize(f, m, boxW, numberSize)));
  const rowH = (r: CardFigure[]) => labelRows(r) * labelSize * 1.35 + rowNumber(r) * 1.1 + labelSize * 0.8 * 1.4;
  const height =
    title.lines.length * title.size * 1.3 +
    (summary.length ? 44 + summary.length * summarySize * 1.5 : 0) +
    (rows.length ? 48 + rows.reduce((a, r) => a + rowH(r), 0) + 40 * (rows.length - 1) : 0);
  return { title, summary, summarySize, rows, numberSize, labelSize, height };
}

/** Side of the poster's QR code in px. */
export const POSTER_QR = 260;

/** The largest scale whose blocks fit with the whole title, else the largest that fits, else the smallest; planned largest first, until one fits whole. */
function choosePosterPlan(plan: (scale: number) => PosterPlan, available: number): PosterPlan {
  let fits: PosterPlan | undefined;
  let p: PosterPlan | undefined;
  for (const s of POSTER_SCALES) {
    p = plan(s);
    if (p.height <= available && !p.title.cut) return p;
    if (p.height <= available) fits ??= p;
  }
  return fits ?? p!;
}

/** 1080×1440 portrait: the same content set large, with the summary and a QR code to the report (slot `qr`). */
export function posterTree(c: CardData, m: Measure): El {
  const inner = POSTER.width - POSTER_PAD * 2;
  const cols = Math.min(c.figures.length, POSTER_FIGURES) > 1 ? 2 : 1;
  const gap = 48;
  const boxW = Math.floor((inner - gap * (cols - 1)) / cols);
  const available = POSTER.height - POSTER_BAND - POSTER_FOOTER - 2 * POSTER_MID_PAD;
  // The largest scale whose blocks fit, and a whole title if any scale allows one.
  const plan = choosePosterPlan((s) => planPoster(c, m, s, inner, boxW, cols), available);
  const blocks: El[] = [textBlock(plan.title.lines, plan.title.size, 1.3, { fontWeight: 700 })];
  if (plan.summary.length) blocks.push(summaryBlock(plan.summary, plan.summarySize, c.brand.accent));
  if (plan.rows.length) {
    blocks.push(h('div', { display: 'flex', flexDirection: 'column', gap: 40 }, plan.rows.map((row) =>
      figureRow(row, m, { width: boxW, gap, color: c.brand.color, labelSize: plan.labelSize, maxNumber: plan.numberSize }),
    )));
  }
  return h('div', { width: POSTER.width, height: POSTER.height, display: 'flex', flexDirection: 'column', backgroundColor: '#ffffff', fontFamily: 'Noto Sans SC', color: c.brand.ink }, [
    h('div', { display: 'flex', flexDirection: 'column', justifyContent: 'center', height: POSTER_BAND, backgroundColor: c.brand.color, padding: `0 ${POSTER_PAD}px`, color: '#ffffff' }, [
      brandMark(c, 30, '#ffffff'),
      h('div', { fontSize: 42, fontWeight: 700, marginTop: 20 }, fitOneLine(c.org, m, 42, 700, inner)),
    ]),
    // What the blocks leave of the height is shared between them, not left blank at the bottom.
    h('div', { display: 'flex', flexDirection: 'column', justifyContent: 'space-evenly', padding: `${POSTER_MID_PAD}px ${POSTER_PAD}px`, flexGrow: 1 }, blocks),
    h('div', { display: 'flex', alignItems: 'flex-end', justifyContent: 'space-between', height: POSTER_FOOTER, padding: `0 ${POSTER_PAD}px 64px` }, [
      h('div', { display: 'flex', flexDirection: 'column', fontSize: 30, color: INK_MUTED }, [
        h('div', { width: 120, height: 6, backgroundColor: c.brand.accent, marginBottom: 28 }),
        h('div', {}, c.footer),
        h('div', { marginTop: 8 }, '扫码阅读全文'),
      ]),
      imageSlot('qr', POSTER_QR),
    ]),
  ]);
}
