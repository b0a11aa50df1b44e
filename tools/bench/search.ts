/**
 * Search: exactness and cost of the token index against plain Pagefind, measured in the same run on a
 * generated corpus (BENCH_PAGES pages, 1,000 by default) in Chromium. Plain Pagefind indexes the same
 * reports as HTML pages with its own Chinese segmentation and is asked both plainly and with the phrase in
 * quotes. Query times are measured inside the page, after one warm-up query per mode.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import * as pagefind from 'pagefind';
import { buildSearchIndex, type SearchDoc } from '../../src/search/index-build.ts';
import { serveStatic } from '../../src/serve/static-server.ts';
import { launch } from '../browser.ts';
import { VOCABULARY, readableText, referenceContains, writeCorpus } from '../corpus.ts';

const N = Number(process.env.BENCH_PAGES ?? 1000);
const EMPTY_PAGE = '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>检索基准</title></html>';

function bytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? bytes(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).size;
  return n;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2 : 0;
}

interface Row {
  phrase: string;
  expected: number;
  got: number;
  tp: number;
}
const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(0)}%`);

/** The client the search page runs, bundled for the browser and exposed as window.__ours. */
async function clientBundle(): Promise<string> {
  const out = await build({
    stdin: {
      contents: `import { loadSearchIndex, search } from './src/search/client.ts';
        const idx = loadSearchIndex('/');
        // The time to the exact count and the first page of results; then every hit, for the exactness check.
        window.__ours = async (q) => {
          const t = performance.now();
          const r = await search(await idx, q, {});
          const ms = performance.now() - t;
          const urls = r.hits.map((h) => h.url);
          for (let more = await r.more(500); more.length; more = await r.more(500)) urls.push(...more.map((h) => h.url));
          return { urls, total: r.total, candidates: r.candidates, ms };
        };`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    write: false,
  });
  return out.outputFiles[0]!.text;
}

export async function run(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'showcase-bench-search-'));
  try {
    const src = path.join(work, 'reports');
    writeCorpus(src, N);
    const docs: SearchDoc[] = readdirSync(src).map((f) => {
      const r = readableText(path.join(src, f));
      const slug = f.replace(/\.md$/, '');
      return { slug, url: `/reports/${slug}/`, title: r.title, org: '示例农商银行', orgId: 'shili', province: '示例省', themes: [], year: Number(r.date.slice(0, 4)), date: r.date, summary: r.summary, text: r.body };
    });
    const expected = new Map(VOCABULARY.map((p) => [p, docs.filter((d) => referenceContains(`${d.title}\n${d.summary}\n${d.text}`, p)).map((d) => d.url)]));

    const ours = path.join(work, 'ours');
    mkdirSync(ours);
    writeFileSync(path.join(ours, 'index.html'), EMPTY_PAGE);
    const built = await buildSearchIndex({ outDir: ours, docs });
    const oursBytes = bytes(path.join(ours, 'pagefind'));

    const plain = path.join(work, 'plain');
    mkdirSync(plain);
    writeFileSync(path.join(plain, 'index.html'), EMPTY_PAGE);
    const t0 = performance.now();
    const { index } = await pagefind.createIndex({});
    // Added all at once, as buildSearchIndex does, so the ratio measures the tokens and not the batching.
    await Promise.all(
      docs.map((d) => {
        const paras = d.text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p)}</p>`).join('');
        return index!.addHTMLFile({ url: d.url, content: `<!doctype html><html lang="zh-CN"><body><main><h1>${escapeHtml(d.title)}</h1><p>${escapeHtml(d.summary)}</p>${paras}</main></body></html>` });
      }),
    );
    await index!.writeFiles({ outputPath: path.join(plain, 'pagefind') });
    await pagefind.close();
    const plainMs = performance.now() - t0;
    const plainBytes = bytes(path.join(plain, 'pagefind'));

    const bundle = await clientBundle();
    const browser = await launch();
    const modes = ['ours', 'plain', 'quoted'] as const;
    const rows = new Map<string, Row[]>(modes.map((m) => [m, []]));
    const times = new Map<string, number[]>(modes.map((m) => [m, []]));
    const firstTen: number[] = [];
    let candidates = 0;
    let confirmed = 0;
    try {
      for (const mode of modes) {
        const server = await serveStatic({ root: mode === 'ours' ? ours : plain, base: '/' });
        const page = await browser.newPage();
        try {
          await page.goto(server.url);
          if (mode === 'ours') {
            await page.addScriptTag({ type: 'module', content: bundle });
            await page.waitForFunction(() => '__ours' in window);
          } else {
            await page.evaluate(async () => {
              const pf = await import('/pagefind/pagefind.js' as string);
              await pf.options({ baseUrl: '/' });
              (window as unknown as { __pf: unknown }).__pf = pf;
              // Plain Pagefind as a search page uses it: data for the first ten results only.
              (window as unknown as { __first10: (q: string) => Promise<number> }).__first10 = async (q: string) => {
                const t = performance.now();
                const res = await pf.search(q);
                await Promise.all(res.results.slice(0, 10).map((r: { data: () => Promise<unknown> }) => r.data()));
                return performance.now() - t;
              };
              (window as unknown as { __plain: (q: string) => Promise<unknown> }).__plain = async (q: string) => {
                const t = performance.now();
                const res = await pf.search(q);
                const data = await Promise.all(res.results.map((r: { data: () => Promise<{ url: string }> }) => r.data()));
                return { urls: data.map((d: { url: string }) => d.url), candidates: data.length, ms: performance.now() - t };
              };
            });
          }
          const ask = (q: string) =>
            page.evaluate(
              ([m, q]) => (window as unknown as Record<string, (q: string) => Promise<{ urls: string[]; candidates: number; ms: number }>>)[m === 'ours' ? '__ours' : '__plain']!(q),
              [mode, q] as const,
            );
          await ask('金融');
          for (const phrase of VOCABULARY) {
            const r = await ask(mode === 'quoted' ? `"${phrase}"` : phrase);
            const want = expected.get(phrase)!;
            rows.get(mode)!.push({ phrase, expected: want.length, got: r.urls.length, tp: r.urls.filter((u) => want.includes(u)).length });
            times.get(mode)!.push(r.ms);
            if (mode === 'ours') {
              candidates += r.candidates;
              confirmed += r.urls.length;
            }
            if (mode === 'plain') firstTen.push(await page.evaluate((q) => (window as unknown as { __first10: (q: string) => Promise<number> }).__first10(q), phrase));
          }
        } finally {
          await page.close();
          await server.close();
        }
      }
    } finally {
      await browser.close();
    }

    const o = times.get('ours')!;
    const p = times.get('plain')!;
    console.log(`页面数 ${N}，词语 ${VOCABULARY.length} 个`);
    console.log(`索引用时：本项目 ${(built.ms / 1000).toFixed(2)} 秒，Pagefind 原样 ${(plainMs / 1000).toFixed(2)} 秒，比 ${(built.ms / plainMs).toFixed(2)}`);
    console.log(`索引大小：本项目 ${(oursBytes / 1024).toFixed(0)} KB，Pagefind 原样 ${(plainBytes / 1024).toFixed(0)} KB，比 ${(oursBytes / plainBytes).toFixed(2)}`);
    console.log(
      `查询用时（中位数 / 最长）：本项目 ${median(o).toFixed(0)} / ${Math.max(...o).toFixed(0)} 毫秒；Pagefind 原样载入全部结果 ${median(p).toFixed(0)} / ${Math.max(...p).toFixed(0)} 毫秒（比 ${(median(o) / median(p)).toFixed(2)}）；只载入前 10 条 ${median(firstTen).toFixed(0)} / ${Math.max(...firstTen).toFixed(0)} 毫秒（比 ${(median(o) / median(firstTen)).toFixed(2)}）`,
    );
    console.log(`候选 ${candidates} 篇，确认 ${confirmed} 篇（候选精确率 ${pct(confirmed, candidates)}）`);
    console.log('词语\t应有\t本项目 命中/精确/召回\tPagefind 命中/精确/召回\tPagefind 加引号 命中/精确/召回');
    VOCABULARY.forEach((phrase, i) => {
      const cell = (m: string) => {
        const r = rows.get(m)![i]!;
        return `${r.got}/${pct(r.tp, r.got)}/${pct(r.tp, r.expected)}`;
      };
      console.log(`${phrase}\t${expected.get(phrase)!.length}\t${cell('ours')}\t${cell('plain')}\t${cell('quoted')}`);
    });
    for (const m of modes) {
      const rs = rows.get(m)!;
      const exact = rs.filter((r) => r.tp === r.expected && r.got === r.expected).length;
      console.log(`${m === 'ours' ? '本项目' : m === 'plain' ? 'Pagefind 原样' : 'Pagefind 加引号'}：${exact}/${rs.length} 个词结果完全正确`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
