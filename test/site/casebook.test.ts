/**
 * The annual casebooks (src/pages/casebook/, src/casebook/print.ts) printed to PDF by headless Chromium, as a
 * reader's "save as PDF" does, and read back with pdf.js (test/site/pdf.ts):
 * - an A4 booklet: cover, contents, each report from a new page, the contents' page numbers those of the
 *   pages where the reports' titles are printed, the organisation in the head and the page number in the
 *   foot of every page after the cover;
 * - every printed page is the sheet laid out for it before printing (its first and last words are on it), so
 *   what the layout keeps together — figures, figure cards, the figures panel, chart tables — is printed on
 *   one page; a table taller than a page breaks between rows with its header repeated;
 * - drafts and embargoed reports are in no casebook, and no casebook exists for the embargoed report's year;
 * - the screen view passes axe and the site's Content-Security-Policy, and requests nothing from other hosts.
 */
import AxeBuilder from '@axe-core/playwright';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, watchedPage } from '../../tools/browser.ts';
import { band, contains, fold, readPdf, type PdfPage } from './pdf.ts';
import { BASE } from './global-setup.ts';

const siteUrl = inject('siteUrl');
const distDir = inject('distDir');

const DRAFT = { slug: 'shili-draft-2025q3', title: '草稿样例：示例农商银行三季度工作进展' };
const EMBARGOED = { slug: 'shili-embargo-2031', title: '禁发样例：示例农商银行定时发布的年度报告' };
/** What the layout keeps on one sheet (src/casebook/print.ts KEEP, less headings and table rows). */
const KEPT = 'figure, table, .metric, .metrics-panel, .chart, .cover, .casebook-report-head';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Sheet {
  n: number;
  /** The report whose first page this is. */
  starts?: string;
  head: string;
  foot: string;
  /** The first and last words on the sheet. */
  first: string;
  last: string;
}

interface Printed {
  pdf: Uint8Array;
  pages: PdfPage[];
  sheets: Sheet[];
  /** Contents entries: title, organisation, page number as printed. */
  toc: { id: string; title: string; org: string; page: string }[];
  /** Sections of the screen view, in order. */
  sections: { id: string; title: string; org: string }[];
  /** Every element kept together: its sheet, whether the layout divided it, its first and last words. */
  kept: { sheet: number; what: string; divided: boolean; first: string; last: string }[];
  ms: number;
}

/** Prints the open casebook to an A4 PDF (the layout runs on `beforeprint`) and reads both back. */
async function print(page: Page): Promise<Printed> {
  const started = Date.now();
  // The event a browser sends before it prints, sent here rather than left to page.pdf(): headless Chromium
  // sometimes prints without sending it (a CI run printed a 211-page PDF with no sheet laid out), and what is
  // tested is the layout the page makes on that event, not whether the browser sends it.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  expect(await page.evaluate(() => document.documentElement.classList.contains('book-laid-out'))).toBe(true);
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  const ms = Date.now() - started;
  // innerText leaves out what does not print; the sheets are hidden on screen.
  await page.emulateMedia({ media: 'print' });
  const dom = await page.evaluate((kept) => {
    const txt = (e: Element | null) => (e as HTMLElement | null)?.innerText ?? '';
    // The first and last words printed in `el`, each from one text node: list numbers and other generated
    // text are in the PDF but in no text node, so a run of words never spans them.
    const ends = (el: Element) => {
      const texts: string[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const t = (n.textContent ?? '').replace(/\s+/g, '');
        if ((t.match(/[\p{L}\p{N}]/gu) ?? []).length >= 4 && n.parentElement!.checkVisibility()) texts.push(t);
      }
      return { first: (texts[0] ?? '').slice(0, 12), last: (texts.at(-1) ?? '').slice(-12) };
    };
    const sheets = [...document.querySelectorAll<HTMLElement>('.book-print .book-sheet')];
    return {
      sheets: sheets.map((s) => ({ n: Number(s.dataset.sheet), starts: s.dataset.starts, head: txt(s.querySelector('.sheet-head')), foot: txt(s.querySelector('.sheet-foot')), ...ends(s.querySelector('.sheet-body')!) })),
      toc: [...document.querySelectorAll('.book-print .toc-entry')].map((e) => ({
        id: e.querySelector<HTMLElement>('.toc-page')!.dataset.pageOf!,
        title: txt(e.querySelector('.toc-title')),
        org: txt(e.querySelector('.toc-org')),
        page: txt(e.querySelector('.toc-page')),
      })),
      sections: [...document.querySelectorAll<HTMLElement>('[data-casebook] .casebook-report')].map((s) => ({ id: s.id, title: txt(s.querySelector('.casebook-report-title')), org: s.dataset.org ?? '' })),
      kept: [...document.querySelectorAll<HTMLElement>('.book-print .sheet-body')].flatMap((b) =>
        [...b.querySelectorAll<HTMLElement>(kept)]
          .filter((e) => ends(e).first !== '')
          .map((e) => ({
            sheet: Number(b.closest<HTMLElement>('.book-sheet')!.dataset.sheet),
            what: `${e.tagName.toLowerCase()}.${e.className}`,
            // Marks of src/casebook/print.ts: the first part of a divided element, and the parts after it.
            divided: e.hasAttribute('data-divided') || e.classList.contains('continued'),
            ...ends(e),
          })),
      ),
    };
  }, KEPT);
  await page.emulateMedia({ media: 'screen' });
  const pages = await readPdf(pdf);
  return { pdf, pages, ms, ...dom, sheets: dom.sheets.map((s) => ({ ...s, head: fold(s.head), foot: fold(s.foot) })) };
}

