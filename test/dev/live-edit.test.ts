/**
 * The live preview: with `astro dev` running and a report page open in Chromium, every save of a report or a
 * data file shows on the open page without restarting the server — and the old text is gone.
 */
import { closeSync, copyFileSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, watchedPage, type Watched } from '../../tools/browser.ts';
import { CHANGE_TIMEOUT, FIXTURES, edit, gotoUntil, makeContent, replaceOnce, startDev, unexplainedConsoleErrors, waitShows, type DevServer } from './dev-server.ts';

let server: DevServer;
let browser: Browser;
let w: Watched;
/** Every URL a test opened expecting 404; any other failed response is a defect. */
const expected404 = new Set<string>();
const reports = () => path.join(server.contentDir, 'reports');

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

describe('editing a report shows on the open page', () => {
  it('title, a figure (frontmatter and text together) and themes', async () => {
    const page = w.page;
    await page.goto(`${server.url}reports/dev-alpha/`);
    // The starting point, so that "gone" below means something.
    await waitShows(page, { selector: 'article header h1', has: ['青禾农商银行信贷支持蓝莓产业'] }, server);
    await waitShows(page, { selector: '.metrics-panel', has: ['86.42'] }, server);
    expect(await page.innerText('article header .tags')).not.toContain('乡村振兴');

    edit(path.join(reports(), 'dev-alpha.md'), (t) =>
      replaceOnce(t, 'title: 青禾农商银行信贷支持蓝莓产业', 'title: 青禾农商银行信贷资金助力蓝莓种植')
        .replaceAll('86.42', '91.07')
        .replace('themes: [普惠金融]', 'themes: [普惠金融, 乡村振兴]'));

    await waitShows(page, { selector: 'article header h1', has: ['青禾农商银行信贷资金助力蓝莓种植'], lacks: ['蓝莓产业'] }, server);
    await waitShows(page, { selector: '.metrics-panel', has: ['91.07'], lacks: ['86.42'] }, server);
    await waitShows(page, { selector: 'article header .lead', has: ['各项存款余额91.07亿元'], lacks: ['86.42'] }, server);
    await waitShows(page, { selector: 'article header .tags', has: ['普惠金融', '乡村振兴'] }, server);
    expect(await page.title()).toMatch(/^青禾农商银行信贷资金助力蓝莓种植 - /);
  });

  it('the body text', async () => {
    const page = w.page;
    await waitShows(page, { selector: '.report-body', has: ['为合作社和种植户量身设计信贷产品'] }, server);
    edit(path.join(reports(), 'dev-alpha.md'), (t) => replaceOnce(t, '为合作社和种植户量身设计信贷产品', '为合作社和种植户推出分期还款的种植贷'));
    await waitShows(page, { selector: '.report-body', has: ['为合作社和种植户推出分期还款的种植贷'], lacks: ['量身设计'] }, server);
  });

  it('a save written in two steps (emptied, then written a moment later) shows in full', async () => {
    const page = w.page;
    const file = path.join(reports(), 'dev-alpha.md');
    await waitShows(page, { selector: 'article header h1', has: ['青禾农商银行信贷资金助力蓝莓种植'] }, server);
    const text = replaceOnce(readFileSync(file, 'utf8'), 'title: 青禾农商银行信贷资金助力蓝莓种植', 'title: 青禾农商银行信贷资金助力蓝莓种植扩面');
    // As an editor saving in place or a copy from a network drive: the file is empty for a moment. The watcher
    // reports the first change at once and drops the file's next ones for 50 ms.
    const fd = openSync(file, 'w');
    const until = Date.now() + 30;
    while (Date.now() < until) {
      // Busy wait: the file must stay empty, with no event loop turn for anything else of this test.
    }
    writeSync(fd, text);
    closeSync(fd);
    await waitShows(page, { selector: 'article header h1', has: ['青禾农商银行信贷资金助力蓝莓种植扩面'], lacks: ['这份报告有问题'] }, server);
    await waitShows(page, { selector: 'main', has: ['91.07'], lacks: ['文件是空的'] }, server);
  });
});

