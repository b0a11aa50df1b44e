import { describe, expect, it } from 'vitest';
import { search, type PagefindApi } from '../../src/search/client.ts';
import { scoreExactness } from '../../src/search/exactness.ts';
import { indexTokens } from '../../src/search/text.ts';

interface Page {
  url: string;
  title: string;
  date: string;
  text: string;
  filters: Record<string, string>;
}

/**
 * Stands in for Pagefind with the property the client relies on: a page is a result when it has every
 * token of the query. Records how it was asked.
 */
function fakePagefind(pages: Page[]): PagefindApi & { asked: (string | null)[] } {
  const asked: (string | null)[] = [];
  return {
    asked,
    options: async () => undefined,
    init: async () => undefined,
    filters: async () => ({}),
    search: async (q, o) => {
      asked.push(q);
      const want = q ? q.split(' ') : [];
      const results = pages
        .filter((p) => {
          const tokens = new Set(indexTokens(p.text));
          return want.every((t) => tokens.has(t)) && Object.entries(o?.filters ?? {}).every(([k, v]) => p.filters[k] === v);
        })
        .map((p) => ({ data: async () => ({ url: p.url, meta: { title: p.title, date: p.date, org: '示例农商银行', summary: '摘要', text: `${p.title}\n摘要\n\n${p.text}` } }) }));
      return { results };
    },
  };
}

const pages: Page[] = [
  { url: '/r/a/', title: '清收简讯', date: '2024-05-01', text: '该行不良贷款清收成效明显。', filters: { 地区: '山西' } },
  { url: '/r/b/', title: '存贷简讯', date: '2025-03-01', text: '不良率下降，贷款增加，清收有力。', filters: { 地区: '山西' } },
  { url: '/r/c/', title: '不良贷款清收', date: '2023-01-01', text: '不良\n贷款清收：不良贷款、不良贷款。', filters: { 地区: '湖南' } },
];

describe('search client', () => {
  it('keeps only candidates that contain the phrase, newest first, with the phrase marked', async () => {
    const pf = fakePagefind(pages);
    const { hits, candidates } = await search(pf, '不良贷款');
    expect(candidates).toBe(2);
    expect(hits.map((h) => h.url)).toEqual(['/r/a/', '/r/c/']);
    expect(hits[0]!.excerptHtml).toContain('<mark>不良贷款</mark>');
  });

  it('cuts the excerpt from the summary and body, not the title shown above it', async () => {
    const page: Page = { url: '/r/d/', title: '清收工作简讯', date: '2025-01-01', text: '正文开头。该行清收有力。', filters: {} };
    const { hits } = await search(fakePagefind([page]), '清收');
    expect(hits[0]!.excerptHtml).toBe('摘要 正文开头。该行<mark>清收</mark>有力。');
  });

  it('drops a candidate that has the pairs but not the phrase', async () => {
    const trap: Page = { url: '/r/t/', title: '陷阱', date: '2025-01-01', text: '贷款不良，不良贷', filters: {} };
    const { hits, candidates } = await search(fakePagefind([trap]), '不良贷款');
    expect(candidates).toBe(1);
    expect(hits).toEqual([]);
  });

  it('sorts by relevance on request and combines terms and filters', async () => {
    const pf = fakePagefind(pages);
    expect((await search(pf, '不良贷款', {}, 'relevance')).hits.map((h) => h.url)).toEqual(['/r/c/', '/r/a/']);
    expect((await search(pf, '清收', { 地区: '山西' })).hits.map((h) => h.url)).toEqual(['/r/b/', '/r/a/']);
    expect((await search(pf, '清收 不良贷款', { 地区: '山西' })).hits.map((h) => h.url)).toEqual(['/r/a/']);
  });

  it('lists a filter without a query, and asks nothing for an empty query', async () => {
    const pf = fakePagefind(pages);
    expect((await search(pf, '', { 地区: '湖南' })).hits.map((h) => h.url)).toEqual(['/r/c/']);
    expect(pf.asked).toEqual([null]);
    expect((await search(pf, '，。', {})).hits).toEqual([]);
    expect(pf.asked).toHaveLength(1);
  });
});

describe('exactness score', () => {
  it('compares by path and reports what is missing and extra', () => {
    const s = scoreExactness(['/showcase/reports/a/', '/showcase/reports/b/'], ['http://h:1/showcase/reports/a/', '/showcase/reports/c/']);
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBe(0.5);
    expect(s.missing).toEqual(['/showcase/reports/b/']);
    expect(s.extra).toEqual(['/showcase/reports/c/']);
    expect(scoreExactness([], [])).toMatchObject({ precision: 1, recall: 1 });
  });
});
