/**
 * Every URL the site publishes, in one place. Paths are relative to the site's base; `withBase` prefixes it,
 * so the same code works at / and under a sub-path such as /showcase/. Trailing slashes everywhere because a
 * plain static server maps /reports/x/ to reports/x/index.html but does not guess /reports/x.html.
 */

export const routes = {
  home: () => '',
  reports: (page = 1) => (page > 1 ? `reports/page/${page}/` : 'reports/'),
  report: (slug: string) => `reports/${slug}/`,
  orgs: () => 'orgs/',
  org: (id: string, page = 1) => (page > 1 ? `orgs/${id}/page/${page}/` : `orgs/${id}/`),
  regions: () => 'regions/',
  region: (province: string, city?: string, page = 1) =>
    `regions/${seg(province)}/${city ? `${seg(city)}/` : ''}${page > 1 ? `page/${page}/` : ''}`,
  themes: () => 'themes/',
  theme: (name: string, page = 1) => `themes/${seg(name)}/${page > 1 ? `page/${page}/` : ''}`,
  years: () => 'years/',
  year: (year: number, page = 1) => `years/${year}/${page > 1 ? `page/${page}/` : ''}`,
  /** The printable annual casebooks (src/lib/casebook.ts): the index, a year's booklet, a theme's within the year. */
  casebooks: () => 'casebook/',
  casebook: (year: number, theme?: string) => `casebook/${year}/${theme ? `${seg(theme)}/` : ''}`,
  metrics: () => 'metrics/',
  metric: (key: string) => `metrics/${key}/`,
  search: (query?: string) => (query ? `search/?q=${encodeURIComponent(query)}` : 'search/'),
  feed: () => 'feed.xml',
  reportCard: (slug: string) => `cards/reports/${slug}.png`,
  reportPoster: (slug: string) => `cards/reports/${slug}-poster.png`,
  orgCard: (id: string) => `cards/orgs/${id}.png`,
  /** The 数据下载 page and its files (src/lib/downloads.ts). */
  downloads: () => 'data/',
  siteData: (format: 'csv' | 'json') => `data/figures.${format}`,
  metricData: (key: string, format: 'csv' | 'json') => `data/metrics/${key}.${format}`,
  orgData: (id: string, format: 'csv' | 'json') => `data/orgs/${id}.${format}`,
} as const;

/** Chinese path segments are kept readable; only characters that break a path are encoded. */
function seg(s: string): string {
  return s.replace(/[/?#%\s]/g, (c) => encodeURIComponent(c));
}

/** Normalise a configured base to '/x/y/' form ('/' for the root). */
export function normalizeBase(base: string | undefined): string {
  const trimmed = (base ?? '/').trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** base '/showcase/' + 'reports/x/' → '/showcase/reports/x/' */
export function withBase(base: string, path: string): string {
  return normalizeBase(base) + path.replace(/^\/+/, '');
}

/** Absolute URL on the intranet host: for QR codes, feeds and og:image. */
export function absoluteUrl(site: string, base: string, path: string): string {
  return new URL(withBase(base, path), site.endsWith('/') ? site : `${site}/`).href;
}
