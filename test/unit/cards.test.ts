/**
 * Cards: text fitting measured with the real font (balanced titles, Latin words, figures never cut), what
 * each layout shows, posters that use their height, image snapshots with committed fonts for every layout,
 * PNG sizes, the poster's QR code decoded back to the report URL, glyph coverage, nothing for unpublished
 * reports, and the cache.
 */
import jsQR from 'jsqr';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCards, MissingGlyphError } from '../../src/cards/build.ts';
import { PROJECT_ROOT } from '../../src/node/config.ts';
import { cardText, orgCardData, reportCardData, type CardData } from '../../src/cards/data.ts';
import { createMeasurer, loadFontFiles, subsetFonts, type Measurer } from '../../src/cards/fonts.ts';
import { slotImages } from '../../src/cards/job.ts';
import { firstWithin, MAX_PNG_BYTES, PNG_ENCODINGS, renderPng, satoriFonts, svgToPng } from '../../src/cards/render.ts';
import { CARD, CARD_FIGURES, CARD_TITLE_STEPS, POSTER, POSTER_FIGURES, cardTree, fitLines, fitText, layoutFigure, posterTree, treeText, type El } from '../../src/cards/templates.ts';
import { loadContent } from '../helpers/content.ts';
import { LONG_CARD, MANY_FIGURE_CARD, NO_FIGURE_CARD, ONE_FIGURE_CARD, ORG_CARD, ORPHAN_TITLE, SAMPLE_CARD, W60_CARD, type TestCard } from '../fixtures/cards/cards.ts';

const FONTS = loadFontFiles('test/fixtures/cards/fonts/NotoSansSC-subset-400.ttf', 'test/fixtures/cards/fonts/NotoSansSC-subset-700.ttf');
const SNAP = 'test/fixtures/cards/snapshots';
const CARD_INNER = CARD.width - 112;
const POSTER_INNER = POSTER.width - 144;
let m: Measurer;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-cards-'));

