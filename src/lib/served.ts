/**
 * What in a built site folder is not site content. Every server of the folder answers 404 for it: the preview
 * server (src/serve/static-server.ts) by these rules, nginx by the `location` blocks of the README's example,
 * which a test reads and compares with this list.
 */

/** The build's stamp at the root of every build (build time, content hash, every file's SHA-256). */
export const STAMP_FILE = 'build.json';

/** Files at the site's root that are bookkeeping, not pages: nginx `location = <base><name> { return 404; }`. */
export const DENIED_FILES: readonly string[] = [STAMP_FILE];

/**
 * Whether a path inside the site (its segments below the base) is withheld: a segment starting with a dot
 * (a release's .release-complete.json, a .git folder; nginx `location ~ /\.`), or one of DENIED_FILES.
 */
export function isDenied(segments: readonly string[]): boolean {
  if (segments.some((s) => s.startsWith('.'))) return true;
  return segments.length === 1 && DENIED_FILES.includes(segments[0]!);
}
