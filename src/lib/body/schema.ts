/**
 * What HTML a report body may contain: one allow-list, used by the site's Markdown pipeline (through
 * src/markdown/rehype-body.ts) and by `analyzeBody`, which runs it to tell the author what it will remove.
 * A change here changes both at once; there is no second list.
 *
 * It is GitHub's schema (rehype-sanitize's `defaultSchema`) with these changes, each for a reason:
 * - added `figure`, `figcaption`, table `caption`, `col`/`colgroup`, `mark`, `small`, `abbr`, `cite`, `u`:
 *   ordinary article markup that writers paste from their editors;
 * - removed `picture` and `source`: `srcset` would fetch images from any host, and the sanitiser cannot check it;
 * - `img src` only as a relative path beside the report (no scheme, no leading `/` or `\`, no control
 *   characters a browser would drop): intranet readers cannot load another host, the site's
 *   Content-Security-Policy (img-src 'self') would block it anyway, and `data:` images are blocked by that same
 *   policy, so they are not allowed either — `analyzeBody` asks for the file in images/ instead;
 * - `strip` (drop with their content, instead of keeping the text inside): elements whose content is code,
 *   styles or another document, which would otherwise show up as stray text.
 * `style` attributes, event handlers (`on…`), `<script>`, `<iframe>`, `<object>`, `<embed>`, `<form>`,
 * `<meta>`, `<link>`, `<base>`, `<svg>` and every URL scheme but http(s)/mailto in links are not in the
 * allow-list to begin with.
 */
import { defaultSchema } from 'rehype-sanitize';
import type { Schema } from 'hast-util-sanitize';

/**
 * A relative path: no `scheme:`, no leading slash or backslash (root or protocol-relative: `//host`, `/\host`),
 * after the spaces a browser trims, and no tab, newline or other control character anywhere (browsers delete
 * them, so `ht\ttp://…` would become a remote address).
 */
export const LOCAL_SRC = /^(?! *(?:[a-z][a-z\d+.-]*:|[\\/]))[^\u0000-\u001f\u007f]*$/i;

const ADDED_TAGS = ['figure', 'figcaption', 'caption', 'col', 'colgroup', 'mark', 'small', 'abbr', 'cite', 'u'];
const REMOVED_TAGS = new Set(['picture', 'source']);

/** Dropped together with what they contain. */
export const STRIPPED_TAGS = [
  'script', 'style', 'template', 'iframe', 'object', 'embed', 'noembed', 'noframes', 'noscript', 'xmp',
  'textarea', 'title', 'svg', 'math', 'select', 'head',
] as const;

const attributes = { ...defaultSchema.attributes } as Record<string, NonNullable<Schema['attributes']>[string]>;
attributes.img = [
  ...(attributes.img ?? []).filter((d) => (typeof d === 'string' ? d : d[0]) !== 'src'),
  ['src', LOCAL_SRC],
];
delete attributes.source;

export const bodySchema: Readonly<Schema> = Object.freeze({
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []).filter((t) => !REMOVED_TAGS.has(t)), ...ADDED_TAGS],
  attributes,
  strip: [...STRIPPED_TAGS],
});
