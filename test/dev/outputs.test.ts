/**
 * What the dev server makes from content besides pages: previews of drafts and embargoed reports (their own
 * pages only), share cards rendered on request, and the search index kept in memory — each following the files.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, watchedPage, type Watched } from '../../tools/browser.ts';
import { CHANGE_TIMEOUT, buildBeside, edit, makeContent, pngSize, replaceOnce, startDev, waitShows, type DevServer } from './dev-server.ts';

let server: DevServer;
let browser: Browser;
let w: Watched;

beforeAll(async () => {
  server = await startDev(makeContent());
  browser = await launch();
  w = await watchedPage(browser, server.url);
});

afterAll(async () => {
  await w?.page.close();
  await browser?.close();
  await server?.stop();
});

const DRAFT = { slug: 'dev-draft', title: '青禾农商银行柿饼加工贷款草稿', word: '柿饼' };
const EMBARGOED = { slug: 'dev-embargo', title: '石桥农商银行茶油产业金融服务', word: '茶油' };
const PUBLISHED = [
  { slug: 'dev-alpha', title: '青禾农商银行信贷支持蓝莓产业' },
  { slug: 'dev-beta', title: '石桥农商银行反诈宣传进社区' },
];

async function get(p: string): Promise<Response> {
  return fetch(new URL(p, server.url), { signal: AbortSignal.timeout(60_000) });
}

/**
 * Runs a search on the search page and returns the slugs it lists once it says it is done. Status and results
 * are read in one step, and the search is run again if a reload pushed by the server (after an edit) replaces the
 * page meanwhile.
 */
