/**
 * Source links in the built site: every figure a page shows links to the sentence of its report that prints
 * it (a derived figure to its note). In Chromium, with and without JavaScript, a reader follows a figure from
 * the home totals, a ranking and the lead figures of a report (the figures its card prints) and lands on the
 * sentence: the URL names it, it is on screen, focused, highlighted, and its <mark> is the printed figure.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { buildCatalog } from '../../src/lib/catalog.ts';
import type { ResolvedMetric } from '../../src/lib/model.ts';
import { figureVocabulary, parseFigure } from '../../src/lib/figures/index.ts';
import { checkPresence } from '../../src/lib/validate/presence.ts';
import { checkLinks } from '../../src/linkcheck/index.ts';
import { catalogSchema } from '../../src/schemas/catalog.ts';
import { launch } from '../../tools/browser.ts';
import { BASE, SITE } from './global-setup.ts';

const siteUrl = inject('siteUrl');
const distDir = inject('distDir');
const contentDir = inject('contentDir');
const catalog = buildCatalog(catalogSchema.parse(parse(readFileSync(path.join(contentDir, 'metrics.yaml'), 'utf8'))));
const vocab = figureVocabulary(catalog.baseUnits);

/**
 * Whether a mark's text is the printing of the figure `printed`, by the presence check's rule (2万多农户 prints
 * 2万多户). The mark is read as a clause of its own, between punctuation: the figure finder does not read a
 * Chinese numeral (近九成) at the very start or end of a text.
 */
function prints(mark: string, printed: string): boolean {
  const parsed = parseFigure(printed, vocab);
  if (!parsed.ok) return false;
  const m = { ...parsed.figure, label: printed, dimension: '', asOf: '', asOfLabel: '', derived: false, index: 0 } as unknown as ResolvedMetric;
  return checkPresence([m], `，${mark}。`, { file: 'page', baseUnits: catalog.baseUnits, locate: () => undefined }).length === 0;
}

/** The highlight of a followed source (src/styles/global.css). */
const TARGET_BACKGROUND = 'rgb(255, 241, 184)';
const MARK_BACKGROUND = 'rgb(255, 213, 74)';

type Doc = ReturnType<typeof parseDocument>;
const page = (rel: string): Doc => parseDocument(readFileSync(path.join(distDir, rel, 'index.html'), 'utf8'));
const byClass = (root: { children: Doc['children'] }, cls: string) =>
  DomUtils.findAll((e) => (e.attribs.class ?? '').split(/\s+/).includes(cls), root.children);
const text = (e: Parameters<typeof DomUtils.textContent>[0]) => DomUtils.textContent(e);

