/**
 * The review page's disk: which file a slug names (only a report file under <content>/reports, never a link,
 * never anything that resolves outside that folder), reading it with a hash of its bytes, writing it back
 * only if nobody changed it since the page read it, and checking it with the same `checkReportFile` as the
 * reports loader and `npm run check`. What is decided and edited is pure (src/lib/review).
 */
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../lib/problems.ts';
import { sortProblems } from '../lib/problems.ts';
import { todayInShanghai } from '../lib/dates.ts';
import { slugOf } from '../lib/validate/report.ts';
import type { ReviewContext } from '../lib/review/rows.ts';
import { writeFileAtomic } from '../publish/atomic.ts';
import { listReportFiles } from '../node/check-content.ts';
import { contentDirFromEnv, nowFromEnv, projectContentDir, PROJECT_ROOT } from '../node/config.ts';
import { readContentConfig, type ContentConfig } from '../node/content-config.ts';
import { displayPath, isInside } from '../node/paths.ts';
import { cardFontGlyphs, checkReportFile, reportsDir } from '../node/report-file.ts';

export interface ReviewSetting {
  contentDir: string;
  config: ContentConfig;
  now: Date;
  review: ReviewContext;
}

/** The content folder and its data files as the dev server reads them, read afresh (they may have changed). */
export function reviewSetting(env: NodeJS.ProcessEnv = process.env, root: string = PROJECT_ROOT): ReviewSetting {
  const contentDir = contentDirFromEnv(env, root);
  const config = readContentConfig({ contentDir, projectContentDir: projectContentDir(root), env });
  const now = nowFromEnv(env);
  return { contentDir, config, now, review: { site: config.site, catalog: config.catalog, registry: config.registry, today: todayInShanghai(now) } };
}

export interface ReviewFile {
  abs: string;
  /** As messages name it: reports/x.md. */
  file: string;
  slug: string;
}

export type FileLookup = { ok: true; found: ReviewFile } | { ok: false; status: 404 | 403 | 409; reason: string };

/** The report file of a slug, confined to <content>/reports: links and anything resolving outside are refused. */
export function reviewFileOf(contentDir: string, slug: string): FileLookup {
  const dir = reportsDir(contentDir);
  let realDir: string;
  try {
    realDir = realpathSync(dir);
  } catch {
    return { ok: false, status: 404, reason: '内容文件夹里没有 reports 文件夹。' };
  }
  const matches = listReportFiles(dir).filter((abs) => slugOf(abs) === slug);
  if (matches.length === 0) return { ok: false, status: 404, reason: `reports 文件夹里没有名为 ${slug} 的报告。` };
  if (matches.length > 1) return { ok: false, status: 409, reason: `有 ${matches.length} 个文件都叫 ${slug}：${matches.map((m) => displayPath(m, contentDir)).join('、')}，先给其中一个改名。` };
  const abs = matches[0]!;
  const stat = lstatSync(abs, { throwIfNoEntry: false });
  if (!stat || stat.isSymbolicLink() || !stat.isFile()) return { ok: false, status: 403, reason: `${displayPath(abs, contentDir)} 不是普通文件（是链接或文件夹），审阅页面不读写它。` };
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    return { ok: false, status: 404, reason: `${displayPath(abs, contentDir)} 打不开。` };
  }
  if (!isInside(realDir, real) || real === realDir) return { ok: false, status: 403, reason: `${displayPath(abs, contentDir)} 在 reports 文件夹之外，审阅页面不读写它。` };
  return { ok: true, found: { abs: real, file: displayPath(abs, contentDir), slug } };
}

export function hashOf(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 20);
}

export function readReviewFile(f: ReviewFile): { bytes: Buffer; text: string; hash: string } {
  const bytes = readFileSync(f.abs);
  return { bytes, text: bytes.toString('utf8'), hash: hashOf(bytes) };
}

/** Writes the file if its bytes still hash to `expected`; false when someone changed it meanwhile. */
export function writeReviewFile(f: ReviewFile, text: string, expected: string): boolean {
  if (hashOf(readFileSync(f.abs)) !== expected) return false;
  writeFileAtomic(f.abs, text);
  return true;
}

/** The check's problems for the file (or for `text` as it would be written), sorted as `npm run check` prints them. */
export async function checkReviewFile(f: ReviewFile, s: ReviewSetting, text?: string): Promise<Problem[]> {
  const ctx = { ...s.config, contentDir: s.contentDir, now: s.now, missingGlyphs: await cardFontGlyphs() };
  // The check names the file as the loader does, from its place in the content folder.
  const abs = path.join(s.contentDir, f.file);
  const checked = await checkReportFile(abs, ctx, text === undefined ? readFileSync(f.abs) : Buffer.from(text, 'utf8'));
  return sortProblems(checked.problems);
}

/** Every report file of the content folder, for the list of drafts. */
export function reviewFiles(contentDir: string): ReviewFile[] {
  return listReportFiles(reportsDir(contentDir)).map((abs) => ({ abs, file: displayPath(abs, contentDir), slug: slugOf(abs) }));
}