async function search(page: Page, q: string): Promise<{ slugs: string[]; status: string }> {
  const deadline = Date.now() + CHANGE_TIMEOUT;
  for (;;) {
    try {
      await page.goto(`${server.url}search/?${new URLSearchParams({ q })}`);
      const done = await page.waitForFunction(() => {
        const status = document.getElementById('search-status')?.textContent ?? '';
        if (!status.startsWith('找到') && !status.startsWith('没有找到')) return false;
        return { status, hrefs: [...document.querySelectorAll('#search-results a')].map((a) => a.getAttribute('href') ?? '') };
      }, null, { timeout: CHANGE_TIMEOUT });
      const { status, hrefs } = (await done.jsonValue()) as { status: string; hrefs: string[] };
      return { status, slugs: [...new Set(hrefs.map((h) => /\/reports\/([^/]+)\//.exec(h)?.[1] ?? h))].sort() };
    } catch (e) {
      if (Date.now() > deadline || !/context was destroyed|interrupted by another navigation|net::ERR_ABORTED/.test(String(e))) throw e;
    }
  }
}

describe('charts in the open preview', () => {
  /** Waits until the page's first chart canvas has been drawn on (Chart.js loaded and ran). */
  async function chartDrawn(page: Page): Promise<void> {
    try {
      await page.waitForFunction(() => {
        const c = document.querySelector('canvas');
        if (!c || c.width === 0 || c.height === 0) return false;
        const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
        if (!data) return false;
        for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
        return false;
      }, null, { timeout: CHANGE_TIMEOUT, polling: 250 });
    } catch (e) {
      const shown = await page.innerText('body').catch(() => '(页面正在加载)');
      throw new Error(`${page.url()} 的图表没有画出来。\n失败的请求：${w.failed.join('\n')}\n控制台：${w.consoleErrors.join('\n')}\n页面显示：\n${shown.slice(0, 2000)}\n\n服务器输出：\n${server.log().slice(-3000)}\n\n${String(e)}`);
    }
  }

  // First in this file: no page has loaded Chart.js yet, as when a writer starts the dev server, runs a build,
  // and only then opens a page. (Once loaded, the browser and the server keep their copy and hide the fault.)
  it('work when `npm run build` has run beside the dev server', async () => {
    const page = w.page;
    // A build re-bundles Vite's dependencies; the dev server must not be left pointing at bundles that are gone
    // (504 "Outdated Optimize Dep" for chart.js, blank charts until restarted).
    await buildBeside(server);
    // The home page's chart of reports per theme and year.
    await page.goto(server.url);
    await chartDrawn(page);
  });
});

describe('drafts and embargoed reports', () => {
  it('their own pages preview them, saying what they are', async () => {
    const page = w.page;
    let res = await page.goto(`${server.url}reports/${DRAFT.slug}/`);
    expect(res?.status()).toBe(200);
    await waitShows(page, { selector: 'main', has: ['草稿预览：', DRAFT.title, DRAFT.word] }, server);
    expect(await page.locator('.share').count()).toBe(0);

    res = await page.goto(`${server.url}reports/${EMBARGOED.slug}/`);
    expect(res?.status()).toBe(200);
    await waitShows(page, { selector: 'main', has: ['定时发布预览：', '2025年7月15日', EMBARGOED.title, EMBARGOED.word] }, server);
    expect(await page.locator('.share').count()).toBe(0);

    // A published report has neither notice.
    await page.goto(`${server.url}reports/dev-alpha/`);
    await waitShows(page, { selector: 'main', has: [PUBLISHED[0]!.title], lacks: ['草稿预览', '定时发布预览'] }, server);
  });

  it('they are in no list page, total or ranking', async () => {
    const page = w.page;
    const pages = ['', 'reports/', 'orgs/qinghe/', 'orgs/shiqiao/', 'years/2025/', 'regions/河北/', 'metrics/people_trained/'];
    for (const p of pages) {
      const res = await page.goto(`${server.url}${p}`);
      expect(res?.status(), p).toBe(200);
      const text = await page.innerText('main');
      expect(text, p).not.toContain(DRAFT.title);
      expect(text, p).not.toContain(EMBARGOED.title);
      expect(await page.locator(`main a[href*="${DRAFT.slug}"], main a[href*="${EMBARGOED.slug}"]`).count(), p).toBe(0);
    }
    // And the published ones are (so the absences above are not of an empty page).
    await page.goto(`${server.url}reports/`);
    await waitShows(page, { selector: 'main', has: [...PUBLISHED.map((r) => r.title), '共 2 篇'] }, server);
    // Home total of 培训教育人数: the published 1,580 only (the draft's 260 and the embargoed 410 are left out).
    await page.goto(server.url);
    await waitShows(page, { selector: 'main', has: ['培训教育人数'] }, server);
    const home = await page.innerText('main');
    expect(home).toMatch(/培训教育人数\s*1,?580\s*人/);
    for (const wrong of [/2,?250/, /1,?990/, /1,?840/, /410\s*人/, /260\s*人/]) expect(home).not.toMatch(wrong);
    // The ranking of that metric lists one organisation's figure: 1580, not the embargoed 410.
    await page.goto(`${server.url}metrics/people_trained/`);
    await waitShows(page, { selector: 'main', has: ['石桥农商银行', PUBLISHED[1]!.title], lacks: ['410', '260', '青禾农商银行'] }, server);
  });

  it('they are not in the feed, the outputs document, search or the cards', async () => {
    const feed = await (await get('feed.xml')).text();
    for (const r of PUBLISHED) expect(feed).toContain(r.title);
    for (const r of [DRAFT, EMBARGOED]) {
      expect(feed).not.toContain(r.title);
      expect(feed).not.toContain(r.slug);
    }

    const outputs = (await (await get('_showcase/outputs.json')).json()) as { reports: { slug: string }[]; search: unknown[] };
    expect(outputs.reports.map((r) => r.slug).sort()).toEqual(PUBLISHED.map((r) => r.slug));
    expect(outputs.search).toHaveLength(2);
    const all = JSON.stringify(outputs);
    for (const r of [DRAFT, EMBARGOED]) {
      expect(all).not.toContain(r.slug);
      expect(all).not.toContain(r.word);
    }

    for (const r of [DRAFT, EMBARGOED]) {
      const found = await search(w.page, r.word);
      expect(found.slugs).toEqual([]);
      expect(found.status).toBe('没有找到符合条件的报告。');
    }

    for (const r of [DRAFT, EMBARGOED]) {
      for (const card of [`cards/reports/${r.slug}.png`, `cards/reports/${r.slug}-poster.png`]) {
        const res = await get(card);
        expect(res.status, card).toBe(404);
        expect(res.headers.get('content-type') ?? '', card).not.toContain('image/png');
      }
    }
  });
});

describe('share cards on request', () => {
  it('a report card, a poster and an organisation card are real PNGs of the right size', async () => {
    const sizes: [string, number, number][] = [
      ['cards/reports/dev-alpha.png', 1200, 630],
      ['cards/reports/dev-alpha-poster.png', 1080, 1440],
      ['cards/orgs/qinghe.png', 1200, 630],
    ];
    for (const [p, width, height] of sizes) {
      const res = await get(p);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type'), p).toBe('image/png');
      expect(pngSize(new Uint8Array(await res.arrayBuffer())), p).toEqual({ width, height });
    }
    // The report page shows the card, decoded by the browser at its size.
    await w.page.goto(`${server.url}reports/dev-alpha/`);
    const img = w.page.locator('.share img.share-card');
    await img.scrollIntoViewIfNeeded();
    await w.page.waitForFunction(() => {
      const i = document.querySelector<HTMLImageElement>('.share img.share-card');
      return !!i && i.complete && i.naturalWidth > 0;
    }, null, { timeout: CHANGE_TIMEOUT });
    expect(await img.evaluate((i: HTMLImageElement) => [i.naturalWidth, i.naturalHeight])).toEqual([1200, 630]);
  });

  it('editing the title changes the card', async () => {
    const card = async () => Buffer.from(await (await get('cards/reports/dev-alpha.png')).arrayBuffer());
    const before = await card();
    // Rendering is deterministic: without an edit the bytes stay the same, so a change below comes from the edit.
    expect((await card()).equals(before)).toBe(true);

    edit(path.join(server.contentDir, 'reports/dev-alpha.md'), (t) => replaceOnce(t, 'title: 青禾农商银行信贷支持蓝莓产业', 'title: 青禾农商银行蓝莓贷款惠及千户'));
    const deadline = Date.now() + CHANGE_TIMEOUT;
    let after = before;
    while (after.equals(before) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      after = await card();
    }
    expect(after.equals(before)).toBe(false);
    expect(pngSize(after)).toEqual({ width: 1200, height: 630 });
    // And the page, which the card belongs to, has the new title too.
    await waitShows(w.page, { selector: 'article header h1', has: ['青禾农商银行蓝莓贷款惠及千户'] }, server);
  });
});

describe('search in dev', () => {
  it('finds the one report with a word; after another report gets the word, both', async () => {
    let found = await search(w.page, '蓝莓');
    expect(found.slugs).toEqual(['dev-alpha']);
    expect(found.status).toBe('找到 1 篇报告');

    edit(path.join(server.contentDir, 'reports/dev-beta.md'), (t) => replaceOnce(t, '提醒群众守好钱袋子。', '提醒群众守好钱袋子，也到蓝莓种植基地为务工人员讲解。'));
    const deadline = Date.now() + CHANGE_TIMEOUT;
    do {
      found = await search(w.page, '蓝莓');
    } while (found.slugs.length < 2 && Date.now() < deadline);
    expect(found.slugs).toEqual(['dev-alpha', 'dev-beta']);
    expect(found.status).toBe('找到 2 篇报告');
    // Each hit shows the word highlighted in its own text.
    const marks = await w.page.$$eval('#search-results mark', (ms) => ms.map((m) => m.textContent));
    expect(marks.length).toBeGreaterThanOrEqual(2);
    expect(new Set(marks)).toEqual(new Set(['蓝莓']));
  });
});

describe('the pages stay on this host', () => {
  it('no request to another host, no failed request, no console error', () => {
    expect(w.foreign).toEqual([]);
    // The 404s of unpublished cards above were fetched outside the page: the page itself had none.
    expect(w.failed).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });
});