describe('every figure of every report page links to its source', () => {
  const slugs = readdirSync(path.join(distDir, 'reports'), { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'page').map((d) => d.name);

  it('each figure in the top panel leads to a sentence of the body holding it in a <mark>, or to its note', () => {
    const tally = { figures: 0, sentences: 0, notes: 0, unlocated: [] as string[] };
    for (const slug of slugs) {
      const doc = page(`reports/${slug}`);
      for (const f of byClass(doc, 'metric')) {
        const printed = f.attribs['data-figure']!;
        tally.figures++;
        const a = DomUtils.findOne((e) => e.name === 'a' && (e.attribs.class ?? '').includes('source-link'), [f]);
        expect(a, `${slug}: ${printed} has a source link`).not.toBeNull();
        const id = a!.attribs.href!.replace(/^#/, '');
        expect(a!.attribs['aria-label']).toMatch(new RegExp(`^${printed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}，出处：`));
        const targets = DomUtils.findAll((e) => e.attribs.id === id, doc.children);
        if (targets.length !== 1) {
          tally.unlocated.push(`${slug}: ${printed} → #${id}（${targets.length} 个）`);
          continue;
        }
        const t = targets[0]!;
        expect(t.attribs.tabindex, `${slug} #${id} takes focus`).toBe('-1');
        if (id.startsWith('note-')) {
          expect(text(f)).toContain('（推算）');
          expect(t.attribs.class).toContain('figure-note');
          tally.notes++;
          continue;
        }
        expect(t.attribs.class).toBe('figure-source');
        expect(DomUtils.findOne((e) => e.attribs.class === 'report-body', doc.children) && DomUtils.existsOne((e) => e === t, byClass(doc, 'report-body'))).toBe(true);
        const marks = DomUtils.findAll((e) => e.name === 'mark' && e.attribs.class === 'figure-mark', [t]).map(text);
        expect(marks.some((m) => prints(m, printed)), `${slug}: ${printed} marked in “${text(t)}”`).toBe(true);
        tally.sentences++;
      }
    }
    console.log(`报告页数字 ${tally.figures} 个：链接到正文句子 ${tally.sentences} 个，链接到推算说明 ${tally.notes} 个，找不到出处 ${tally.unlocated.length} 个`);
    expect(tally.unlocated).toEqual([]);
    expect(tally.sentences).toBeGreaterThan(100);
    expect(tally.notes).toBeGreaterThan(0);
  });

  it('every source link of the site (pages, rankings, totals, lists, chart tables) finds exactly one element', () => {
    const res = checkLinks({ dist: distDir, base: BASE, site: SITE });
    const sources = res.problems.filter((p) => /#(src|note)-\d+$/.test(p.url));
    expect(sources.map((p) => `${p.from} → ${p.url}：${p.reason}`)).toEqual([]);
    // Count them: the link checker saw them as ordinary references.
    let links = 0;
    for (const f of readdirSync(distDir, { recursive: true }).map(String).filter((x) => x.endsWith('.html'))) {
      links += [...readFileSync(path.join(distDir, f), 'utf8').matchAll(/href="[^"]*#(?:src|note)-\d+"/g)].length;
    }
    console.log(`全站出处链接 ${links} 个，断链 ${sources.length} 个`);
    expect(links).toBeGreaterThan(500);
  });

  it('the sentences of one report, printed every way a figure is printed', () => {
    const doc = page('reports/yangli-2025-chuchu');
    const sentence = (id: string) => {
      const t = DomUtils.findAll((e) => e.attribs.id === id, doc.children);
      expect(t, id).toHaveLength(1);
      return { text: text(t[0]!), marks: DomUtils.findAll((e) => e.name === 'mark', [t[0]!]).map(text) };
    };
    expect(sentence('src-1')).toEqual({ text: '5月，样例农商银行走进县第一中学，反诈课堂上120余名学生认真听讲！', marks: ['120余名'] });
    expect(sentence('src-2').marks).toEqual(['2万多农户']);
    expect(sentence('src-3').marks).toEqual(['３５.６亿元', '7.73亿\n元']);
    expect(sentence('src-4').text).toBe(sentence('src-3').text);
    expect(sentence('src-5')).toEqual({ text: '该行把信贷资源向春耕倾斜，支持农资采购5.2亿元。', marks: ['5.2亿元'] });
    expect(sentence('src-8').text).toBe('活动期间，全行开展宣传活动36场1，覆盖面持续扩大。');
    expect(sentence('src-10')).toEqual({ text: '48个', marks: ['48个'] });
    // The author's own id="src-1" and a heading “Note 1” are prefixed: the ids are the source links' alone.
    const ids = DomUtils.findAll((e) => e.attribs.id !== undefined, doc.children).map((e) => e.attribs.id!);
    expect(ids).toContain('user-content-src-1');
    expect(ids).toContain('user-content-note-1');
    expect(new Set(ids).size).toBe(ids.length);
    // The derived figure's note.
    expect(text(DomUtils.findAll((e) => e.attribs.id === 'note-9', doc.children)[0]!)).toBe('由助农存款余额减去较年初增加推算');
  });
});

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Runs `fn` on a fresh page, with or without JavaScript. */
async function withPage(js: boolean, fn: (p: Page) => Promise<void>) {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: js });
  const p = await context.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(String(e)));
  try {
    await fn(p);
  } finally {
    await context.close();
  }
  expect(errors).toEqual([]);
}

/**
 * Follows the link (by keyboard: focus and Enter, as a reader without a mouse does) and checks where it
 * landed: the URL's fragment, the element it names on screen, focused, highlighted, with the figure marked.
 */
async function follow(p: Page, link: ReturnType<Page['locator']>, opts: { samePage?: boolean } = {}) {
  const href = (await link.getAttribute('href'))!;
  const printed = (await link.innerText()).replace(/\s+/g, '');
  expect(await link.getAttribute('aria-label')).toMatch(/出处：/);
  const hash = href.slice(href.indexOf('#'));
  await link.focus();
  if (opts.samePage) {
    await p.keyboard.press('Enter');
    await p.waitForFunction((h) => location.hash === h, hash);
  } else {
    await Promise.all([p.waitForURL((u) => u.hash === hash), p.keyboard.press('Enter')]);
    await p.waitForLoadState('load');
  }
  expect(new URL(p.url()).pathname).toBe(new URL(href, p.url()).pathname);
  expect(new URL(p.url()).hash).toBe(hash);
  const id = decodeURIComponent(hash.slice(1));
  const landed = await p.evaluate((id) => {
    const el = document.getElementById(id)!;
    const r = el.getBoundingClientRect();
    const marks = [...el.querySelectorAll('mark.figure-mark')];
    return {
      target: el.matches(':target'),
      focused: document.activeElement === el,
      inView: r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0,
      background: getComputedStyle(el).backgroundColor,
      marks: marks.map((m) => ({ text: m.textContent ?? '', background: getComputedStyle(m).backgroundColor })),
      tag: el.tagName.toLowerCase(),
      inBody: !!el.closest('.report-body'),
    };
  }, id);
  expect(landed.target).toBe(true);
  expect(landed.focused).toBe(true);
  expect(landed.inView).toBe(true);
  expect(landed.background).toBe(TARGET_BACKGROUND);
  if (id.startsWith('src-')) {
    expect(landed.inBody).toBe(true);
    const mark = landed.marks.find((m) => prints(m.text, printed));
    expect(mark, `“${printed}” marked in #${id}: ${JSON.stringify(landed.marks)}`).toBeDefined();
    expect(mark!.background).toBe(MARK_BACKGROUND);
  }
  return { id, printed };
}

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
])('following a figure to its sentence, %s', (_, js) => {
  it('from the home totals: each total lists the figures it adds up, each one leads to its sentence', async () => {
    await withPage(js, async (p) => {
      await p.goto(`${siteUrl}`, { waitUntil: 'load' });
      const total = p.locator('.total').filter({ hasText: '贷款较年初增加' });
      await total.locator('.total-sources summary').click();
      const links = total.locator('.total-sources a');
      expect(await links.count()).toBe(3);
      const printed = (await links.allInnerTexts()).sort();
      // 2.48 + 14.45 + 7.73 = 24.66亿元 (see figures.test.ts).
      expect(printed).toEqual(['14.45亿元', '2.48亿元', '7.73亿元']);
      const { id } = await follow(p, links.first());
      expect(id).toMatch(/^src-\d+$/);
    });
  });

  it('from a ranking: the printed figure in the table leads to its sentence', async () => {
    await withPage(js, async (p) => {
      await p.goto(`${siteUrl}metrics/loan_balance/`, { waitUntil: 'load' });
      const link = p.locator('.table-scroll table.data td.num a').first();
      const { printed } = await follow(p, link);
      expect(printed).toBe('338.62亿元');
      expect(new URL(p.url()).pathname).toBe(`${BASE}reports/yanshi-2025h1-mdx/`);
    });
  });

  it('from a report’s lead figures (the figures its card prints): each leads to its sentence on the page', async () => {
    await withPage(js, async (p) => {
      for (const slug of ['yanshi-2025q1-xiangcun', 'yanshi-2025h1-mdx', 'yangli-2025-chuchu']) {
        await p.goto(`${siteUrl}reports/${slug}/`, { waitUntil: 'load' });
        const leads = p.locator('.metric-lead .source-link');
        const n = await leads.count();
        expect(n, slug).toBeGreaterThan(0);
        for (let i = 0; i < n; i++) {
          await p.evaluate(() => window.scrollTo(0, 0));
          await follow(p, leads.nth(i), { samePage: true });
        }
      }
    });
  });

  it('a derived figure leads to its note', async () => {
    await withPage(js, async (p) => {
      await p.goto(`${siteUrl}reports/yangli-2025-chuchu/`, { waitUntil: 'load' });
      const link = p.locator('.metric', { hasText: '（推算）' }).locator('.source-link');
      const { id } = await follow(p, link, { samePage: true });
      expect(id).toBe('note-9');
    });
  });
});

