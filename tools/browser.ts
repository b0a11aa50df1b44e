/** Debian's Chromium driven by playwright-core, with every request and console message recorded. */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
  });
}

export interface Watched {
  page: Page;
  /** Requests to any origin other than the site's. */
  foreign: string[];
  consoleErrors: string[];
  failed: string[];
}

export async function watchedPage(browser: Browser, siteUrl: string, viewport = { width: 1280, height: 900 }): Promise<Watched> {
  const origin = new URL(siteUrl).origin;
  // A context per page: axe needs one, and it keeps pages from sharing state.
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('close', () => {
    context.close().catch(() => undefined);
  });
  const w: Watched = { page, foreign: [], consoleErrors: [], failed: [] };
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:') && u !== 'about:blank') w.foreign.push(u);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') w.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => w.consoleErrors.push(String(e)));
  page.on('response', (r) => {
    if (r.status() >= 400) w.failed.push(`${r.status()} ${r.url()}`);
  });
  return w;
}
