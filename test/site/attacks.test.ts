/**
 * Hostile report bodies that are published after the sanitiser has cleaned them: in a real browser, their
 * pages open no dialog, request no other host, navigate nowhere, run nothing, and still show the report's
 * ordinary text.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PUBLISHED_ATTACKS } from './attacks.ts';
import { launch, watchedPage } from '../../tools/browser.ts';

const siteUrl = inject('siteUrl');
const distDir = inject('distDir');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(PUBLISHED_ATTACKS)('attack %s', (name) => {
  it('is published, harmless in the browser, and keeps its ordinary text', async () => {
    expect(existsSync(path.join(distDir, 'reports', name, 'index.html'))).toBe(true);
    const w = await watchedPage(browser, siteUrl);
    const dialogs: string[] = [];
    const navigations: string[] = [];
    w.page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => undefined);
    });
    w.page.on('framenavigated', (f) => {
      if (f === w.page.mainFrame()) navigations.push(f.url());
    });
    const url = new URL(`reports/${name}/`, siteUrl).href;
    await w.page.goto(url, { waitUntil: 'load' });
    // A refresh, a delayed script or a lazily loaded frame would act after load: give them time to.
    await w.page.waitForTimeout(1500);
    // Anything the attack did that a bare click would trigger (javascript: links, forms).
    const links = w.page.locator('.report-body a');
    for (let i = 0; i < (await links.count()); i++) await links.nth(i).click({ trial: true }).catch(() => undefined);

    expect(dialogs).toEqual([]);
    expect(w.foreign).toEqual([]);
    expect(navigations).toEqual([url]);
    expect(w.page.url()).toBe(url);
    await expect.poll(() => w.page.locator('.report-body').innerText()).toContain('以上内容仅用于检查网站的安全处理');
    const dangerous = await w.page.locator('.report-body').evaluate((body) => ({
      elements: [...body.querySelectorAll('script, iframe, object, embed, form, meta, link, style, base, svg')].map((e) => e.tagName),
      handlers: [...body.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
      urls: [...body.querySelectorAll('[href], [src], [action], [style]')].flatMap((e) =>
        ['href', 'src', 'action', 'style'].map((a) => e.getAttribute(a) ?? '').filter((v) => /javascript:|data:|evil\.example|url\(/i.test(v))),
    }));
    expect(dangerous).toEqual({ elements: [], handlers: [], urls: [] });
    await w.page.close();
  });
});
