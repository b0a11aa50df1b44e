/**
 * Where content lives and how the site is addressed. Environment variables win over content/site.yaml so a
 * deployment (or a test) can move the site without editing files:
 *   SHOWCASE_CONTENT  content folder (default: content/ of the project)
 *   SHOWCASE_BASE     sub-path the site is served under, e.g. /showcase/
 *   SHOWCASE_SITE     absolute intranet address, e.g. http://showcase.bank.local
 *   SHOWCASE_NOW      build "today" (ISO date or datetime), for embargo tests; default: the real time
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The project folder. Not derived from import.meta.url: this module is also bundled into Astro's build
 * output, where that URL points into dist/. npm scripts and the build always run from the project folder.
 */
export const PROJECT_ROOT = path.resolve(process.env.SHOWCASE_ROOT ?? process.cwd());
export const DEFAULT_CONTENT_DIR = path.join(PROJECT_ROOT, 'content');

export function contentDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.SHOWCASE_CONTENT?.trim();
  return dir ? path.resolve(dir) : DEFAULT_CONTENT_DIR;
}

/** A content folder may bring its own catalog, registry and settings; what it lacks comes from the project's. */
export function dataFile(contentDir: string, name: string): string {
  const own = path.join(contentDir, name);
  return existsSync(own) ? own : path.join(DEFAULT_CONTENT_DIR, name);
}

export function nowFromEnv(env: NodeJS.ProcessEnv = process.env): Date {
  const raw = env.SHOWCASE_NOW?.trim();
  if (!raw) return new Date();
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T12:00:00+08:00` : raw);
  if (Number.isNaN(d.getTime())) throw new Error(`SHOWCASE_NOW 的值“${raw}”不是日期，请写成 2025-04-18`);
  return d;
}
