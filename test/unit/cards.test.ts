/**
 * Cards: text fitting measured with the real font, image snapshots with committed fonts, the poster's QR
 * code decoded back to the report URL, glyph coverage, nothing for unpublished reports, and the cache.
 */
import jsQR from 'jsqr';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCards, MissingGlyphError } from '../../src/cards/build.ts';
import { cardText, headlineFigures, reportCardData } from '../../src/cards/data.ts';
import { createMeasurer, loadFontFiles, subsetFonts, type Measurer } from '../../src/cards/fonts.ts';
import { qrPngDataUri } from '../../src/cards/qr.ts';
import { renderPng, satoriFonts } from '../../src/cards/render.ts';
import { CARD, POSTER, cardTree, fitLines, layoutFigure, posterTree, treeText, type El } from '../../src/cards/templates.ts';
import { loadContent } from '../helpers/content.ts';
import { LONG_CARD, SAMPLE_CARD } from '../fixtures/cards/cards.ts';

const FONTS = loadFontFiles('test/fixtures/cards/fonts/NotoSansSC-subset-400.ttf', 'test/fixtures/cards/fonts/NotoSansSC-subset-700.ttf');
const SNAP = 'test/fixtures/cards/snapshots';
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

/** Text boxes in a tree, with the width they were given: every line must fit its box. */
function lineWidths(el: El | string, out: { text: string; size: number; weight: 400 | 700 }[] = []) {
  if (typeof el === 'string') return out;
  const kids = el.props.children;
  const style = el.props.style ?? {};
  if (typeof kids === 'string') out.push({ text: kids, size: Number(style.fontSize ?? 16), weight: style.fontWeight === 700 ? 700 : 400 });
  else for (const k of Array.isArray(kids) ? kids : kids ? [kids] : []) lineWidths(k, out);
  return out;
}

