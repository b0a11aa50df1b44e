/**
 * Mistakes while writing, in the live preview: a broken report is not a 404 but a page listing its problems
 * (place, field, 问题/原因/改法 — the same text as `npm run check`), every page's banner names the file, and
 * saving the fix brings the report back. A broken data file shows its problem on every page while the site keeps
 * the last good content.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLocation, type Problem } from '../../src/lib/problems.ts';
import { loadContent } from '../helpers/content.ts';
import { launch, watchedPage, type Watched } from '../../tools/browser.ts';
import { CHANGE_TIMEOUT, FIXTURES, NOW, edit, lineOf, makeContent, replaceOnce, startDev, waitShows, type DevServer } from './dev-server.ts';

let server: DevServer;
let browser: Browser;
/** The report page, open throughout. */
let report: Watched;
/** The home page, open throughout: the banner is on every page. */
let home: Watched;
let alpha: string;
let original: string;

beforeAll(async () => {
  server = await startDev(makeContent());
  alpha = path.join(server.contentDir, 'reports/dev-alpha.md');
  original = readFileSync(alpha, 'utf8');
  browser = await launch();
  report = await watchedPage(browser, server.url);
  home = await watchedPage(browser, server.url);
  await report.page.goto(`${server.url}reports/dev-alpha/`);
  await home.page.goto(server.url);
});

afterAll(async () => {
  await report?.page.close();
  await home?.page.close();
  await browser?.close();
  await server?.stop();
});

/** What `npm run check` says about the report now: the text the page must show. */
async function checkProblems(): Promise<Problem[]> {
  const result = await loadContent({ contentDir: server.contentDir, now: new Date(`${NOW}T12:00:00+08:00`) });
  return result.problems.filter((p) => p.file === 'reports/dev-alpha.md' && p.severity === 'error');
}

/**
 * Opens the banner's details the way a writer does (a click on its summary) and waits for it to show `has`.
 * A reload the server pushes meanwhile closes it again, so it is opened again until the bounded wait ends.
 */
