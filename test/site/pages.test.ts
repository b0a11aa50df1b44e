/**
 * Every page type in Chromium under the sub-path: loads without console errors, requests nothing from
 * another host, draws its charts (non-blank canvas, data table present), passes axe without serious or
 * critical violations; screenshots of the home and a report page at 360 px and 1440 px are kept.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, watchedPage } from '../../tools/browser.ts';

const siteUrl = inject('siteUrl');
const SHOTS = 'test-results/screenshots';

const PAGES: [string, string, { chart?: boolean }][] = [
  ['首页', '', { chart: true }],
  ['报告页', 'reports/jiexiu-2025q1/', { chart: true }],
  ['MDX 报告页', 'reports/yanshi-2025h1-mdx/', { chart: true }],
  ['有封面的报告页', 'reports/shili-2025q2/', { chart: true }],
  ['全部报告', 'reports/', {}],
  ['全部报告第 2 页', 'reports/page/2/', {}],
  ['机构列表', 'orgs/', {}],
  ['机构页（有趋势）', 'orgs/shili/', { chart: true }],
  ['地区列表', 'regions/', {}],
  ['省份', 'regions/山西/', {}],
  ['城市', 'regions/山西/晋中/', {}],
  ['主题列表', 'themes/', {}],
  ['主题', 'themes/普惠金融/', {}],
  ['年份列表', 'years/', {}],
  ['年份', 'years/2025/', {}],
  ['指标列表', 'metrics/', {}],
  ['指标排行', 'metrics/deposit_balance/', { chart: true }],
  ['搜索', 'search/?q=不良贷款', {}],
];

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe('page types', () => {
  for (const [name, path, opts] of PAGES) {
    it(name, async () => {
      const w = await watchedPage(browser, siteUrl);
      const res = await w.page.goto(siteUrl + path, { waitUntil: 'networkidle' });
      expect(res?.status()).toBe(200);
      expect(await w.page.getAttribute('html', 'lang')).toBe('zh-CN');
      if (opts.chart) {
        const canvases = w.page.locator('canvas[data-chart]');
        expect(await canvases.count()).toBeGreaterThan(0);
        await w.page.waitForTimeout(200);
        const painted = await canvases.evaluateAll((cs) =>
          cs.map((c) => {
            const canvas = c as HTMLCanvasElement;
            const ctx = canvas.getContext('2d')!;
            const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
            let n = 0;
            for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
            return { n, role: canvas.getAttribute('role'), label: canvas.getAttribute('aria-label') ?? '', table: !!canvas.closest('figure')?.querySelector('table tbody tr') };
          }),
        );
        for (const p of painted) {
          expect(p.n).toBeGreaterThan(500);
          expect(p.role).toBe('img');
          expect(p.label.length).toBeGreaterThan(4);
          expect(p.table).toBe(true);
        }
      }
      const axe = await new AxeBuilder({ page: w.page }).analyze();
      const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
      expect(bad).toEqual([]);
      expect(w.foreign).toEqual([]);
      expect(w.failed).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
      await w.page.close();
    });
  }

  it('a missing page answers 404 with the Chinese 404 page', async () => {
    const w = await watchedPage(browser, siteUrl);
    const res = await w.page.goto(`${siteUrl}reports/no-such-report/`);
    expect(res?.status()).toBe(404);
    expect(await w.page.textContent('h1')).toBe('页面不存在');
    await w.page.close();
  });

  it('a report page ships at most 60 KB of gzipped JavaScript', async () => {
    const w = await watchedPage(browser, siteUrl);
    let bytes = 0;
    const { gzipSync } = await import('node:zlib');
    const bodies: Promise<void>[] = [];
    w.page.on('response', (r) => {
      if (r.request().resourceType() === 'script') bodies.push(r.body().then((b) => void (bytes += gzipSync(b).length)));
    });
    await w.page.goto(`${siteUrl}reports/jiexiu-2025q1/`, { waitUntil: 'networkidle' });
    await Promise.all(bodies);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(60 * 1024);
    await w.page.close();
  });
});

describe('screenshots', () => {
  for (const width of [360, 1440]) {
    for (const [name, path] of [['home', ''], ['report', 'reports/jiexiu-2025q1/']] as const) {
      it(`${name} at ${width}px has no horizontal overflow`, async () => {
        const w = await watchedPage(browser, siteUrl, { width, height: 900 });
        await w.page.goto(siteUrl + path, { waitUntil: 'networkidle' });
        const overflow = await w.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await w.page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
        await w.page.close();
      });
    }
  }
});

describe('report details', () => {
  it('shows the cover with its caption and credit, served under the base', async () => {
    const w = await watchedPage(browser, siteUrl);
    await w.page.goto(`${siteUrl}reports/shili-2025q2/`, { waitUntil: 'networkidle' });
    const img = w.page.locator('figure.cover img');
    expect(await img.getAttribute('src')).toMatch(/^\/showcase\/_astro\//);
    expect(await img.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await w.page.textContent('figure.cover figcaption')).toContain('示例通讯员 绘');
    await w.page.close();
  });

  it('an MDX report prints its validated figures through <Figure>', async () => {
    const w = await watchedPage(browser, siteUrl);
    await w.page.goto(`${siteUrl}reports/yanshi-2025h1-mdx/`, { waitUntil: 'networkidle' });
    expect(await w.page.locator('.report-body .inline-figure').allTextContents()).toEqual(['55.38亿元', '338.62亿元']);
    await w.page.close();
  });
});

describe('share area', () => {
  it('shows the card and offers card, poster and link', async () => {
    const w = await watchedPage(browser, siteUrl);
    await w.page.goto(`${siteUrl}reports/jiexiu-2025q1/`, { waitUntil: 'networkidle' });
    const img = w.page.locator('.share img');
    expect(await img.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBe(1200);
    const hrefs = await w.page.$$eval('.share a[download]', (as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(['/showcase/cards/reports/jiexiu-2025q1.png', '/showcase/cards/reports/jiexiu-2025q1-poster.png']);
    await w.page.click('[data-copy]');
    await expect.poll(() => w.page.textContent('[data-status]')).toMatch(/链接已(复制|选中)/);
    await w.page.close();
  });
});
