/**
 * Search filters: the URL parameter a reader bookmarks and the filter name in the Pagefind index, shared by
 * the index build, the client and the search page.
 */
export const FILTERS = { org: '机构', region: '地区', theme: '主题', year: '年份' } as const;

/** URL parameter of a filter: org, region, theme, year. */
export type FilterParam = keyof typeof FILTERS;
