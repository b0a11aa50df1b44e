/**
 * Paths as an author reads them in a message: relative to the content folder (reports/x.md) when the file is
 * inside it, else relative to the working folder, always with forward slashes.
 */
import path from 'node:path';

export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function displayPath(abs: string, contentDir: string): string {
  const rel = isInside(contentDir, abs) ? path.relative(contentDir, abs) : path.relative(process.cwd(), abs);
  return (rel || path.basename(abs)).split(path.sep).join('/');
}
