/**
 * Offline link check of a built site: every internal reference in every page and stylesheet must resolve to a
 * file in dist/ under the configured base, the way a plain static server resolves it (a URL ending in / needs
 * its index.html, nothing is guessed), and every #fragment must name exactly one element on the target page
 * (a figure's source link, #src-3, must find the sentence that prints it).
 *
 * Why not a crawler such as linkinator: it checks over HTTP, so it needs a server that behaves like the
 * intranet one, it follows redirects that hide a missing trailing slash, and it cannot tell the base from the
 * host. Reading dist/ directly with a real HTML parser (htmlparser2: entities decoded, raw-text elements
 * handled) is exact and takes about a second for the whole site.
 *
 * What is read: a/area href, link href, script src, img/source src and srcset, video poster, iframe/embed src,
 * object data, form action, meta refresh, og:image / og:url / twitter:image and <link rel=canonical> (absolute
 * URLs on the site's own host: their path is checked), inline SVG use href, CSS url() and @import in
 * stylesheets, <style> and style="", relative imports between the bundled scripts in _astro/, and the item
 * links of XML feeds and sitemaps.
 */
export type { ExternalLink, LinkCheckOptions, LinkCheckResult, Problem, ProblemKind, Ref, RefKind } from './types.ts';
export { checkLinks } from './check.ts';
export { formatReport } from './report.ts';
export { inferBase, urlPathOf } from './site.ts';
export { cssUrls, jsImports, srcsetUrls } from './text.ts';
