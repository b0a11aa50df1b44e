/**
 * Links in a report body that stay on the site (`../shili-2025q1/`, `./x`, `/reports/…`), resolved once, at
 * build time, to an absolute path under the site's base. A body is shown on its report page, in the casebooks
 * and in print, each at another depth: a link left relative would work on one of them only. The resolution is
 * the one a browser makes on the report's own page (reports/<slug>/), so what the writer checked in the preview
 * is where every page leads. Links to other hosts, other schemes and fragments of the same body (`#…`, which the
 * casebook scopes per report) are not touched.
 */
import type { Element, Root } from 'hast';
import { normalizeBase, routes } from '../urls.ts';
import { browserUrl, classifyUrl } from './urls.ts';

/** Where a site link leads, relative to the base: `reports/x/`, `themes/普惠金融/`, with its ?query and #fragment. */
export interface SiteTarget {
  /** Path below the base, without a leading slash, percent-encoded as a browser sends it. */
  path: string;
  /** `?…#…` as written (may be empty). */
  suffix: string;
  /** The link names a report page: its slug (the report must exist and be published). */
  report?: string;
  /** The link names something inside a report's folder that is not its page (`./x` on a report page). */
  inReport?: string;
}

/** An origin no link can name, to let the URL parser do a browser's relative resolution. */
const ORIGIN = 'http://site.invalid';

/**
 * The site path a body link leads to from report `slug`'s page, or undefined when it leaves the site or stays
 * on the same body (another host, mailto:, an empty or fragment-only link).
 */
export function siteLinkTarget(url: string, slug: string): SiteTarget | undefined {
  const kind = classifyUrl(url).kind;
  if (kind !== 'relative' && kind !== 'root') return undefined;
  const u = browserUrl(url).replace(/\\/g, '/');
  if (u.startsWith('#')) return undefined;
  let resolved: URL;
  try {
    resolved = new URL(u, `${ORIGIN}/${routes.report(slug)}`);
  } catch {
    return undefined;
  }
  if (resolved.origin !== ORIGIN) return undefined;
  const path = resolved.pathname.slice(1);
  const suffix = `${resolved.search}${resolved.hash}`;
  const segs = path.split('/');
  // reports/, reports/page/2/: lists. reports/<slug>[/]: a report's page; anything deeper is not a page.
  if (segs[0] !== 'reports' || segs.length < 2 || segs[1] === '' || segs[1] === 'page') return { path, suffix };
  const target = decodeSegment(segs[1]!);
  const rest = segs.slice(2).filter((s) => s !== '');
  if (rest.length === 0 || (rest.length === 1 && rest[0] === 'index.html')) return { path: routes.report(target), suffix, report: target };
  return { path, suffix, inReport: target };
}

/** The href a body link gets on every page: absolute under the base, or undefined to keep it as written. */
export function siteHref(url: string, slug: string, base: string): string | undefined {
  const t = siteLinkTarget(url, slug);
  return t ? `${normalizeBase(base)}${t.path}${t.suffix}` : undefined;
}

/** Every link of a rendered body (`<a href>`, from Markdown, HTML or MDX) pointed at its absolute site path. */
export function resolveSiteLinks(tree: Root, slug: string, base: string): Root {
  const walk = (n: Root | Element) => {
    for (const c of n.children) {
      if (c.type !== 'element') continue;
      if (c.tagName === 'a' && typeof c.properties.href === 'string') {
        const href = siteHref(c.properties.href, slug, base);
        if (href !== undefined) c.properties.href = href;
      }
      walk(c);
    }
  };
  walk(tree);
  return tree;
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