describe('adding, renaming and deleting a report file', () => {
  const title = '石桥农商银行支持梨园春季管护';

  it('a new file: its URL goes from 404 to the page, and it appears in the list', async () => {
    const page = w.page;
    const url = `${server.url}reports/dev-gamma/`;
    expected404.add(url);
    const res = await page.goto(url);
    expect(res?.status()).toBe(404);

    copyFileSync(path.join(FIXTURES, 'new-report.md'), path.join(reports(), 'dev-gamma.md'));
    await gotoUntil(page, url, 200, server);
    await waitShows(page, { selector: 'article header h1', has: [title] }, server);

    await page.goto(`${server.url}reports/`);
    await waitShows(page, { selector: 'main', has: [title, '青禾农商银行信贷资金助力蓝莓种植', '共 3 篇'] }, server);
  });

  it('renaming the file moves the URL; the open list links to the new one', async () => {
    const page = w.page;
    // The list page is open; the rename must update it by itself.
    expect(await page.locator('main a[href="/reports/dev-gamma/"]').count()).toBeGreaterThan(0);
    renameSync(path.join(reports(), 'dev-gamma.md'), path.join(reports(), 'dev-delta.md'));
    await page.waitForFunction(
      () => document.querySelector('main a[href="/reports/dev-delta/"]') !== null && document.querySelector('main a[href="/reports/dev-gamma/"]') === null,
      null, { timeout: CHANGE_TIMEOUT, polling: 200 },
    );
    await waitShows(page, { selector: 'main', has: [title, '共 3 篇'] }, server);

    await gotoUntil(page, `${server.url}reports/dev-delta/`, 200, server);
    await waitShows(page, { selector: 'article header h1', has: [title] }, server);
    // Old URL: the dev server's 404 page, not a stale copy.
    const old = await gotoUntil(page, `${server.url}reports/dev-gamma/`, 404, server);
    expect(old).not.toContain(title);
  });

  it('deleting the file: 404 again, gone from the open list', async () => {
    const page = w.page;
    await page.goto(`${server.url}reports/`);
    await waitShows(page, { selector: 'main', has: [title, '共 3 篇'] }, server);
    rmSync(path.join(reports(), 'dev-delta.md'));
    await waitShows(page, { selector: 'main', has: ['共 2 篇', '青禾农商银行信贷资金助力蓝莓种植扩面'], lacks: [title] }, server);

    const url = `${server.url}reports/dev-delta/`;
    expected404.add(url);
    const text = await gotoUntil(page, url, 404, server);
    expect(text).toContain('页面不存在');
  });
});

describe('editing the data files shows on the open page', () => {
  it('orgs.yaml: an organisation\'s name', async () => {
    const page = w.page;
    await page.goto(`${server.url}reports/dev-alpha/`);
    await waitShows(page, { selector: 'article header .meta', has: ['青禾农商银行'] }, server);
    // The report names the organisation by its old name, which stays valid as an alias.
    edit(path.join(server.contentDir, 'orgs.yaml'), (t) => replaceOnce(t, '    name: 青禾农商银行\n', '    name: 青禾农村商业银行\n    aliases: [青禾农商银行]\n'));
    await waitShows(page, { selector: 'article header .meta', has: ['青禾农村商业银行'], lacks: ['青禾农商银行'] }, server);
  });

  it('metrics.yaml: a metric\'s label', async () => {
    const page = w.page;
    await waitShows(page, { selector: '.metrics-panel', has: ['各项存款余额'] }, server);
    edit(path.join(server.contentDir, 'metrics.yaml'), (t) => replaceOnce(t, 'label: 各项存款余额', 'label: 本行存款总额'));
    await waitShows(page, { selector: '.metrics-panel', has: ['本行存款总额', '涉农贷款余额'], lacks: ['各项存款余额'] }, server);
  });

  it('site.yaml: the site name', async () => {
    const page = w.page;
    await waitShows(page, { selector: '.site-name', has: ['青禾案例测试站'] }, server);
    edit(path.join(server.contentDir, 'site.yaml'), (t) => replaceOnce(t, 'name: 青禾案例测试站', 'name: 青禾案例展示站'));
    await waitShows(page, { selector: '.site-name', has: ['青禾案例展示站'], lacks: ['测试站'] }, server);
    expect(await page.title()).toMatch(/ - 青禾案例展示站$/);
    // Still the same report, with every earlier edit.
    await waitShows(page, { selector: 'article', has: ['青禾农商银行信贷资金助力蓝莓种植扩面', '91.07', '青禾农村商业银行', '本行存款总额'] }, server);
  });
});

describe('the pages stay on this host', () => {
  it('the preview is styled like the built site: the page policy lets the dev server stylesheets apply', async () => {
    await w.page.goto(`${server.url}reports/dev-alpha/`);
    // The brand colour of the header comes from the site's stylesheet.
    expect(await w.page.locator('.site-header').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(180, 35, 42)');
  });

  it('no request to another host; no console error but the 404s the tests asked for', () => {
    expect(w.foreign).toEqual([]);
    expect(w.failed.filter((f) => ![...expected404].some((u) => f === `404 ${u}`))).toEqual([]);
    expect(unexplainedConsoleErrors(w.consoleErrors)).toEqual([]);
  });
});
