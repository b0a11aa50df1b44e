/**
 * Writes the Pagefind bundle from validated, published reports (never from crawled HTML, so nothing
 * unpublished can be indexed). Each record's searchable content is the token stream of src/search/text.ts;
 * the real text travels in the record's metadata for confirmation and excerpts.
 */
import * as pagefind from 'pagefind';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { indexTokens } from './text.ts';

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
  /** Plain text of the body with its figures. */
  text: string;
}

/** Filter names as shown in the search page. */
export const FILTERS = { org: '机构', region: '地区', theme: '主题', year: '年份' } as const;

export async function buildSearchIndex(opts: { outDir: string; docs: SearchDoc[] }): Promise<{ pages: number; bytes: number; ms: number }> {
  const started = performance.now();
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh' });
  if (!index) throw new Error(`检索索引创建失败：${errors.join('；')}`);
  for (const d of opts.docs) {
    const full = `${d.title}\n${d.summary}\n${d.text}`;
    const res = await index.addCustomRecord({
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
    if (res.errors.length > 0) throw new Error(`检索索引收录 ${d.slug} 失败：${res.errors.join('；')}`);
  }
  const out = path.join(opts.outDir, 'pagefind');
  const written = await index.writeFiles({ outputPath: out });
  if (written.errors.length > 0) throw new Error(`检索索引写出失败：${written.errors.join('；')}`);
  await pagefind.close();
  return { pages: opts.docs.length, bytes: dirBytes(out), ms: performance.now() - started };
}

function dirBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n += e.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return n;
}
