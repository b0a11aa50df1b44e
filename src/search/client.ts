/**
 * Runs a search in the browser: Pagefind finds the candidates from the token index, each candidate is
 * confirmed by substring match on its real text, and the excerpt is cut from that text.
 */
import { containsPhrase, excerptHtml, queryTokens, searchablePhrase } from './text.ts';

export interface SearchFilters {
  机构?: string;
  地区?: string;
  主题?: string;
  年份?: string;
}

export interface Hit {
  url: string;
  title: string;
  org: string;
  date: string;
  excerptHtml: string;
}

interface PagefindResult {
  data: () => Promise<{ url: string; meta: Record<string, string> }>;
}
export interface PagefindApi {
  options: (o: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (q: string | null, o?: { filters?: Record<string, string>; sort?: Record<string, 'asc' | 'desc'> }) => Promise<{ results: PagefindResult[] } | null>;
}

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

export async function search(
  pf: PagefindApi,
  query: string,
  filters: SearchFilters,
  sort: 'date' | 'relevance' = 'date',
): Promise<Hit[]> {
  const phrase = searchablePhrase(query);
  const activeFilters = Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Record<string, string>;
  if (!phrase && Object.keys(activeFilters).length === 0) return [];
  const tokens = phrase ? queryTokens(phrase) : [];
  const res = await pf.search(tokens.length ? tokens.join(' ') : null, {
    filters: activeFilters,
    ...(sort === 'date' || !phrase ? { sort: { date: 'desc' as const } } : {}),
  });
  if (!res) return [];
  const data = await Promise.all(res.results.map((r) => r.data()));
  const hits: Hit[] = [];
  for (const d of data) {
    const text = d.meta.text ?? '';
    if (phrase && !containsPhrase(text, phrase)) continue;
    hits.push({
      url: d.url,
      title: d.meta.title ?? d.url,
      org: d.meta.org ?? '',
      date: d.meta.date ?? '',
      excerptHtml: (phrase && excerptHtml(text, phrase)) || escapeHtml(d.meta.summary ?? ''),
    });
  }
  return hits;
}