beforeAll(async () => {
  m = await createMeasurer(FONTS);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function raw(png: Buffer) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** Text boxes in a tree, with their type size: every line must fit its box. */
function lineWidths(el: El | string, out: { text: string; size: number; weight: 400 | 700 }[] = []) {
  if (typeof el === 'string') return out;
  const kids = el.props.children;
  const style = el.props.style ?? {};
  if (typeof kids === 'string') out.push({ text: kids, size: Number(style.fontSize ?? 16), weight: style.fontWeight === 700 ? 700 : 400 });
  else for (const k of Array.isArray(kids) ? kids : kids ? [kids] : []) lineWidths(k, out);
  return out;
}

/** The title's lines as drawn: the first bold block of several-line text after the header. */
function titleLines(tree: El): string[] {
  const found: string[][] = [];
  const walk = (el: El | string) => {
    if (typeof el === 'string') return;
    const kids = el.props.children;
    const list = Array.isArray(kids) ? kids : kids ? [kids] : [];
    if (el.props.style?.fontWeight === 700 && el.props.style.flexDirection === 'column' && list.every((k) => typeof k !== 'string' && typeof k.props.children === 'string')) {
      found.push(list.map((k) => (k as El).props.children as string));
    }
    list.forEach(walk);
  };
  walk(tree);
  return found[0] ?? [];
}

/** Rows of a rendered image that are all background, as runs: [first row, length]. */
async function blankRuns(png: Buffer): Promise<{ longest: number; lowestInk: (below: number) => number }> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const inked: boolean[] = [];
  for (let y = 0; y < info.height; y++) {
    let ink = false;
    for (let x = 0; x < info.width && !ink; x++) {
      const i = (y * info.width + x) * 3;
      if (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240) ink = true;
    }
    inked.push(ink);
  }
  let longest = 0;
  let run = 0;
  for (const ink of inked) {
    run = ink ? 0 : run + 1;
    longest = Math.max(longest, run);
  }
  // The lowest inked row above `below` (the poster's footer with the QR code starts there).
  const lowestInk = (below: number) => inked.slice(0, below).lastIndexOf(true);
  return { longest, lowestInk };
}

const poster = (c: CardData) => posterTree(c, m);
/** A poster rendered as the build renders it: its QR code encodes the report's address. */
const renderPoster = (c: CardData) => renderPng(poster(c), POSTER, satoriFonts(FONTS.files), slotImages({ logo: c.logo, qr: c.url }));

describe('text that fits', () => {
  it('wraps a long title into at most two lines, each within the card, ending in an ellipsis', () => {
    const lines = fitLines(LONG_CARD.title, m, 50, 700, CARD_INNER, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    for (const l of lines) expect(m.width(l, 50, 700)).toBeLessThanOrEqual(CARD_INNER);
    expect(lines.join('').replace('…', '').length).toBeLessThan(LONG_CARD.title.length);
  });

  it('keeps a short title whole and never starts a line with closing punctuation or ends one with opening', () => {
    expect(fitLines(SAMPLE_CARD.title, m, 50, 700, CARD_INNER, 2)).toEqual([SAMPLE_CARD.title]);
    const lines = fitLines('甲乙丙丁戊己庚辛壬癸，子丑寅卯。', m, 40, 400, m.width('甲乙丙丁戊己庚辛壬癸', 40, 400) + 1, 3);
    for (const l of lines.slice(1)) expect(l).not.toMatch(/^[，。]/);
    for (const l of fitLines(LONG_CARD.title, m, 50, 700, CARD_INNER, 3)) expect(l).not.toMatch(/[“（]$/);
  });

  it('rebalances: never one character alone on the last line, lines of near-equal length', () => {
    // Greedy breaking at 50 px fills the first line and leaves the rest short.
    const greedyLast = ORPHAN_TITLE.length - Math.floor(CARD_INNER / m.width('湖', 50, 700));
    expect(greedyLast).toBeLessThanOrEqual(2);
    const lines = fitLines(ORPHAN_TITLE, m, 50, 700, CARD_INNER, 2);
    expect(lines.join('')).toBe(ORPHAN_TITLE);
    expect(lines).toHaveLength(2);
    expect(Math.abs(lines[0]!.length - lines[1]!.length)).toBeLessThanOrEqual(1);
    expect(titleLines(cardTree({ ...SAMPLE_CARD, title: ORPHAN_TITLE }, m)).join('')).toBe(ORPHAN_TITLE);
  });

  it('a title written as two phrases breaks at the space between them', () => {
    const title = '湖南中行党建引领业务攻坚 清收化解见实效';
    const width = m.width('湖南中行党建引领业务攻坚', 50, 700) + 60;
    expect(fitLines(title, m, 50, 700, width, 2)).toEqual(['湖南中行党建引领业务攻坚', '清收化解见实效']);
    // A space between Latin words is no phrase break: the lines are simply balanced.
    const latin = fitLines('Party building leads inclusive finance', m, 50, 700, m.width('Party building leads', 50, 700) + 4, 2);
    expect(latin.join(' ')).toBe('Party building leads inclusive finance');
  });

  it('every title length from 4 to 60 characters: last line of at least two characters, every line inside the card', () => {
    const pool = `${SAMPLE_CARD.title}${LONG_CARD.title.replace(/[“”]/g, '')}`;
    for (let n = 4; n <= 60; n++) {
      const title = [...pool].slice(0, n).join('');
      const fit = fitText(title, m, 700, CARD_INNER, CARD_TITLE_STEPS);
      for (const l of fit.lines) expect(m.width(l, fit.size, 700), title).toBeLessThanOrEqual(CARD_INNER);
      if (fit.lines.length > 1) expect([...fit.lines.at(-1)!].length, `${n}: ${fit.lines.join(' / ')}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('Latin words wrap at spaces; 60 W, one word, shrinks and stays inside the card and the poster', async () => {
    const english = 'Party building leads inclusive finance for the rural households of the county';
    const fit = fitText(english, m, 700, CARD_INNER, CARD_TITLE_STEPS);
    const words = new Set(english.split(' '));
    for (const l of fit.lines) for (const w of l.split(' ')) expect(words.has(w), w).toBe(true);
    expect(fit.cut).toBe(false);

    const w60 = fitText(W60_CARD.title, m, 700, CARD_INNER, CARD_TITLE_STEPS);
    expect(w60.size).toBeLessThan(CARD_TITLE_STEPS[0].size);
    expect(w60.lines.join('')).toBe(W60_CARD.title);
    for (const [tree, width] of [[cardTree(W60_CARD, m), CARD_INNER], [poster(W60_CARD), POSTER_INNER]] as const) {
      expect(titleLines(tree).join('')).toBe(W60_CARD.title);
      for (const t of lineWidths(tree)) expect(m.width(t.text, t.size, t.weight), t.text).toBeLessThanOrEqual(width);
    }
  });

  it('shrinks a large figure with a long unit until number and unit fit the box; labels take two lines', () => {
    for (const f of LONG_CARD.figures) {
      const l = layoutFigure(f, m, 340, 84, 24);
      expect(m.width(f.number, l.numberSize, 700) + m.width(`${f.prefix}${f.unit}`, l.unitSize, 700)).toBeLessThanOrEqual(340);
      expect(l.labelLines.length).toBeLessThanOrEqual(2);
      for (const line of l.labelLines) expect(m.width(line, 24, 400)).toBeLessThanOrEqual(340);
    }
    expect(layoutFigure(LONG_CARD.figures[0]!, m, 340, 84, 24).labelLines.join('')).toBe(LONG_CARD.figures[0]!.label);
  });

  it('the committed fonts have every character the test cards draw (else a snapshot would hide a gap)', async () => {
    for (const c of [SAMPLE_CARD, MANY_FIGURE_CARD, ONE_FIGURE_CARD, NO_FIGURE_CARD, LONG_CARD, W60_CARD, ORG_CARD]) {
      for (const tree of [cardTree(c, m), poster(c)]) expect(m.missing(treeText(tree)), c.id).toEqual([]);
    }
  });

  it('no single text line of any test card or poster is wider than the canvas', async () => {
    for (const c of [SAMPLE_CARD, MANY_FIGURE_CARD, ONE_FIGURE_CARD, NO_FIGURE_CARD, LONG_CARD, W60_CARD, ORG_CARD]) {
      for (const [tree, width] of [[cardTree(c, m), CARD_INNER], [poster(c), POSTER_INNER]] as const) {
        for (const t of lineWidths(tree)) expect(m.width(t.text, t.size, t.weight), `${c.id}: ${t.text}`).toBeLessThanOrEqual(width);
      }
    }
  });
});

describe('what each layout shows', () => {
  it('figures exactly as printed: marker, number and unit in their order, never cut', async () => {
    for (const c of [SAMPLE_CARD, ONE_FIGURE_CARD, LONG_CARD, ORG_CARD]) {
      for (const tree of [cardTree(c, m), poster(c)]) {
        const text = treeText(tree);
        for (const f of c.figures) expect(text, `${c.id}`).toContain(`${f.prefix}${f.number}${f.unit}`);
        expect(text).not.toMatch(/\d…/);
      }
    }
    // From real reports: the card data slices m.text, the tree draws it back whole.
    const { model } = await loadContent({ contentDir: 'test/fixtures/content' });
    for (const r of model.reports.filter((x) => x.published && x.metrics.length > 0)) {
      const data = reportCardData(r, model);
      const text = treeText(cardTree(data, m));
      for (const f of data.figures) expect(r.metrics.map((x) => x.text)).toContain(`${f.prefix}${f.number}${f.unit}`);
      for (const f of data.figures.slice(0, CARD_FIGURES)) expect(text).toContain(`${f.prefix}${f.number}${f.unit}`);
    }
  }, 60_000);

  it('a card has room for four figures, a poster for six: the first, in the order the data gives them', async () => {
    expect([CARD_FIGURES, POSTER_FIGURES]).toEqual([4, 6]);
    const card = treeText(cardTree(MANY_FIGURE_CARD, m));
    const tall = treeText(poster(MANY_FIGURE_CARD));
    MANY_FIGURE_CARD.figures.forEach((f, i) => {
      const printed = `${f.prefix}${f.number}${f.unit}`;
      expect(card.includes(printed), printed).toBe(i < CARD_FIGURES);
      expect(tall).toContain(printed);
    });
  });

  it('a report without figures shows its summary, with one figure the figure and its summary; never a filler word', async () => {
    for (const c of [NO_FIGURE_CARD, ONE_FIGURE_CARD] as TestCard[]) {
      for (const tree of [cardTree(c, m), poster(c)]) {
        const text = treeText(tree);
        expect(text).toContain(c.summary!.slice(0, 20));
        expect(text).not.toContain('图文案例');
      }
    }
    // Without a summary in the data the card draws nothing in its place.
    const bare: CardData = { ...NO_FIGURE_CARD, summary: undefined } as CardData;
    expect(treeText(cardTree(bare, m))).not.toContain('图文案例');
  });

  it('an organisation card says what each figure is, as of when, and which report it comes from', () => {
    const text = treeText(cardTree(ORG_CARD, m));
    for (const f of ORG_CARD.figures) {
      expect(text).toContain(f.label);
      expect(text).toContain(`截至${f.asOf}`);
    }
    expect(text).toContain('出自《示例农商行上半年存贷款稳步增长》');
    expect(text).toContain('出自《示例农商行金融知识进万家》');
    // One report for all of them: named once.
    const one = { ...ORG_CARD, figures: ORG_CARD.figures.map((f) => ({ ...f, from: '示例农商行上半年存贷款稳步增长' })) } as CardData;
    const once = treeText(cardTree(one, m));
    expect(once.split('示例农商行上半年存贷款稳步增长').length - 1).toBe(1);
    expect(once).toContain('以上数字均出自《示例农商行上半年存贷款稳步增长》');
  });
});

describe('posters use their height', () => {
  for (const [name, c] of [['six figures', MANY_FIGURE_CARD], ['four figures', SAMPLE_CARD], ['no figures', NO_FIGURE_CARD], ['one figure', ONE_FIGURE_CARD], ['long title', LONG_CARD]] as const) {
    it(`${name}: no blank band taller than a ninth of the poster; content reaches the lower third`, async () => {
      const { png } = await renderPoster(c);
      const runs = await blankRuns(png);
      expect(runs.longest).toBeLessThanOrEqual(POSTER.height / 9);
      // Above the footer (QR code and date, the bottom 324 px), the content's lowest drawn pixel.
      expect(runs.lowestInk(POSTER.height - 324)).toBeGreaterThan(POSTER.height * (2 / 3));
    });
  }
});

describe('image snapshots (committed fonts)', () => {
  const layouts: [string, TestCard, 'card' | 'poster'][] = [
    ['card-4-figures', SAMPLE_CARD, 'card'],
    ['card-1-figure', ONE_FIGURE_CARD, 'card'],
    ['card-no-figures', NO_FIGURE_CARD, 'card'],
    ['card-long-title', LONG_CARD, 'card'],
    ['card-60-w', W60_CARD, 'card'],
    ['org-card', ORG_CARD, 'card'],
    ['poster-many-figures', MANY_FIGURE_CARD, 'poster'],
    ['poster-no-figures', NO_FIGURE_CARD, 'poster'],
    ['poster-long-title', LONG_CARD, 'poster'],
  ];
  for (const [name, card, kind] of layouts) {
    it(`${name}: matches the snapshot, at most 150 KB`, async () => {
      const { png } = kind === 'card' ? await renderPng(cardTree(card, m), CARD, satoriFonts(FONTS.files), slotImages(card)) : await renderPoster(card);
      expect(png.length).toBeLessThanOrEqual(MAX_PNG_BYTES);
      const file = path.join(SNAP, `${name}.png`);
      if (process.env.UPDATE_CARD_SNAPSHOTS === '1' || !existsSync(file)) {
        if (process.env.CI && !existsSync(file)) throw new Error(`缺少快照 ${file}`);
        mkdirSync(SNAP, { recursive: true });
        writeFileSync(file, png);
      }
      const [a, b] = await Promise.all([raw(png), raw(readFileSync(file))]);
      expect([a.width, a.height]).toEqual([b.width, b.height]);
      const diff = pixelmatch(a.data, b.data, undefined, a.width, a.height, { threshold: 0.1 });
      // Same fonts, same rasteriser: the image is the same to the pixel. A handful of pixels is allowed for
      // anti-aliasing; one 22 px grey character missing is about 70.
      expect(diff).toBeLessThanOrEqual(20);
    });
  }

  it('every committed snapshot belongs to a layout above', () => {
    expect(readdirSync(SNAP).sort()).toEqual(layouts.map(([n]) => `${n}.png`).sort());
  });
});

describe('PNG encoding', () => {
  it('tries the encodings in order and keeps the first within the limit', async () => {
    const tried: number[] = [];
    const out = await firstWithin([300, 200, 100, 50], async (n) => (tried.push(n), Buffer.alloc(n)), 150);
    expect(tried).toEqual([300, 200, 100]);
    expect(out.length).toBe(100);
  });

  it('keeps the last encoding when none is within the limit', async () => {
    expect((await firstWithin([300, 200], async (n) => Buffer.alloc(n), 150)).length).toBe(200);
  });

  it('an image the fast encoding leaves over 150 KB is encoded again within it, with the same pixels', async () => {
    // Six-pixel blocks in 48 colours: the fast zlib level finds few of the repeats that level 6 finds.
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const colours = Array.from({ length: 48 }, (_, i) => `hsl(${(i * 37) % 360},70%,${30 + (i % 5) * 10}%)`);
    let rects = '';
    for (let y = 0; y < CARD.height; y += 6) for (let x = 0; x < CARD.width; x += 6) rects += `<rect x="${x}" y="${y}" width="6" height="6" fill="${colours[Math.floor(rnd() * colours.length)]}"/>`;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD.width}" height="${CARD.height}">${rects}</svg>`;
    const fast = await sharp(Buffer.from(svg)).png(PNG_ENCODINGS[0]).toBuffer();
    expect(fast.length).toBeGreaterThan(MAX_PNG_BYTES);
    const png = await svgToPng(svg);
    expect(png.length).toBeLessThanOrEqual(MAX_PNG_BYTES);
    expect(Buffer.from((await raw(png)).data).equals(Buffer.from((await raw(fast)).data))).toBe(true);
  });
});

describe('QR code', () => {
  it('the poster decodes to the report’s absolute URL under the base path', async () => {
    const { png } = await renderPoster(SAMPLE_CARD);
    const img = await raw(png);
    const code = jsQR(img.data, img.width, img.height);
    expect(code?.data).toBe('http://showcase.bank.local/showcase/reports/hunan-boc-2023-fudaoyuan/');
  });
});

describe('logo', () => {
  // A logo of one colour no layout uses, so any pixel of it on the card can only come from the logo.
  const BLUE = { r: 0, g: 80, b: 255 };
  const logoUri = async () => `data:image/png;base64,${(await sharp({ create: { width: 96, height: 96, channels: 4, background: { ...BLUE, alpha: 1 } } }).png().toBuffer()).toString('base64')}`;
  const bluePixels = async (png: Buffer) => {
    const img = await raw(png);
    const at: [number, number][] = [];
    for (let i = 0; i < img.data.length; i += 4) {
      if (Math.abs(img.data[i]! - BLUE.r) < 8 && Math.abs(img.data[i + 1]! - BLUE.g) < 8 && Math.abs(img.data[i + 2]! - BLUE.b) < 8) at.push([(i / 4) % img.width, Math.floor(i / 4 / img.width)]);
    }
    return at;
  };

  it('is drawn whole in its box at the top, on the card and on the poster', async () => {
    const c = { ...SAMPLE_CARD, logo: await logoUri() };
    for (const [png, size, box] of [
      [(await renderPng(cardTree(c, m), CARD, satoriFonts(FONTS.files), slotImages(c))).png, CARD, 31],
      [(await renderPng(poster(c), POSTER, satoriFonts(FONTS.files), slotImages({ logo: c.logo, qr: c.url }))).png, POSTER, 39],
    ] as const) {
      const px = await bluePixels(png);
      expect(px.length).toBe(box * box);
      const xs = px.map(([x]) => x);
      const ys = px.map(([, y]) => y);
      // One square, in the top part of the image (the header on a card, the band on a poster).
      expect(Math.max(...xs) - Math.min(...xs) + 1).toBe(box);
      expect(Math.max(...ys) - Math.min(...ys) + 1).toBe(box);
      expect(Math.max(...ys)).toBeLessThan(size.height / 6);
    }
    const without = (await renderPng(cardTree(SAMPLE_CARD, m), CARD, satoriFonts(FONTS.files), slotImages(SAMPLE_CARD))).png;
    expect(await bluePixels(without)).toHaveLength(0);
  });

  it('a layout with a logo box but no logo to draw is an error, not a card with a hole', async () => {
    const c = { ...SAMPLE_CARD, logo: await logoUri() };
    await expect(renderPng(cardTree(c, m), CARD, satoriFonts(FONTS.files), {})).rejects.toThrow('没有图片');
  });
});

describe('glyphs', () => {
  it('every character of every card of the samples is in the build subset', async () => {
    const { model } = await loadContent({ contentDir: 'test/fixtures/content' });
    const cards = model.reports.filter((r) => r.published).map((r) => reportCardData(r, model));
    const full = (await import('../../src/cards/fonts.ts')).loadSourceFonts();
    const full_m = await createMeasurer(full);
    const trees = cards.flatMap((c) => [cardTree(c, full_m), posterTree(c, full_m)]);
    const text = trees.map(treeText).join('');
    const subset = await subsetFonts(full, text);
    const sm = await createMeasurer({ files: subset, hash: '' });
    expect(sm.missing(text)).toEqual([]);
    expect(sm.missing('不在卡片上的字：龘')).toContain('龘');
  }, 60_000);

  it('a character the font lacks stops the build, naming it and the report', async () => {
    const { model } = await loadContent({ contentDir: 'test/fixtures/content' });
    const r = model.reports.find((x) => x.published)!;
    const bad = { ...model, reports: [{ ...r, title: `${r.title}\uE000` }] };
    const err = await buildCards({ model: bad, outDir: path.join(tmp, 'bad'), cacheDir: path.join(tmp, 'cache-bad'), log: () => {}, root: PROJECT_ROOT }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingGlyphError);
    expect((err as Error).message).toContain(r.file);
    expect((err as Error).message).toContain('U+E000');
  }, 60_000);
});

describe('building cards', () => {
  it('the glyph check covers every figure a card draws', async () => {
    const { model } = await loadContent({ contentDir: 'test/fixtures/content' });
    const hunan = model.reports.find((r) => r.slug === 'hunan-boc-2023-fudaoyuan')!;
    const data = reportCardData(hunan, model);
    expect(data.figures.length).toBeGreaterThan(0);
    for (const f of data.figures) expect(cardText(data)).toContain(`${f.prefix}${f.number}${f.unit}`);
  }, 60_000);

  it('a figure the report quotes about someone else (context) is on no card, poster or organisation card', async () => {
    const { model } = await loadContent({ contentDir: 'test/fixtures/content' });
    const jiexiu = model.reports.find((r) => r.slug === 'jiexiu-2025q1')!;
    // The province-wide balance, larger than any of the bank's: by the default rule alone it would lead.
    const { key: _k, definition: _d, ...first } = jiexiu.metrics[0]!;
    const province = { ...first, label: '全省农商银行各项存款余额', text: '1.2万亿元', value: 1.2, unit: '万亿元', base: 1.2e12, interval: [1.2e12, 1.2e12] as const, context: true, index: jiexiu.metrics.length };
    const quoting = { ...jiexiu, metrics: [...jiexiu.metrics, province] };
    const card = reportCardData(quoting, model);
    expect(card.figures.map((f) => f.text)).toEqual(['216.66亿元', '12.64亿元', '105.15亿元', '3.93亿元']);
    expect(cardText(card)).not.toContain('全省');
    const org = orgCardData(jiexiu.org, [quoting], model)!;
    expect(org.figures.map((f) => f.text)).not.toContain('1.2万亿元');
    expect(cardText(org)).not.toContain('全省');
  });

  it('drafts and future-dated reports get no card; an unchanged rebuild renders nothing', async () => {
    const { model } = await loadContent({ contentDir: 'test/fixtures/content' });
    const small = { ...model, reports: model.reports.filter((r) => !r.published || r.org.id === 'songzi' || r.org.id === 'jiexiu') };
    const out = path.join(tmp, 'dist');
    const cacheDir = path.join(tmp, 'cache');
    const first = await buildCards({ model: small, outDir: out, cacheDir, log: () => {}, root: PROJECT_ROOT });
    const unpublished = small.reports.filter((r) => !r.published);
    expect(unpublished.length).toBeGreaterThanOrEqual(2);
    const files = readdirSync(path.join(out, 'cards', 'reports'));
    expect(files.sort()).toEqual(['jiexiu-2025q1-poster.png', 'jiexiu-2025q1.png', 'songzi-2025q1-poster.png', 'songzi-2025q1.png']);
    expect(readdirSync(path.join(out, 'cards', 'orgs')).sort()).toEqual(['jiexiu.png', 'songzi.png']);
    expect(first.rendered).toBe(6);
    expect(() => reportCardData(unpublished[0]!, model)).toThrow(/未发布/);

    const again = await buildCards({ model: small, outDir: out, cacheDir, log: () => {}, root: PROJECT_ROOT });
    expect([again.rendered, again.cached]).toEqual([0, 6]);

    // One report's title changes: its card and poster are rendered again, and its organisation's card only if
    // that names the report; nothing else.
    const changed = { ...small, reports: small.reports.map((r) => (r.slug === 'songzi-2025q1' ? { ...r, title: `${r.title}（修订）` } : r)) };
    const songzi = small.reports.find((r) => r.slug === 'songzi-2025q1')!.org;
    const orgCard = (x: typeof small) => JSON.stringify(orgCardData(songzi, x.reports.filter((r) => r.published), x));
    const third = await buildCards({ model: changed, outDir: out, cacheDir, log: () => {}, root: PROJECT_ROOT });
    expect(third.rendered).toBe(2 + (orgCard(small) === orgCard(changed) ? 0 : 1));
    // Renders ten cards in worker threads: seconds on a busy two-core machine.
  }, 120_000);
});
