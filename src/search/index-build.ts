/**
 * Writes the Pagefind bundle from validated, published reports (never from crawled HTML, so nothing
 * unpublished can be indexed). Each record's searchable content is the token stream of src/search/text.ts;
 * the real text travels in the record's metadata for confirmation and excerpts.
 */
import * as pagefind from 'pagefind';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { FILTERS } from './filters.ts';
import { indexTokens } from './text.ts';

export { FILTERS } from './filters.ts';

export interface SearchDoc {
  slug: string;
  /** Base-prefixed URL of the report page. */
  url: string;
  title: string;
  org: string;
  orgId: string;
  province: string;
  city?: string;
  themes: string[];
  year: number;
  date: string;
  summary: string;
  /** Plain text of the body with its figures (title and summary are added by the index). */
  text: string;
}

/** A Pagefind index holding one record per report; the caller writes it out or takes its files. */
async function indexOf(docs: readonly SearchDoc[]): Promise<pagefind.PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh' });
  if (!index) throw new Error(`检索索引创建失败：${errors.join('；')}`);
  // Records go to Pagefind's indexing process all at once: it works through them faster than one by one.
  const added = await Promise.all(
    docs.map((d) => {
      const full = `${d.title}\n${d.summary}\n\n${d.text}`;
      return index.addCustomRecord({
        url: d.url,
        language: 'zh',
        content: indexTokens(full).join(' '),
        meta: { title: d.title, org: d.org, date: d.date, summary: d.summary, text: full },
        filters: {
          [FILTERS.org]: [d.org],
          [FILTERS.region]: [d.province],
          [FILTERS.theme]: d.themes,
          [FILTERS.year]: [String(d.year)],
        },
        sort: { date: d.date },
      });
    }),
  );
  added.forEach((res, i) => {
    if (res.errors.length > 0) throw new Error(`检索索引收录 ${docs[i]!.slug} 失败：${res.errors.join('；')}`);
  });
  return index;
}

/**
 * Writes `<outDir>/pagefind/` from the given reports (pass published reports only). Filters 机构, 地区,
 * 主题, 年份; sort key date. Returns the page count, the bundle's bytes and the time taken.
 */
export async function buildSearchIndex(opts: { outDir: string; docs: SearchDoc[] }): Promise<{ pages: number; bytes: number; ms: number }> {
  const started = performance.now();
  const index = await indexOf(opts.docs);
  const out = path.join(opts.outDir, 'pagefind');
  const written = await index.writeFiles({ outputPath: out });
  if (written.errors.length > 0) throw new Error(`检索索引写出失败：${written.errors.join('；')}`);
  await pagefind.close();
  return { pages: opts.docs.length, bytes: dirBytes(out), ms: performance.now() - started };
}

/** The same bundle in memory, keyed by its path inside pagefind/ (dev serves it without writing files). */
export async function searchIndexFiles(docs: readonly SearchDoc[]): Promise<Map<string, Uint8Array>> {
  const index = await indexOf(docs);
  const res = await index.getFiles();
  await index.deleteIndex();
  if (res.errors.length > 0) throw new Error(`检索索引生成失败：${res.errors.join('；')}`);
  return new Map(res.files.map((f) => [f.path.split(path.sep).join('/'), f.content]));
}

function dirBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n += e.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return n;
}
