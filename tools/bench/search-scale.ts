/**
 * npm run bench -- --search N [--json FILE] [--keep]
 *
 * Search at scale in Chromium: N generated reports (tools/bench/corpus.ts) indexed as the build indexes them
 * (sharded, src/search/index-build.ts) and searched with the search page's own client (src/search/client.ts)
 * on a page served like the site. Measures the first query of a fresh browser (the index's list, Pagefind's
 * script and WebAssembly, the shards' metadata and the chunks the query needs, and the first page of results
 * with their excerpts), the first query as the search page makes it (the shards opened when the page loads,
 * the words' chunks fetched while they are typed, timed from Enter), and every later query; and checks each phrase of the site tests' vocabulary for
 * exactness against the reference: every report containing it and no other, all pages of results read.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { buildSearchIndex, type SearchDoc } from '../../src/search/index-build.ts';
import { serveStatic } from '../../src/serve/static-server.ts';
import { launch } from '../browser.ts';
import { VOCABULARY, readableText, referenceContains } from '../corpus.ts';
import { writeBenchCorpus } from './corpus.ts';
import { median, round } from './run.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
// The site's policy allows no inline script: the client is a file of the site, as on the search page.
const PAGE = '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>检索基准</title><script type="module" src="/bench-client.js"></script></html>';

function dirBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) n += statSync(path.join(e.parentPath, e.name)).size;
  return n;
}

/** The search page's client, bundled for the browser: window.__search(q) times the exact count and first page. */
async function clientBundle(): Promise<string> {
  const out = await build({
    stdin: {
      contents: `import { loadSearchIndex, preloadQuery, search, warmUp } from './src/search/client.ts';
        let idx;
        // What the search page does once it has loaded, and while the reader types.
        window.__warm = async () => { idx ??= loadSearchIndex('/'); await warmUp(await idx); };
        window.__preload = async (q) => { idx ??= loadSearchIndex('/'); await preloadQuery(await idx, q); };
        window.__search = async (q) => {
          const t = performance.now();
          idx ??= loadSearchIndex('/');
          const r = await search(await idx, q, {});
          const ms = performance.now() - t;
          const urls = r.hits.map((h) => h.url);
          const marked = r.hits.every((h) => h.excerptHtml.includes('<mark>'));
          for (let more = await r.more(500); more.length; more = await r.more(500)) urls.push(...more.map((h) => h.url));
          return { ms, total: r.total, candidates: r.candidates, urls, marked };
        };`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    write: false,
  });
  return out.outputFiles[0]!.text;
}

export async function runSearchScale(opts: { reports: number; json?: string; keep?: boolean }): Promise<Record<string, unknown>> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'showcase-bench-search-scale-'));
  const log = (s: string) => process.stderr.write(`${s}\n`);
  try {
    const corpus = writeBenchCorpus(path.join(work, 'content'), opts.reports);
    const docs: SearchDoc[] = corpus.files.map((f) => {
      const r = readableText(f);
      const slug = path.basename(f, '.md');
      return { slug, url: `/reports/${slug}/`, title: r.title, org: '', orgId: '', province: '', themes: [], year: Number(r.date.slice(0, 4)), date: r.date, summary: r.summary, text: r.body };
    });
    const expected = new Map<string, string[]>(VOCABULARY.map((p) => [p, docs.filter((d) => referenceContains(`${d.title}\n${d.summary}\n${d.text}`, p)).map((d) => d.url)]));
    // A phrase in more than a thousand reports, for the count that must stay exact without reading them.
    const broad = ['党建', '金融', '该行'].find((p) => docs.filter((d) => referenceContains(`${d.title}\n${d.summary}\n${d.text}`, p)).length > 1000) ?? '党建';
    if (!expected.has(broad)) expected.set(broad, docs.filter((d) => referenceContains(`${d.title}\n${d.summary}\n${d.text}`, broad)).map((d) => d.url));

    const site = path.join(work, 'site');
    mkdirSync(site);
    writeFileSync(path.join(site, 'index.html'), PAGE);
    log(`生成 ${opts.reports} 份报告，建立检索索引…`);
    const built = await buildSearchIndex({ outDir: site, docs, cacheDir: path.join(work, 'cache') });
    log(`索引：${built.shards} 个分片，${(built.ms / 1000).toFixed(1)} 秒，${(dirBytes(path.join(site, 'pagefind')) / 2 ** 20).toFixed(1)} MiB`);

    writeFileSync(path.join(site, 'bench-client.js'), await clientBundle());
    const server = await serveStatic({ root: site, base: '/' });
    const browser = await launch();
    const rows: { phrase: string; expected: number; got: number; exact: boolean; ms: number; marked: boolean }[] = [];
    let first = { phrase: '', ms: 0 };
    let warmUpMs = 0;
    let preloadMs = 0;
    let afterWarmUp = 0;
    try {
      // A fresh context: nothing of the index in the browser's cache.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => '__search' in window);
      const ask = (q: string) =>
        page.evaluate((q) => (window as unknown as { __search: (q: string) => Promise<{ ms: number; total: number; urls: string[]; marked: boolean }> }).__search(q), q);
      const phrases: string[] = [broad, ...VOCABULARY.filter((p) => p !== broad)];
      for (const [i, phrase] of phrases.entries()) {
        const r = await ask(phrase);
        const want = expected.get(phrase)!;
        const exact = r.total === want.length && r.urls.length === want.length && [...r.urls].sort().join('\n') === [...want].sort().join('\n');
        rows.push({ phrase, expected: want.length, got: r.total, exact, ms: r.ms, marked: r.marked });
        if (i === 0) first = { phrase, ms: r.ms };
      }
      await context.close();
      // The reader's first query on the search page: the page has loaded the index (warmUp) and, while the
      // words were typed, their chunks (preloadQuery); the time runs from pressing Enter.
      const warm = await browser.newContext();
      const wp = await warm.newPage();
      await wp.goto(server.url);
      await wp.waitForFunction(() => '__search' in window);
      const t0 = Date.now();
      await wp.evaluate(() => (window as unknown as { __warm: () => Promise<void> }).__warm());
      warmUpMs = Date.now() - t0;
      const t1 = Date.now();
      await wp.evaluate((q) => (window as unknown as { __preload: (q: string) => Promise<void> }).__preload(q), broad);
      preloadMs = Date.now() - t1;
      afterWarmUp = (await wp.evaluate((q) => (window as unknown as { __search: (q: string) => Promise<{ ms: number }> }).__search(q), broad)).ms;
      await warm.close();
    } finally {
      await browser.close();
      await server.close();
    }
    const later = rows.slice(1).map((r) => r.ms);
    const broadRow = rows[0]!;
    const result = {
      reports: opts.reports,
      index: { shards: built.shards, seconds: round(built.ms / 1000), mib: round(dirBytes(path.join(site, 'pagefind')) / 2 ** 20) },
      firstQuery: { phrase: first.phrase, ms: round(first.ms, 1), hits: broadRow.got },
      firstQueryOnSearchPage: { phrase: first.phrase, ms: round(afterWarmUp, 1), warmUpMs, preloadMs },
      laterQueries: { count: later.length, medianMs: round(median(later), 1), maxMs: round(Math.max(...later), 1) },
      broad: { phrase: broadRow.phrase, hits: broadRow.got, exact: broadRow.exact },
      exactness: { exact: rows.filter((r) => r.exact).length, phrases: rows.length, allMarked: rows.every((r) => r.marked) },
      conditions: { cores: os.availableParallelism(), loadAverage: os.loadavg().map((x) => round(x, 2)) },
      rows: rows.map((r) => ({ ...r, ms: round(r.ms, 1) })),
    };
    if (opts.json) writeFileSync(opts.json, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`报告 ${opts.reports} 份，检索索引 ${result.index.shards} 个分片，${result.index.mib} MiB，建立用时 ${result.index.seconds} 秒`);
    console.log(`首次查询（新浏览器，“${first.phrase}”，${broadRow.got} 篇）：${result.firstQuery.ms} 毫秒`);
    console.log(`搜索页上的首次查询（页面载入后预先打开各分片 ${warmUpMs} 毫秒、输入时预取词块 ${preloadMs} 毫秒之后，从按回车算起）：${result.firstQueryOnSearchPage.ms} 毫秒`);
    console.log(`之后的查询：${later.length} 次，中位 ${result.laterQueries.medianMs} 毫秒，最长 ${result.laterQueries.maxMs} 毫秒`);
    console.log(`精确：${result.exactness.exact}/${result.exactness.phrases} 个词结果完全正确`);
    console.log('词语\t应有\t找到\t毫秒\t正确');
    for (const r of rows) console.log(`${r.phrase}\t${r.expected}\t${r.got}\t${r.ms.toFixed(1)}\t${r.exact ? '是' : '否'}`);
    return result;
  } finally {
    if (!opts.keep) rmSync(work, { recursive: true, force: true });
    else log(`保留了工作文件夹 ${work}`);
  }
}