describe('a report page with a followed source', () => {
  it('passes axe without serious or critical violations, and names every source link', async () => {
    await withPage(true, async (p) => {
      await p.goto(`${siteUrl}reports/yangli-2025-chuchu/#src-3`, { waitUntil: 'networkidle' });
      expect(await p.evaluate(() => document.querySelector(':target')?.id)).toBe('src-3');
      const axe = await new AxeBuilder({ page: p }).analyze();
      const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((x) => x.target.join(' ')).slice(0, 3).join(' | ')}`);
      expect(bad).toEqual([]);
    });
  });

  it('a link in a chart’s data table shows the table while it has keyboard focus', async () => {
    await withPage(true, async (p) => {
      await p.goto(`${siteUrl}reports/yangli-2025-chuchu/`, { waitUntil: 'load' });
      const link = p.locator('.chart-table a').first();
      const table = p.locator('.chart-table').first();
      // Hidden as .visually-hidden hides (a 1 px clip) until a link in it has focus.
      expect((await table.boundingBox())!.width).toBeLessThanOrEqual(1);
      await link.focus();
      expect((await table.boundingBox())!.width).toBeGreaterThan(100);
      expect((await link.boundingBox())!.width).toBeGreaterThan(10);
      await follow(p, link, { samePage: true });
    });
  });
});