describe('text that fits', () => {
  it('wraps a long title into at most two lines, each within the card, ending in an ellipsis', async () => {
    const lines = fitLines(LONG_CARD.title, m, 50, 700, 1088, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    for (const l of lines) expect(m.width(l, 50, 700)).toBeLessThanOrEqual(1088);
    expect(lines.join('').replace('…', '').length).toBeLessThan(LONG_CARD.title.length);
  });

  it('keeps a short title whole and never starts a line with closing punctuation', async () => {
    expect(fitLines(SAMPLE_CARD.title, m, 50, 700, 1088, 2)).toEqual([SAMPLE_CARD.title]);
    const lines = fitLines('甲乙丙丁戊己庚辛壬癸，子丑寅卯。', m, 40, 400, m.width('甲乙丙丁戊己庚辛壬癸', 40, 400) + 1, 3);
    for (const l of lines.slice(1)) expect(l).not.toMatch(/^[，。]/);
    const quoted = fitLines(LONG_CARD.title, m, 50, 700, 1088, 3);
    for (const l of quoted) expect(l).not.toMatch(/[“（]$/);
  });

  it('shrinks a large figure with a long unit until number and unit fit the box', async () => {
    for (const f of LONG_CARD.figures) {
      const l = layoutFigure(f, m, 340, 84, 24);
      expect(m.width(f.number, l.numberSize, 700) + m.width(`${f.prefix}${f.unit}`, l.unitSize, 700)).toBeLessThanOrEqual(340);
      expect(m.width(l.label, 24, 400)).toBeLessThanOrEqual(340);
    }
  });

  it('no single text line of the long card or poster is wider than the canvas', async () => {
    for (const [tree, width] of [[cardTree(LONG_CARD, m), CARD.width - 112], [posterTree(LONG_CARD, m, await qrPngDataUri(LONG_CARD.url)), POSTER.width - 144]] as const) {
      for (const t of lineWidths(tree)) expect(m.width(t.text, t.size, t.weight), t.text).toBeLessThanOrEqual(width);
    }
  });
});

describe('image snapshots (committed fonts)', () => {
  for (const [name, card] of [['card-sample', SAMPLE_CARD], ['card-long', LONG_CARD]] as const) {
    for (const kind of ['card', 'poster'] as const) {
      it(`${name} ${kind}`, async () => {
        const tree = kind === 'card' ? cardTree(card, m) : posterTree(card, m, await qrPngDataUri(card.url));
        const { png } = await renderPng(tree, kind === 'card' ? CARD : POSTER, satoriFonts(FONTS.files));
        const file = path.join(SNAP, `${name}-${kind}.png`);
        if (process.env.UPDATE_CARD_SNAPSHOTS === '1' || !existsSync(file)) {
          if (process.env.CI && !existsSync(file)) throw new Error(`缺少快照 ${file}`);
          mkdirSync(SNAP, { recursive: true });
          writeFileSync(file, png);
        }
        const [a, b] = await Promise.all([raw(png), raw(readFileSync(file))]);
        expect([a.width, a.height]).toEqual([b.width, b.height]);
        const diff = pixelmatch(a.data, b.data, undefined, a.width, a.height, { threshold: 0.1 });
        expect(diff / (a.width * a.height)).toBeLessThan(0.0005);
      });
    }
  }
});

describe('QR code', () => {
  it('the poster decodes to the report’s absolute URL under the base path', async () => {
    const { png } = await renderPng(posterTree(SAMPLE_CARD, m, await qrPngDataUri(SAMPLE_CARD.url)), POSTER, satoriFonts(FONTS.files));
    const img = await raw(png);
    const code = jsQR(img.data, img.width, img.height);
    expect(code?.data).toBe('http://showcase.bank.local/showcase/reports/hunan-boc-2023-fudaoyuan/');
  });
});

describe('glyphs', () => {
  it('every character of every card of the samples is in the build subset', async () => {
    const { model } = await loadContent({ contentDir: 'test/fixtures/content' });
    const cards = model.reports.filter((r) => r.published).map((r) => reportCardData(r, model));
    const full = (await import('../../src/cards/fonts.ts')).loadSourceFonts();
    const full_m = await createMeasurer(full);
    const trees = await Promise.all(cards.flatMap((c) => [cardTree(c, full_m), qrPngDataUri(c.url).then((qr) => posterTree(c, full_m, qr))]));
    const text = trees.map(treeText).join('');
    const subset = await subsetFonts(full, text);
    const sm = await createMeasurer({ files: subset, hash: '' });
    expect(sm.missing(text)).toEqual([]);
    expect(sm.missing('不在卡片上的字：龘')).toContain('龘');
  });

  it('a character the font lacks stops the build, naming it and the report', async () => {
    const { model } = await loadContent({ contentDir: 'test/fixtures/content' });
    const r = model.reports.find((x) => x.published)!;
    const bad = { ...model, reports: [{ ...r, title: `${r.title}\uE000` }] };
    const err = await buildCards({ model: bad, outDir: path.join(tmp, 'bad'), cacheDir: path.join(tmp, 'cache-bad'), log: () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingGlyphError);
    expect((err as Error).message).toContain(r.file);
    expect((err as Error).message).toContain('U+E000');
  });
});

describe('building cards', () => {
  it('chooses distinct headline figures by priority, at most two per dimension', async () => {
    const { model } = await loadContent({ contentDir: 'test/fixtures/content' });
    const hunan = model.reports.find((r) => r.slug === 'hunan-boc-2023-fudaoyuan')!;
    const chosen = headlineFigures(hunan.metrics);
    expect(chosen.length).toBe(4);
    const dims = chosen.map((x) => x.definition.dimension);
    for (const d of new Set(dims)) expect(dims.filter((x) => x === d).length).toBeLessThanOrEqual(2);
    expect(cardText(reportCardData(hunan, model))).toContain('2100');
  });

  it('drafts and future-dated reports get no card; an unchanged rebuild renders nothing', async () => {
    const { model } = await loadContent({ contentDir: 'test/fixtures/content' });
    const small = { ...model, reports: model.reports.filter((r) => !r.published || r.org.id === 'songzi' || r.org.id === 'jiexiu') };
    const out = path.join(tmp, 'dist');
    const cacheDir = path.join(tmp, 'cache');
    const first = await buildCards({ model: small, outDir: out, cacheDir, log: () => {} });
    const unpublished = small.reports.filter((r) => !r.published);
    expect(unpublished.length).toBeGreaterThanOrEqual(2);
    const files = readdirSync(path.join(out, 'cards', 'reports'));
    expect(files.sort()).toEqual(['jiexiu-2025q1-poster.png', 'jiexiu-2025q1.png', 'songzi-2025q1-poster.png', 'songzi-2025q1.png']);
    expect(readdirSync(path.join(out, 'cards', 'orgs')).sort()).toEqual(['jiexiu.png', 'songzi.png']);
    expect(first.rendered).toBe(6);
    expect(() => reportCardData(unpublished[0]!, model)).toThrow(/未发布/);

    const again = await buildCards({ model: small, outDir: out, cacheDir, log: () => {} });
    expect([again.rendered, again.cached]).toEqual([0, 6]);

    // One report's title changes: its card and poster and nothing else are rendered again.
    const changed = { ...small, reports: small.reports.map((r) => (r.slug === 'songzi-2025q1' ? { ...r, title: `${r.title}（修订）` } : r)) };
    const third = await buildCards({ model: changed, outDir: out, cacheDir, log: () => {} });
    expect(third.rendered).toBe(2);
    // Renders ten cards in worker threads: seconds on a busy two-core machine.
  }, 120_000);
});
