/**
 * Where content lives and what "today" is. Environment variables win over content/site.yaml so a deployment
 * (or a test) can move the site without editing files:
 *   SHOWCASE_CONTENT  content folder (default: content/ of the project)
 *   SHOWCASE_BASE     sub-path the site is served under, e.g. /showcase/
 *   SHOWCASE_SITE     absolute intranet address, e.g. http://showcase.bank.local
 *   SHOWCASE_NOW      build "today": 2025-06-30, 2025-06-30T09:00 (Beijing time) or with an offset
 *   SHOWCASE_CACHE    the build's caches of cards, search shards and file hashes (default node_modules/.cache/)
 * Inside Astro the project folder is Astro's `root`; command-line scripts run from the project folder.
 */
import path from 'node:path';

/** The project folder of a command-line script: npm runs scripts from there. */
export const PROJECT_ROOT = path.resolve(process.env.SHOWCASE_ROOT ?? process.cwd());

export function projectContentDir(root: string = PROJECT_ROOT): string {
  return path.join(root, 'content');
}

export function contentDirFromEnv(env: NodeJS.ProcessEnv = process.env, root: string = PROJECT_ROOT): string {
  const dir = env.SHOWCASE_CONTENT?.trim();
  return dir ? path.resolve(root, dir) : projectContentDir(root);
}

/** Where a build keeps what it may reuse next time; SHOWCASE_CACHE moves it (a benchmark that must start cold). */
export function cacheDirFromEnv(env: NodeJS.ProcessEnv = process.env, root: string = PROJECT_ROOT): string {
  const dir = env.SHOWCASE_CACHE?.trim();
  return dir ? path.resolve(root, dir) : path.join(root, 'node_modules', '.cache');
}

/** SHOWCASE_NOW that cannot be read: an operator's mistake, reported in Chinese (exit code 2 in scripts). */
export class NowError extends Error {
  constructor(raw: string) {
    super(`环境变量 SHOWCASE_NOW 的值“${raw}”不是日期或时间。请写成 2025-06-30（当天中午，北京时间）、2025-06-30T09:00（北京时间）或 2025-06-30T01:00:00Z（带时区），或者不设置它（使用当前时间）。`);
    this.name = 'NowError';
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/**
 * A date alone is noon in Beijing; a date-time without an offset is Beijing time, whatever the machine's time
 * zone (a build server often runs in UTC); with an offset or Z it is that instant.
 */
export function nowFromEnv(env: NodeJS.ProcessEnv = process.env): Date {
  const raw = env.SHOWCASE_NOW?.trim();
  if (!raw) return new Date();
  const iso = DAY.test(raw) ? `${raw}T12:00:00+08:00` : LOCAL_TIME.test(raw) ? `${raw.replace(' ', 'T')}+08:00` : raw;
  const d = /^\d{4}-\d{2}-\d{2}/.test(iso) ? new Date(iso) : new Date(Number.NaN);
  if (Number.isNaN(d.getTime())) throw new NowError(raw);
  return d;
}
