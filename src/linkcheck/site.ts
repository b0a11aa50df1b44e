/** The site's own addresses: where a file is served, and the base and host a build was made for. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeBase } from '../lib/urls.ts';
import type { Ref } from './types.ts';

/** The URL path a file is served at: pages by their directory, with the trailing slash. */
export function urlPathOf(base: string, file: string): string {
  if (file === 'index.html') return base;
  if (file.endsWith('/index.html')) return `${base}${file.slice(0, -'index.html'.length)}`;
  return base + file;
}

/** The most frequent origin among the pages' own absolute URLs: the site's host when none is given. */
export function inferSite(refs: Ref[]): string | null {
  const counts = new Map<string, number>();
  for (const r of refs) {
    if (r.kind !== 'self') continue;
    try {
      const o = new URL(r.url).origin;
      if (o !== 'null') counts.set(o, (counts.get(o) ?? 0) + 1);
    } catch {
      // Not absolute: checked as a path below.
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** The base the pages were built for, read from the script and stylesheet paths Astro writes (…/_astro/…). */
export function inferBase(dist: string): string | null {
  let html: string;
  try {
    html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  } catch {
    return null;
  }
  const m = /(?:href|src)="(\/[^"]*?)_astro\//.exec(html);
  return m ? normalizeBase(m[1]) : null;
}
