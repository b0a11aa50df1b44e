/**
 * Measures search exactness the way a reader meets it: each phrase is typed into the built search page in
 * a real browser, and the report links it lists are compared with the reports that should be found.
 * Used by the search tests; the caller brings the browser page and the expectations.
 */
import type { Page } from 'playwright-core';

/** One phrase and the pages that contain it (paths or full URLs; compared by path). */
export interface ExactnessCase {
  phrase: string;
  expected: readonly string[];
}

/** What the search page listed for one phrase. */
export interface ExactnessRow {
  phrase: string;
  expected: number;
  got: number;
  /** Share of listed pages that should be listed; 1 when nothing was listed. */
  precision: number;
  /** Share of pages that should be listed and were; 1 when none should be. */
  recall: number;
  /** Paths that should have been listed and were not. */
  missing: string[];
  /** Paths listed that should not have been. */
  extra: string[];
  /** The status line the page showed, e.g. 找到 3 篇报告. */
  status: string;
  /** Listed results whose excerpt has no <mark>. */
  unmarked: number;
}

const pathOf = (u: string) => decodeURI(new URL(u, 'http://site.invalid').pathname);

/** Precision and recall of a result list against the expected pages. Pure, for unit tests. */
export function scoreExactness(expected: readonly string[], got: readonly string[]): Pick<ExactnessRow, 'precision' | 'recall' | 'missing' | 'extra'> {
  const want = new Set(expected.map(pathOf));
  const have = new Set(got.map(pathOf));
  const missing = [...want].filter((p) => !have.has(p)).sort();
  const extra = [...have].filter((p) => !want.has(p)).sort();
  const tp = have.size - extra.length;
  return { precision: have.size ? tp / have.size : 1, recall: want.size ? tp / want.size : 1, missing, extra };
}

/**
 * Runs every phrase on `<siteUrl>search/?q=…` (siteUrl ends with the site's base, e.g.
 * http://127.0.0.1:4321/showcase/) and scores what the page lists. Waits for the status line to
 * show a count (找到 … / 没有找到 …).
 */
export async function measureExactness(page: Page, siteUrl: string, cases: readonly ExactnessCase[], timeoutMs = 30_000): Promise<ExactnessRow[]> {
  const rows: ExactnessRow[] = [];
  for (const c of cases) {
    await page.goto(`${siteUrl}search/?${new URLSearchParams({ q: c.phrase })}`);
    await page.waitForFunction(
      () => /^(找到|没有找到)/.test(document.getElementById('search-status')?.textContent ?? ''),
      null,
      { timeout: timeoutMs },
    );
    await showAll(page, timeoutMs);
    const listed = await page.$$eval('#search-results > li', (items) =>
      items.map((li) => ({ href: li.querySelector('a')?.getAttribute('href') ?? '', marked: li.querySelector('mark') !== null })),
    );
    const status = (await page.textContent('#search-status')) ?? '';
    rows.push({
      phrase: c.phrase,
      expected: c.expected.length,
      got: listed.length,
      ...scoreExactness(c.expected, listed.map((l) => l.href)),
      status,
      unmarked: listed.filter((l) => !l.marked).length,
    });
  }
  return rows;
}

/**
 * The search page lists a page of results at a time: presses 显示更多 until every result is listed (the
 * status line says how many there are).
 */
export async function showAll(page: Page, timeoutMs = 30_000): Promise<void> {
  for (;;) {
    const count = await page.$$eval('#search-results > li', (items) => items.length);
    if (!(await page.isVisible('#search-more'))) return;
    await page.click('#search-more');
    await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length > n, count, { timeout: timeoutMs });
  }
}

/** The rows as a tab-separated table in Chinese, for logs and reports. */
export function exactnessTable(rows: readonly ExactnessRow[]): string {
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  return ['词语\t应有\t命中\t精确率\t召回率', ...rows.map((r) => `${r.phrase}\t${r.expected}\t${r.got}\t${pct(r.precision)}\t${pct(r.recall)}`)].join('\n');
}
