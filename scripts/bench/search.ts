/**
 * Search: exactness and cost of the token index against plain Pagefind, measured in the same run on a
 * generated corpus. Plain Pagefind indexes the same reports as HTML pages with its own Chinese segmentation.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import * as pagefind from 'pagefind';
import { buildSearchIndex, type SearchDoc } from '../../src/search/index-build.ts';
import { normalizeForSearch } from '../../src/search/text.ts';
import { serveStatic } from '../../src/node/static-server.ts';
import { launch } from '../../test/site/browser.ts';
import { VOCABULARY, readableText, writeCorpus } from '../../test/site/corpus.ts';

const N = Number(process.env.BENCH_PAGES ?? 1000);

function bytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? bytes(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).size;
  return n;
}

export async function run(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'showcase-bench-search-'));
  const src = path.join(work, 'reports');
  writeCorpus(src, N);
  const docs: SearchDoc[] = readdirSync(src).map((f) => {
    const r = readableText(path.join(src, f));
    const slug = f.replace(/\.md$/, '');
    return { slug, url: `/reports/${slug}/`, title: r.title, org: '示例', orgId: 'x', province: '示例省', themes: [], year: 2025, date: r.date, summary: '', text: r.text };
  });
  const texts = new Map(docs.map((d) => [d.url, normalizeForSearch(`${d.title}\n${d.summary}\n${d.text}`)]));

  // Ours.
  const ours = path.join(work, 'ours');
  mkdirSync(ours);
  writeFileSync(path.join(ours, 'index.html'), '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>t</title></html>');
  const built = await buildSearchIndex({ outDir: ours, docs });

  // Plain Pagefind over HTML pages of the same text.
  const plain = path.join(work, 'plain');
  const t0 = performance.now();
  const { index } = await pagefind.createIndex({});
  for (const d of docs) {
    await index!.addHTMLFile({ url: d.url, content: `<!doctype html><html lang="zh-CN"><body><h1>${d.title}</h1><main>${d.text.replace(/\n/g, '<br>')}</main></body></html>` });
  }
  await index!.writeFiles({ outputPath: path.join(plain, 'pagefind') });
  await pagefind.close();
  const plainMs = performance.now() - t0;
  writeFileSync(path.join(plain, 'index.html'), '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>t</title></html>');

  // The same client code the search page runs, bundled for the browser.
  const bundled = await build({
    stdin: {
      contents: "import { loadPagefind, search } from './src/search/client.ts'; const pf = loadPagefind('/'); window.__ours = async (q) => (await search(await pf, q, {})).map((h) => h.url);",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    write: false,
  });
  const clientBundle = bundled.outputFiles[0]!.text;
  const browser = await launch();
  const rows: string[] = [];
  let timeOurs = 0;
  let timePlain = 0;
  for (const [name, root] of [['ours', ours], ['plain', plain]] as const) {
    const server = await serveStatic({ root, base: '/' });
    const page = await browser.newPage();
    await page.goto(server.url);
    if (name === 'ours') await page.addScriptTag({ type: 'module', content: clientBundle });
    if (name === 'ours') await page.waitForFunction(() => 'window' in globalThis && '__ours' in window);
    for (const phrase of VOCABULARY) {
      const expected = [...texts].filter(([, t]) => t.includes(normalizeForSearch(phrase))).map(([u]) => u);
      const started = performance.now();
      const hits: string[] = await page.evaluate(
        async ([mode, q]) => {
          if (mode === 'ours') return (window as unknown as { __ours: (q: string) => Promise<string[]> }).__ours(q);
          const pf = await import('/pagefind/pagefind.js' as string);
          await pf.options({ baseUrl: '/' });
          const res = await pf.search(q);
          const data = await Promise.all(res.results.map((r: { data: () => Promise<{ url: string }> }) => r.data()));
          return data.map((d: { url: string }) => d.url);
        },
        [name, phrase] as const,
      );
      const ms = performance.now() - started;
      if (name === 'ours') timeOurs += ms;
      else timePlain += ms;
      const tp = hits.filter((u) => expected.includes(u)).length;
      rows.push(`${name === 'ours' ? '本项目' : 'Pagefind'}\t${phrase}\t${expected.length}\t${hits.length}\t${hits.length ? ((100 * tp) / hits.length).toFixed(0) : '—'}%\t${expected.length ? ((100 * tp) / expected.length).toFixed(0) : '—'}%`);
    }
    await page.close();
    await server.close();
  }
  await browser.close();
  console.log(`页面数 ${N}`);
  console.log(`索引：本项目 ${(built.ms / 1000).toFixed(1)} s、${(built.bytes / 1024).toFixed(0)} KB；Pagefind 原样 ${(plainMs / 1000).toFixed(1)} s、${(bytes(path.join(plain, 'pagefind')) / 1024).toFixed(0)} KB（用时比 ${(built.ms / plainMs).toFixed(2)}）`);
  console.log(`${VOCABULARY.length} 个词的查询总用时：本项目 ${(timeOurs / 1000).toFixed(1)} s，Pagefind 原样 ${(timePlain / 1000).toFixed(1)} s（比 ${(timeOurs / timePlain).toFixed(2)}）`);
  console.log(`方案\t词语\t应有\t命中\t精确率\t召回率\n${rows.join('\n')}`);
  rmSync(work, { recursive: true, force: true });
}