async function openBanner(page: Page, has: string[]): Promise<void> {
  const deadline = Date.now() + CHANGE_TIMEOUT;
  let shown = '';
  while (Date.now() < deadline) {
    try {
      if (!(await page.locator('.dev-problems details').evaluate((d: HTMLDetailsElement) => d.open, null, { timeout: 2_000 }))) {
        await page.click('.dev-problems summary', { timeout: 2_000 });
      }
      shown = await page.innerText('.dev-problems', { timeout: 2_000 });
      if (has.every((s) => shown.includes(s))) return;
    } catch {
      // The page is reloading; try again.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`提示条展开后没有显示 ${JSON.stringify(has)}。\n显示的是：\n${shown}\n\n服务器输出：\n${server.log().slice(-4000)}`);
}

/**
 * A figure's frontmatter is written either as `value` + `unit` or as the printed `text` ("86.42亿元"); the edits
 * below work on either, and the field the checker names is the one the test changed.
 */
function inMetrics(t: string, from: string, to: string): string {
  const start = t.indexOf('\nmetrics:');
  const end = t.indexOf('\n---', start);
  if (start < 0 || end < 0) throw new Error('找不到 metrics');
  return t.slice(0, start) + replaceOnce(t.slice(start, end), from, to) + t.slice(end);
}

const cases: { name: string; change: (t: string) => string; marker: RegExp; field: RegExp }[] = [
  {
    name: 'a unit that does not fit the metric',
    change: (t) => (/^ {4}unit: 亿元$/m.test(t) ? inMetrics(t, 'unit: 亿元', 'unit: 户') : inMetrics(t, '86.42亿元', '86.42户')),
    marker: /^ {4}unit: 户$|86\.42户/,
    field: /^metrics\[0\]\.(unit|text|value)$/,
  },
  {
    name: 'an organisation not in orgs.yaml',
    change: (t) => replaceOnce(t, 'org: 青禾农商银行', 'org: 青禾县农业银行'),
    marker: /^org: 青禾县农业银行$/,
    field: /^org$/,
  },
  {
    name: 'a figure that is not in the text',
    // Only the frontmatter's figure: summary and text still say 31.5亿元.
    change: (t) => inMetrics(t, '31.5', '35.8'),
    marker: /35\.8/,
    field: /^metrics\[1\](\.(value|text))?$/,
  },
];

describe('a report with a problem', () => {
  for (const c of cases) {
    it(`${c.name}: the problem view, the banner, and back after the fix`, async () => {
      const title = '青禾农商银行信贷支持蓝莓产业';
      await waitShows(report.page, { selector: 'main', has: [title] }, server);
      await waitShows(home.page, { selector: 'main', has: [title] }, server);
      expect(await home.page.locator('.dev-problems').count()).toBe(0);

      edit(alpha, c.change);
      const line = readFileSync(alpha, 'utf8').split('\n').findIndex((l) => c.marker.test(l)) + 1;
      expect(line).toBeGreaterThan(0);
      const expected = await checkProblems();
      // The checker finds this mistake where the test made it; its wording is what the page must show.
      const problem = expected.find((p) => p.line === line && c.field.test(p.field ?? ''));
      expect(problem, JSON.stringify(expected)).toBeDefined();
      const where = formatLocation(problem!);
      expect(where.startsWith(`reports/dev-alpha.md:${line}`)).toBe(true);

      // The open report page turns into the problem view by itself.
      await waitShows(report.page, {
        selector: 'main',
        has: ['这份报告有问题，还不能显示', where, problem!.field!, `问题：${problem!.what}`, `改法：${problem!.fix}`],
        lacks: [title],
      }, server);
      if (problem!.why) await waitShows(report.page, { selector: 'main', has: [`原因：${problem!.why}`] }, server);
      // Not a 404 when opened afresh either.
      const res = await report.page.reload();
      expect(res?.status()).toBe(200);
      await waitShows(report.page, { selector: 'main', has: ['这份报告有问题，还不能显示', where] }, server);

      // The home page: banner with the count, the report gone from the list; opened, it names the file and line.
      await waitShows(home.page, { selector: '.dev-problems', has: ['1 份报告有错误'] }, server);
      await waitShows(home.page, { selector: 'main', has: ['石桥农商银行反诈宣传进社区'], lacks: [title] }, server);
      await openBanner(home.page, [where, problem!.field!, `改法：${problem!.fix}`]);

      // Fixed: the report is back on its page and in the list, the banner gone.
      edit(alpha, () => original);
      await waitShows(report.page, { selector: 'main', has: [title, '86.42'], lacks: ['这份报告有问题'] }, server);
      await waitShows(home.page, { selector: 'main', has: [title] }, server);
      await home.page.waitForSelector('.dev-problems', { state: 'detached', timeout: 30_000 });
    });
  }
});

describe('a picture the report names but the folder lacks', () => {
  it('is a problem until the picture is copied in; then the page shows the report with it', async () => {
    const title = '青禾农商银行信贷支持蓝莓产业';
    await waitShows(report.page, { selector: 'main', has: [title] }, server);
    const images = path.join(server.contentDir, 'reports/images');
    edit(alpha, (t) => replaceOnce(t, 'themes: [普惠金融]\n', 'themes: [普惠金融]\ncover:\n  src: ./images/dev-cover.jpg\n  alt: 客户经理在蓝莓种植基地了解资金需求\n'));
    const line = lineOf(readFileSync(alpha, 'utf8'), 'src: ./images/dev-cover.jpg');
    await waitShows(report.page, { selector: 'main', has: ['这份报告有问题，还不能显示', `reports/dev-alpha.md:${line}`, 'cover.src', 'dev-cover.jpg'] }, server);

    // The writer copies the picture in and saves nothing else.
    mkdirSync(images, { recursive: true });
    copyFileSync(path.join(FIXTURES, 'cover.jpg'), path.join(images, 'dev-cover.jpg'));
    await waitShows(report.page, { selector: 'main', has: [title], lacks: ['这份报告有问题'] }, server);
    await report.page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('figure.cover img');
      return !!img && img.complete && img.naturalWidth === 16;
    }, null, { timeout: CHANGE_TIMEOUT });
    await waitShows(home.page, { selector: 'main', has: [title] }, server);
    expect(await home.page.locator('.dev-problems').count()).toBe(0);

    edit(alpha, () => original);
    await report.page.waitForSelector('figure.cover', { state: 'detached', timeout: CHANGE_TIMEOUT });
    await waitShows(report.page, { selector: 'main', has: [title], lacks: ['这份报告有问题'] }, server);
  });
});

