/**
 * Search in a real browser against the built fixture site (samples + generated corpus): for every phrase of
 * the vocabulary the hits are exactly the published reports whose text contains it.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { todayInShanghai } from '../../src/lib/dates.ts';
import { launch, watchedPage, type Watched } from '../../tools/browser.ts';
import { VOCABULARY, expectedSlugs } from '../../tools/corpus.ts';
import { showAll } from '../helpers/search-exactness.ts';

const siteUrl = inject('siteUrl');
const reportsDir = path.join(inject('contentDir'), 'reports');
const today = todayInShanghai();

let browser: Browser;
let w: Watched;

beforeAll(async () => {
  browser = await launch();
  w = await watchedPage(browser, siteUrl);
});
afterAll(async () => {
  await w?.page.close();
  await browser?.close();
});

async function results(page: Page, params: Record<string, string>): Promise<{ slugs: string[]; status: string; excerpts: string[]; dates: string[] }> {
  await page.goto(`${siteUrl}search/?${new URLSearchParams(params)}`);
  await page.waitForFunction(() => {
    const s = document.getElementById('search-status')?.textContent ?? '';
    return s.startsWith('找到') || s.startsWith('没有找到');
  }, null, { timeout: 30_000 });
  await showAll(page);
  const hrefs = await page.$$eval('#search-results h2 a', (as) => as.map((a) => a.getAttribute('href') ?? ''));
  const slugs = hrefs.map((h) => /reports\/([^/]+)\//.exec(h)?.[1] ?? h);
  const excerpts = await page.$$eval('#search-results .summary', (ps) => ps.map((p) => p.innerHTML));
  const dates = await page.$$eval('#search-results time', (ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
  return { slugs, status: (await page.textContent('#search-status')) ?? '', excerpts, dates };
}

describe('exact Chinese search', () => {
  const table: string[] = [];
  afterAll(() => console.log(`\n词语\t应有\t命中\t精确率\t召回率\n${table.join('\n')}`));

  for (const phrase of VOCABULARY) {
    it(`“${phrase}”`, async () => {
      const expected = expectedSlugs(reportsDir, phrase, today);
      const { slugs, status, excerpts } = await results(w.page, { q: phrase });
      const got = [...slugs].sort();
      const tp = got.filter((s) => expected.includes(s)).length;
      table.push(`${phrase}\t${expected.length}\t${got.length}\t${got.length ? ((100 * tp) / got.length).toFixed(0) : '100'}%\t${expected.length ? ((100 * tp) / expected.length).toFixed(0) : '100'}%`);
      expect(got).toEqual(expected);
      expect(status).toBe(expected.length ? `找到 ${expected.length} 篇报告` : '没有找到符合条件的报告。');
      // Each hit shows the phrase highlighted in its real text.
      for (const e of excerpts) expect(e).toMatch(/<mark>[^<]+<\/mark>/);
    });
  }

  it('the vocabulary has at least 25 phrases and finds something for most of them', () => {
    expect(VOCABULARY.length).toBeGreaterThanOrEqual(25);
    expect(VOCABULARY.filter((p) => expectedSlugs(reportsDir, p, today).length > 0).length).toBeGreaterThanOrEqual(25);
  });
});

describe('filters, sorting and the URL', () => {
  it('a region filter narrows to that region, newest first', async () => {
    const all = await results(w.page, { q: '不良贷款' });
    const shanxi = await results(w.page, { q: '不良贷款', region: '山西' });
    expect(shanxi.slugs.length).toBeGreaterThan(0);
    expect(shanxi.slugs.length).toBeLessThan(all.slugs.length);
    expect(shanxi.slugs.every((s) => all.slugs.includes(s))).toBe(true);
    expect(shanxi.slugs.every((s) => /^(jiexiu|yicheng)/.test(s))).toBe(true);
    expect([...all.dates].sort().reverse()).toEqual(all.dates);
  });

  it('theme and year filters combine', async () => {
    const r = await results(w.page, { q: '志愿者', theme: '反诈宣传', year: '2025' });
    expect(r.slugs.length).toBeGreaterThan(0);
    for (const d of r.dates) expect(d.startsWith('2025')).toBe(true);
  });

  it('filters alone list everything in them; the page writes its state to the URL', async () => {
    const r = await results(w.page, { org: '翼城农商银行' });
    expect(r.slugs).toEqual(['yicheng-2025q1']);
    await w.page.fill('#q', '清收');
    await w.page.press('#q', 'Enter');
    await w.page.waitForFunction(() => location.search.includes('q='));
    expect(new URL(w.page.url()).searchParams.get('q')).toBe('清收');
    expect(new URL(w.page.url()).searchParams.get('org')).toBe('翼城农商银行');
  });

  it('never finds drafts or embargoed reports', async () => {
    for (const q of ['草稿样例', '禁发样例']) {
      const r = await results(w.page, { q });
      expect(r.slugs).toEqual([]);
    }
  });

  it('opens every shard when the page loads, and fetches the typed words’ index chunks before Enter is pressed', async () => {
    const page = (await watchedPage(browser, siteUrl)).page;
    try {
      const seen: string[] = [];
      page.on('request', (r) => seen.push(new URL(r.url()).pathname));
      await page.goto(`${siteUrl}search/`);
      const shards = await page.evaluate(async (u) => ((await (await fetch(u)).json()) as { shards: { name: string }[] }).shards.map((s) => s.name), `${siteUrl}pagefind/shards.json`);
      expect(shards.length).toBeGreaterThan(1);
      const inShard = (name: string, what: RegExp) => seen.some((p) => p.includes(`/pagefind/${name}/`) && what.test(p));
      // Nothing typed yet: each shard's metadata is loaded, no index chunk.
      await expect.poll(() => shards.every((n) => inShard(n, /\.pf_meta$/)), { timeout: 10_000 }).toBe(true);
      expect(seen.some((p) => p.endsWith('.pf_index'))).toBe(false);
      await page.locator('#q').pressSequentially('不良贷款', { delay: 30 });
      await expect.poll(() => shards.every((n) => inShard(n, /\.pf_index$/)), { timeout: 10_000 }).toBe(true);
      // Typing alone searched nothing.
      expect(await page.textContent('#search-status')).not.toMatch(/^找到/);
    } finally {
      await page.close();
    }
  });

  it('made no request to another host and logged no error', () => {
    expect(w.foreign).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });
});
