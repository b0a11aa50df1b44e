/**
 * A whole content folder checked outside Astro, for `npm run check`, `npm run cards` and tests: the same
 * config reader and the same per-file check as the reports loader, in the same order.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ContentModel } from '../lib/model.ts';
import type { Problem } from '../lib/problems.ts';
import { REPORT_FILE } from '../lib/validate/report.ts';
import { readContentConfig, type ContentConfig } from './content-config.ts';
import { cardFontGlyphs, checkReportFile, duplicateSlugProblem, reportsDir, type CheckedReport } from './report-file.ts';

export interface CheckOptions {
  contentDir: string;
  projectContentDir: string;
  /** Only these files or folders instead of <content>/reports. */
  paths?: string[];
  now: Date;
  env?: NodeJS.ProcessEnv;
}

export interface CheckResult {
  config: ContentConfig;
  checked: CheckedReport[];
  problems: Problem[];
  /** Report files read. */
  files: string[];
  /** Valid reports, published or not, newest first. */
  model: ContentModel;
}

/** Report files under a folder: any depth, skipping names starting with . or _ (drafts folders, editors' files). */
export function listReportFiles(dir: string): string[] {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat) return [];
  if (stat.isFile()) return [dir];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listReportFiles(full));
    else if (REPORT_FILE.test(entry.name)) out.push(full);
  }
  return out.sort();
}

export async function checkContent(opts: CheckOptions): Promise<CheckResult> {
  const config = readContentConfig(opts);
  const files = opts.paths && opts.paths.length > 0
    ? opts.paths.flatMap((p) => listReportFiles(path.resolve(p)))
    : listReportFiles(reportsDir(config.contentDir));
  const ctx = { ...config, contentDir: config.contentDir, now: opts.now, missingGlyphs: await cardFontGlyphs() };
  const checked: CheckedReport[] = [];
  const problems: Problem[] = [];
  const slugs = new Map<string, string>();
  for (const abs of files) {
    const c = await checkReportFile(abs, ctx);
    const other = slugs.get(c.slug);
    if (other) {
      problems.push(duplicateSlugProblem(c.file, other, c.slug));
      continue;
    }
    slugs.set(c.slug, c.file);
    checked.push(c);
    problems.push(...c.problems);
  }
  const reports = checked.flatMap((c) => (c.report ? [c.report] : []));
  reports.sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug));
  return { config, checked, problems, files, model: { site: config.site, catalog: config.catalog, registry: config.registry, reports } };
}