describe('a broken orgs.yaml', () => {
  it('shows the banner with the problem and its line on every page, and keeps the last good content; fixed, the banner goes', async () => {
    const orgs = path.join(server.contentDir, 'orgs.yaml');
    const good = readFileSync(orgs, 'utf8');
    await waitShows(report.page, { selector: 'article header .meta', has: ['青禾农商银行'] }, server);

    // A full-width colon, as an input method types it.
    edit(orgs, (t) => replaceOnce(t, '    name: 石桥农商银行', '    name：石桥农商银行'));
    const line = lineOf(readFileSync(orgs, 'utf8'), 'name：石桥农商银行');
    for (const w of [report, home]) {
      await waitShows(w.page, {
        selector: '.dev-problems',
        has: ['设置、指标目录或机构名录有误，网站暂时按上一次正确的内容显示。', `orgs.yaml:${line}`, '全角冒号', '改法：'],
      }, server);
    }
    // The last good content stays: the report page still shows the report.
    await waitShows(report.page, { selector: 'article header', has: ['青禾农商银行信贷支持蓝莓产业', '青禾农商银行'] }, server);
    await waitShows(home.page, { selector: 'main', has: ['石桥农商银行反诈宣传进社区'] }, server);

    edit(orgs, () => good);
    for (const w of [report, home]) await w.page.waitForSelector('.dev-problems', { state: 'detached', timeout: 30_000 });
    await waitShows(report.page, { selector: 'article header h1', has: ['青禾农商银行信贷支持蓝莓产业'] }, server);
  });
});

describe('two reports of one bank that disagree', () => {
  it('the later one shows the problem naming both files and stays out of the lists; the other removed, the banner goes', async () => {
    const title = '青禾农商银行存款稳步增长';
    const gamma = path.join(server.contentDir, 'reports/dev-gamma.md');
    // dev-alpha says 86.42亿元 at the same day.
    writeFileSync(gamma, `---
title: ${title}
summary: 截至3月末，青禾农商银行各项存款余额稳步增长，服务乡村振兴。
org: 青禾农商银行
date: 2025-05-10
themes: [普惠金融]
metrics:
  - text: 96.42亿元
    key: deposit_balance
    asOf: 2025-03-31
---
截至3月末，该行各项存款余额96.42亿元。
`);
    const page = await watchedPage(browser, server.url);
    try {
      // The open home page reloads by itself: the banner counts the report, its list leaves it out.
      await waitShows(home.page, { selector: '.dev-problems', has: ['1 份报告有错误'] }, server);
      await waitShows(home.page, { selector: 'main', has: ['青禾农商银行信贷支持蓝莓产业'], lacks: [title] }, server);
      // Its own page shows the report with the problem, naming both files and lines.
      await page.page.goto(`${server.url}reports/dev-gamma/`);
      await waitShows(page.page, {
        selector: 'main',
        has: [title, '1 个错误', 'reports/dev-gamma.md:8', '两份报告写得不一样', 'reports/dev-alpha.md:9', '86.42亿元'],
      }, server);
      await openBanner(home.page, ['reports/dev-gamma.md:8', 'reports/dev-alpha.md:9']);

      rmSync(gamma);
      await home.page.waitForSelector('.dev-problems', { state: 'detached', timeout: 30_000 });
    } finally {
      await page.page.close();
      rmSync(gamma, { force: true });
    }
  });
});

describe('the pages stay on this host', () => {
  it('no request to another host, no failed request, no console error', () => {
    for (const w of [report, home]) {
      expect(w.foreign).toEqual([]);
      expect(w.failed).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
    }
  });
});
