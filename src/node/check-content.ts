/**
 * A whole content folder checked outside Astro, for `npm run check`, `npm run cards` and tests: the same
 * config reader and the same per-file check as the reports loader, in the same order.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ContentModel } from '../lib/model.ts';
import type { Problem } from '../lib/problems.ts';
import { REPORT_FILE, slugOf } from '../lib/validate/report.ts';
import { reportLinkProblems, type LinkedReport } from '../lib/validate/report-links.ts';
import { checkTimeline, timelineSource } from '../lib/validate/timeline.ts';
import { readContentConfig, type ContentConfig } from './content-config.ts';
import { cardFontGlyphs, checkReportFile, duplicateSlugProblem, linkedReport, reportsDir, type CheckedReport } from './report-file.ts';

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
  // Links to other reports, against every report of the content folder: one outside the files asked for is
  // read too (a link to it is right or wrong whichever files are checked).
  const linked = new Map<string, LinkedReport>(checked.map((c) => [c.slug, linkedReport(c)]));
  const wanted = new Set(checked.flatMap((c) => c.reportLinks.map((l) => l.report)).filter((s) => !linked.has(s)));
  if (wanted.size > 0) {
    for (const abs of listReportFiles(reportsDir(config.contentDir))) {
      const slug = slugOf(abs);
      if (!wanted.has(slug) || linked.has(slug)) continue;
      linked.set(slug, linkedReport(await checkReportFile(abs, ctx)));
    }
  }
  const linkProblems = checked.flatMap((c) => reportLinkProblems(c.file, c.reportLinks, linked, opts.now));
  problems.push(...linkProblems);
  // Across files, once every file is read: drafts and embargoed reports are held to the others too. A report
  // given an error here is, like any report with an error, not one of the model's.
  const valid = checked.flatMap((c) => (c.report ? [c.report] : []));
  const across = checkTimeline(valid.map((r) => ({ ...timelineSource(r), published: r.published })), config.catalog);
  problems.push(...across);
  const refused = new Set([...across, ...linkProblems].filter((p) => p.severity === 'error').map((p) => p.file));
  const reports = valid.filter((r) => !refused.has(r.file));
  reports.sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug));
  return { config, checked, problems, files, model: { site: config.site, catalog: config.catalog, registry: config.registry, reports } };
}
