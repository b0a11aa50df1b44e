/**
 * The content type of each kind of file the site is made of: the one table the preview server, the dev
 * server's search files and the dev routes answer with, so a file reaches the browser the same way in dev,
 * in preview and (by the README's nginx example) on the intranet server. With `x-content-type-options:
 * nosniff` a wrong type breaks the page, so a missing extension falls back to a download, never a guess.
 */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

const UNKNOWN = 'application/octet-stream';

/** The content type for a file name or URL path, by its extension (a query string aside). */
export function contentType(name: string): string {
  const file = name.replace(/[?#].*$/, '');
  const dot = file.lastIndexOf('.');
  if (dot < 0 || file.indexOf('/', dot) >= 0) return UNKNOWN;
  return CONTENT_TYPES[file.slice(dot).toLowerCase()] ?? UNKNOWN;
}
