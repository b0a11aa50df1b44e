/**
 * The Content-Security-Policy in Chromium: one page of every type, served with the policy both as the header
 * (as nginx sends it) and as the <meta> in the page, raises no securitypolicyviolation and logs no CSP
 * error; charts are drawn, the share buttons work and the search (Pagefind WebAssembly in its worker) still
 * finds reports. Pages are picked from the built site, so the test follows whatever content it was built from.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CSP_HEADER, CSP_META } from '../../src/lib/csp.ts';
import { launch, watchedPage, type Watched } from '../../tools/browser.ts';

const siteUrl = inject('siteUrl');
const distDir = inject('distDir');

/** Sub-folders of dist/<dir> that hold a page, as URL paths relative to the base. */
function pagesUnder(dir: string): string[] {
  const abs = path.join(distDir, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'page' && existsSync(path.join(abs, d.name, 'index.html')))
    .map((d) => `${dir}/${d.name}/`)
    .sort();
}

/** The built HTML of a page, by its folder under dist/ (not URL-encoded). */
function html(dir: string): string {
  return readFileSync(path.join(distDir, dir, 'index.html'), 'utf8');
}

function first(kind: string, candidates: string[], want: (p: string) => boolean = () => true): string {
  const hit = candidates.find(want);
  if (!hit) throw new Error(`测试站点里没有${kind}`);
  return encodeURI(hit);
}

const reports = pagesUnder('reports');
const hasChart = (p: string) => html(p).includes('data-chart=');
const PAGES: [name: string, urlPath: string, opts: { charts?: boolean; share?: boolean; status?: number }][] = [
  ['首页', '', {}],
  ['有图表的报告页', first('有图表的报告页', reports, hasChart), { charts: true, share: true }],
  ['没有图表的报告页', first('没有图表的报告页', reports, (p) => !hasChart(p)), { share: true }],
  ['机构页', first('机构页', pagesUnder('orgs')), {}],
  ['地区页', first('地区页', pagesUnder('regions')), {}],
  ['主题页', first('主题页', pagesUnder('themes')), {}],
  ['年份页', first('年份页', pagesUnder('years')), {}],
  ['指标排行', first('指标排行', pagesUnder('metrics'), hasChart), { charts: true }],
  ['找不到的页面（404）', 'no-such-page-for-csp/', { status: 404 }],
];

interface CspWatch extends Watched {
  /** Every message that mentions the policy, of any console level, and Pagefind's worker fallback warning. */
  policyMessages: string[];
}

async function open(browser: Browser): Promise<CspWatch> {
  const w = await watchedPage(browser, siteUrl);
  const policyMessages: string[] = [];
  w.page.on('console', (m) => {
    const t = m.text();
    if (/Content.Security.Policy|Refused to|violates/i.test(t) || /pagefind.*worker/i.test(t)) policyMessages.push(`${m.type()}: ${t}`);
  });
  // Registered before any page script runs, and not itself subject to the page's policy.
  await w.page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.effectiveDirective} ← ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  return { ...w, policyMessages };
}

function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('Content-Security-Policy', () => {
  for (const [name, urlPath, opts] of PAGES) {
    it(name, async () => {
      const w = await open(browser);
      try {
        const res = await w.page.goto(siteUrl + urlPath, { waitUntil: 'networkidle' });
        expect(res?.status()).toBe(opts.status ?? 200);
        // The server sends the header nginx sends; the page carries the same policy minus frame-ancestors.
        expect(res?.headers()['content-security-policy']).toBe(CSP_HEADER);
        const head = await w.page.$$eval('head > *', (els) =>
          els.map((e) => ({ tag: e.tagName.toLowerCase(), equiv: e.getAttribute('http-equiv'), content: e.getAttribute('content') })),
        );
        const metaAt = head.findIndex((e) => e.tag === 'meta' && e.equiv?.toLowerCase() === 'content-security-policy');
        expect(metaAt, '页面缺少 CSP <meta>').toBeGreaterThanOrEqual(0);
        expect(head[metaAt]!.content).toBe(CSP_META);
        const firstResource = head.findIndex((e) => ['link', 'script', 'style'].includes(e.tag));
        if (firstResource >= 0) expect(metaAt).toBeLessThan(firstResource);
        // Inline code would need per-page hashes that a static server header cannot repeat.
        expect(await w.page.$$eval('script:not([src])', (s) => s.map((e) => e.outerHTML.slice(0, 120)))).toEqual([]);
        expect(await w.page.$$eval('style', (s) => s.map((e) => e.outerHTML.slice(0, 120)))).toEqual([]);

        if (opts.charts) {
          // Chart.js ran under the policy: some canvas has painted pixels.
          await w.page.waitForFunction(
            () =>
              [...document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')].some((c) => {
                const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
                for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) return true;
                return false;
              }),
            null,
            { timeout: 15_000 },
          );
        }
        if (opts.share) {
          // The share script (a bundled file now, not inline) answers the copy button.
          await w.page.click('.share [data-copy]');
          await w.page.waitForFunction(() => (document.querySelector('.share [data-status]')?.textContent ?? '') !== '', null, { timeout: 10_000 });
        }
        expect(await violations(w.page)).toEqual([]);
        expect(w.policyMessages).toEqual([]);
        // The 404 page's own status is logged as a failed load; any other failure is listed in w.failed.
        expect(w.consoleErrors.filter((e) => !/status of 404/.test(e))).toEqual([]);
        expect(w.failed).toEqual(opts.status === 404 ? [`404 ${siteUrl}${urlPath}`] : []);
        expect(w.foreign).toEqual([]);
      } finally {
        await w.page.close();
      }
    });
  }

  it('搜索（Pagefind 的 WebAssembly 与 worker）在策略下仍然找得到报告', async () => {
    const w = await open(browser);
    try {
      // A phrase from a real report title, so that it must be found.
      const report = reports[0];
      expect(report, '测试站点里没有报告页').toBeTruthy();
      const title = /<h1[^>]*>([^<]+)</.exec(html(report!))?.[1] ?? '';
      const phrase = /\p{Script=Han}{2}/u.exec(title)?.[0];
      expect(phrase, `报告标题里没有汉字：${title}`).toBeTruthy();
      const workers: string[] = [];
      w.page.on('worker', (wk) => workers.push(wk.url()));
      const res = await w.page.goto(`${siteUrl}search/?q=${encodeURIComponent(phrase!)}`);
      expect(res?.headers()['content-security-policy']).toBe(CSP_HEADER);
      await w.page.waitForFunction(() => /^(找到|没有找到|搜索索引加载失败)/.test(document.getElementById('search-status')?.textContent ?? ''), null, {
        timeout: 30_000,
      });
      expect(await w.page.textContent('#search-status')).toMatch(/^找到 [1-9]\d* 篇报告$/);
      expect(await w.page.locator('#search-results li').count()).toBeGreaterThan(0);
      // Pagefind searched in its worker rather than falling back after the worker was refused.
      expect(workers.some((u) => /\/pagefind\/[^/]+\/pagefind-worker\.js$/.test(u))).toBe(true);
      expect(await violations(w.page)).toEqual([]);
      expect(w.policyMessages).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.page.close();
    }
  });
});