async function openBook(urlPath: string) {
  const w = await watchedPage(browser, siteUrl);
  await w.page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ← ${e.blockedURI || 'inline'}`));
  });
  const res = await w.page.goto(siteUrl + encodeURI(urlPath), { waitUntil: 'networkidle' });
  expect(res?.status()).toBe(200);
  return w;
}

/** Every printed page is its sheet: same count, and each sheet's first and last words are on its page. */
function expectPagesAreSheets(p: Printed) {
  expect(p.pages.length).toBe(p.sheets.length);
  const wrong: string[] = [];
  for (const s of p.sheets) {
    const page = p.pages[s.n - 1]!;
    for (const words of [s.first, s.last]) if (!contains(page.text, words)) wrong.push(`第 ${s.n} 页缺少“${words}”`);
  }
  expect(wrong).toEqual([]);
}

/** Cover, contents, each report from a new page, and the contents' numbers are where the titles print. */
function expectBooklet(p: Printed) {
  const { pages, sheets, toc, sections } = p;
  // A4 portrait.
  for (const pg of pages) {
    expect(Math.round(pg.width)).toBe(595);
    expect(Math.round(pg.height)).toBe(842);
  }
  const tocPages = sheets.filter((s) => s.head.startsWith(fold('目录'))).length;
  expect(tocPages).toBeGreaterThanOrEqual(1);
  const starts = sheets.filter((s) => s.starts).map((s) => ({ id: s.starts!, n: s.n }));
  // Every report starts a page of its own, in the order of the contents, after the cover and the contents.
  expect(starts.map((s) => s.id)).toEqual(sections.map((s) => s.id));
  expect(starts[0]!.n).toBe(1 + tocPages + 1);
  for (let i = 1; i < starts.length; i++) expect(starts[i]!.n).toBeGreaterThan(starts[i - 1]!.n);
  expect(pages.length).toBeGreaterThanOrEqual(1 + tocPages + sections.length);

  // The cover: the booklet's title, no head or foot.
  expect(contains(pages[0]!.text, '年度案例汇编')).toBe(true);
  expect(band(pages[0]!, 'bottom')).toBe('');

  // The contents list every report with the page its title is printed on.
  expect(toc.map((t) => t.id)).toEqual(sections.map((s) => s.id));
  const tocText = pages.slice(1, 1 + tocPages).map((pg) => pg.text).join('');
  for (const [i, t] of toc.entries()) {
    const n = Number(t.page);
    expect(n, `${t.title} 的页码`).toBe(starts[i]!.n);
    expect(contains(tocText, `${t.title}${t.org}${t.page}`), `目录里的“${t.title} … ${t.page}”`).toBe(true);
    // As the page's heading: at its top, below the running head (another report may quote a title in its text).
    expect(contains(band(pages[n - 1]!, 'top', 160), t.title), `第 ${n} 页顶上印着“${t.title}”`).toBe(true);
  }

  // Head and foot: the organisation (目录 on the contents) at the top, 第 n 页 / 共 N 页 at the bottom.
  let org = '';
  for (const s of sheets.slice(1)) {
    const pg = pages[s.n - 1]!;
    if (s.starts) org = sections.find((x) => x.id === s.starts)!.org;
    const head = band(pg, 'top');
    const foot = band(pg, 'bottom');
    expect(contains(foot, `第${s.n}页/共${pages.length}页`), `第 ${s.n} 页的页脚：${foot}`).toBe(true);
    // Nothing of the page's text ran down into the foot: below the sheet's body there is the page number only.
    expect(band(pg, 'bottom', 60).length, `第 ${s.n} 页的页脚之上：${band(pg, 'bottom', 60)}`).toBe(fold(`第${s.n}页/共${pages.length}页`).length);
    expect(contains(head, s.n <= 1 + tocPages ? '目录' : org), `第 ${s.n} 页的页眉：${head}`).toBe(true);
  }
}

/** Nothing the layout keeps together (none is taller than a page here) is printed across two pages. */
function expectNothingDivided(p: Printed) {
  expect(p.kept.length).toBeGreaterThan(0);
  const divided = p.kept.filter((k) => k.divided).map((k) => `${k.what} @${k.sheet}`);
  expect(divided).toEqual([]);
  const split = p.kept.filter((k) => !(contains(p.pages[k.sheet - 1]!.text, k.first) && contains(p.pages[k.sheet - 1]!.text, k.last)));
  expect(split.map((k) => `${k.what} 第 ${k.sheet} 页：${k.first}…${k.last}`)).toEqual([]);
}

describe('年度案例汇编', () => {
  it('汇编目录列出每年和当年的主题分册，年份页链接到当年的汇编', () => {
    const index = readFileSync(path.join(distDir, 'casebook', 'index.html'), 'utf8');
    for (const year of ['2023', '2024', '2025']) expect(index).toContain(`href="${BASE}casebook/${year}/"`);
    expect(index).toContain(`href="${BASE}casebook/2025/普惠金融/"`);
    expect(readFileSync(path.join(distDir, 'years', '2025', 'index.html'), 'utf8')).toContain(`href="${BASE}casebook/2025/"`);
    expect(readFileSync(path.join(distDir, 'years', 'index.html'), 'utf8')).toContain(`href="${BASE}casebook/"`);
  });

  it('草稿和未到发布日期的报告不在任何汇编里，也没有 2031 年的汇编', () => {
    expect(existsSync(path.join(distDir, 'casebook', '2031'))).toBe(false);
    const files = (readdirSync(path.join(distDir, 'casebook'), { recursive: true }) as string[]).filter((f) => f.endsWith('index.html'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const html = readFileSync(path.join(distDir, 'casebook', f), 'utf8');
      for (const r of [DRAFT, EMBARGOED]) {
        expect(html, f).not.toContain(r.slug);
        expect(html, f).not.toContain(r.title);
      }
      expect(html, f).not.toContain('casebook/2031/');
    }
  });

  it('屏幕上是可读的页面：打印按钮、目录链接到各篇，axe 无严重问题，符合 CSP，不请求其他主机', async () => {
    const w = await openBook('casebook/2023/');
    try {
      const { page } = w;
      await expect.poll(() => page.isVisible('[data-casebook-print]')).toBe(true);
      expect(await page.textContent('[data-casebook-print]')).toContain('打印');
      const targets = await page.$$eval('.casebook-toc a', (as) => as.map((a) => a.getAttribute('href')));
      expect(targets.length).toBe(3);
      for (const t of targets) expect(await page.locator(t!).count()).toBe(1);
      const axe = await new AxeBuilder({ page }).analyze();
      const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
      expect(bad).toEqual([]);
      expect(await page.$$eval('script:not([src]), style', (s) => s.length)).toBe(0);
      // The button lays the booklet out and then asks the browser to print. The request is recorded rather than
      // carried out: a print dialog left open in headless Chromium keeps later pages of the same browser from
      // receiving beforeprint, and their PDFs then come without the laid-out sheets.
      await page.evaluate(() => {
        window.print = () => {
          (window as unknown as { __printed: boolean }).__printed = true;
        };
      });
      await page.click('[data-casebook-print]');
      await page.waitForSelector('.book-print .book-sheet', { state: 'attached' });
      await expect.poll(() => page.evaluate(() => (window as unknown as { __printed?: boolean }).__printed === true)).toBe(true);
      expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
      expect(w.foreign).toEqual([]);
      expect(w.failed).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.page.close();
    }
  });

  it('2023 年的汇编打印成 A4 小册子：封面、带页码的目录、每篇另起一页、页眉页脚，图表和数字不跨页', async () => {
    const w = await openBook('casebook/2023/');
    try {
      const p = await print(w.page);
      console.log(`2023 年度案例汇编：${p.sections.length} 篇，${p.pages.length} 页，打印 ${p.ms} 毫秒，PDF ${(p.pdf.length / 1024).toFixed(0)} KB`);
      expect(p.sections.length).toBe(3);
      expectPagesAreSheets(p);
      expectBooklet(p);
      expectNothingDivided(p);
      // Charts print as their data tables: each chart's figures are on the page.
      expect(p.kept.some((k) => k.what.startsWith('figure.chart'))).toBe(true);
      expect(await w.page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.page.close();
    }
  });

  it('主题分册（2025 普惠金融）：MDX 报告的数字与图表、封面图，每篇另起一页，目录页码准确', async () => {
    const w = await openBook('casebook/2025/普惠金融/');
    try {
      // The MDX report's <Figure> printed its own figure (each body reads its own report).
      expect(await w.page.textContent('#report-yanshi-2025h1-mdx .inline-figure')).toBe('55.38亿元');
      const p = await print(w.page);
      console.log(`2025 年度案例汇编·普惠金融：${p.sections.length} 篇，${p.pages.length} 页，打印 ${p.ms} 毫秒，PDF ${(p.pdf.length / 1024).toFixed(0)} KB`);
      expect(p.sections.map((s) => s.id)).toEqual(expect.arrayContaining(['report-yanshi-2025h1-mdx', 'report-shili-2025q2', 'report-jiexiu-2025q1']));
      expectPagesAreSheets(p);
      expectBooklet(p);
      expectNothingDivided(p);
      // The cover image of shili-2025q2 printed whole, with its caption, on the report's pages.
      expect(p.kept.some((k) => k.what.startsWith('figure.cover'))).toBe(true);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.page.close();
    }
  });

  it('整年的汇编（2025）：每一页都是打印前排好的那一页，目录页码准确', async () => {
    const w = await openBook('casebook/2025/');
    try {
      const p = await print(w.page);
      console.log(`2025 年度案例汇编：${p.sections.length} 篇，${p.pages.length} 页，打印 ${p.ms} 毫秒，PDF ${(p.pdf.length / 1024 / 1024).toFixed(1)} MB`);
      expect(p.sections.length).toBeGreaterThan(20);
      expectPagesAreSheets(p);
      expectBooklet(p);
      expectNothingDivided(p);
    } finally {
      await w.page.close();
    }
  });

  it('比一页还长的表格在行与行之间分页并重复表头，长段落在行与行之间分页', async () => {
    const w = await openBook('casebook/2023/');
    try {
      // A report body with a 60-row table and a paragraph longer than a page, as an author might write.
      await w.page.evaluate(() => {
        const body = document.querySelector('[data-casebook] .casebook-report .report-body')!;
        const rows = Array.from({ length: 60 }, (_, i) => `<tr><td>网点${i + 1}号</td><td>${(i + 1) * 11}户</td></tr>`).join('');
        body.insertAdjacentHTML('beforeend', `<table><thead><tr><th>网点名称</th><th>服务户数</th></tr></thead><tbody>${rows}</tbody></table>`);
        const sentences = Array.from({ length: 150 }, (_, i) => `第${i + 1}句话讲述党建辅导员结对帮扶基层网点的做法和成效。`).join('');
        body.insertAdjacentHTML('beforeend', `<p class="long-paragraph">${sentences}</p>`);
      });
      const p = await print(w.page);
      expectPagesAreSheets(p);
      expectBooklet(p);
      const withRows = p.pages.map((pg, i) => ({ i, pg })).filter(({ pg }) => /网点\d+号/.test(pg.text));
      expect(withRows.length).toBeGreaterThanOrEqual(2);
      for (const { pg } of withRows) expect(contains(pg.text, '网点名称服务户数')).toBe(true);
      // Each row whole on one page, every row printed once.
      const all = withRows.map(({ pg }) => pg.text).join('');
      for (let i = 1; i <= 60; i++) {
        expect(withRows.some(({ pg }) => contains(pg.text, `网点${i}号${i * 11}户`)), `第 ${i} 行`).toBe(true);
        expect(all.split(`网点${i}号`).length - 1).toBe(1);
      }
      const withSentences = p.pages.filter((pg) => /第\d+句话/.test(pg.text));
      expect(withSentences.length).toBeGreaterThanOrEqual(2);
      const printed = withSentences.map((pg) => pg.text).join('');
      for (let i = 1; i <= 150; i++) expect(printed.split(`第${i}句话`).length - 1, `第 ${i} 句`).toBe(1);
    } finally {
      await w.page.close();
    }
  });
});
