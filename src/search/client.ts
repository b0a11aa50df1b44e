/**
 * Runs a search in the browser: Pagefind finds the candidates in the token index (src/search/text.ts),
 * each candidate is confirmed on its real text, and the excerpt is cut from that text. Every candidate's
 * record is loaded, because the count a reader sees must be exact.
 */
import { FILTERS } from './filters.ts';
import { containsTerms, excerptHtml, normalizeWithMap, parseQuery, queryTokens, relevance } from './text.ts';

/** Filter values by filter name (机构, 地区, 主题, 年份); empty or missing means no restriction. */
export type SearchFilters = Partial<Record<(typeof FILTERS)[keyof typeof FILTERS], string>>;

export type SearchSort = 'date' | 'relevance';

/** One confirmed result. */
export interface Hit {
  /** Base-prefixed URL of the report page. */
  url: string;
  title: string;
  org: string;
  /** YYYY-MM-DD */
  date: string;
  summary: string;
  /** Escaped HTML: the real text around the match with the terms in <mark>, or the summary. */
  excerptHtml: string;
  /** Higher is more relevant; 0 when searching by filters alone. */
  score: number;
}

/** What a search found. */
export interface SearchOutcome {
  hits: Hit[];
  /** Pages Pagefind proposed; hits are the confirmed ones among them. */
  candidates: number;
}

interface PagefindRecord {
  url: string;
  meta: Record<string, string | undefined>;
}
/** The part of Pagefind's browser API this module uses. */
export interface PagefindApi {
  options: (o: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (
    q: string | null,
    o?: { filters?: Record<string, string> },
  ) => Promise<{ results: { data: () => Promise<PagefindRecord> }[] } | null>;
  filters: () => Promise<Record<string, Record<string, number>>>;
}

/** Loads the bundle written by buildSearchIndex from `<base>pagefind/`, on the reader's own host. */
export async function loadPagefind(base: string): Promise<PagefindApi> {
  const url = `${base}pagefind/pagefind.js`;
  const api = (await import(/* @vite-ignore */ url)) as PagefindApi;
  await api.options({ baseUrl: base });
  await api.init();
  return api;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Reports containing every term of the query (see parseQuery) within the filters, newest first or most
 * relevant first. A query without searchable terms and no filter finds nothing.
 */
export async function search(pf: PagefindApi, query: string, filters: SearchFilters = {}, sort: SearchSort = 'date'): Promise<SearchOutcome> {
  const terms = parseQuery(query);
  const active = Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Record<string, string>;
  if (terms.length === 0 && Object.keys(active).length === 0) return { hits: [], candidates: 0 };
  const res = await pf.search(terms.length ? queryTokens(query).join(' ') : null, { filters: active });
  if (!res) return { hits: [], candidates: 0 };
  const records = await Promise.all(res.results.map((r) => r.data()));
  const hits: Hit[] = [];
  for (const d of records) {
    const doc = { title: d.meta.title ?? d.url, summary: d.meta.summary ?? '', text: d.meta.text ?? '' };
    const normalized = terms.length ? normalizeWithMap(doc.text) : undefined;
    if (normalized && !containsTerms(normalized.text, terms)) continue;
    hits.push({
      url: d.url,
      title: doc.title,
      org: d.meta.org ?? '',
      date: d.meta.date ?? '',
      summary: doc.summary,
      excerptHtml: (normalized && excerpt(doc, query, normalized)) || escapeHtml(doc.summary),
      score: terms.length ? relevance(doc, terms) : 0,
    });
  }
  const byDate = (a: Hit, b: Hit) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title, 'zh-CN');
  hits.sort(sort === 'relevance' ? (a, b) => b.score - a.score || byDate(a, b) : byDate);
  return { hits, candidates: records.length };
}

/**
 * The excerpt comes from the summary and body when the terms are there: the title is shown above it
 * already. The record's text is title, summary and body, one per line (see buildSearchIndex).
 */
function excerpt(doc: { title: string; text: string }, query: string, normalized: { text: string; map: number[] }): string | undefined {
  const rest = doc.text.startsWith(`${doc.title}\n`) ? doc.text.slice(doc.title.length + 1) : '';
  return (rest && excerptHtml(rest, query)) || excerptHtml(doc.text, query, 40, normalized);
}

/** The values each filter takes in the index, with page counts. */
export async function filterValues(pf: PagefindApi): Promise<Record<string, Record<string, number>>> {
  return pf.filters();
}
