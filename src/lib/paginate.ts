/** Fixed-size pages for listings; page 1 lives at the listing's own URL, page n at …/page/n/. */
export interface Paged<T> {
  items: T[];
  current: number;
  last: number;
  total: number;
}

export function paginate<T>(items: readonly T[], size: number): Paged<T>[] {
  const last = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: last }, (_, i) => ({ items: items.slice(i * size, (i + 1) * size), current: i + 1, last, total: items.length }));
}

/** Rest-parameter value for page n: undefined for the first page. */
export function pageParam(n: number): string | undefined {
  return n === 1 ? undefined : `page/${n}`;
}
