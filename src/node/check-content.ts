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
import { displayPath } from './paths.ts';
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

export interface ReportFolderScan {
  /** Every report file found, in order. */
  files: string[];
  /** The files that own their slug: the first of each slug in that order. */
  reports: { abs: string; slug: string }[];
  /** Each later file with a slug already taken, and its problem. */
  duplicates: { abs: string; slug: string; problem: Problem }[];
}

/**
 * The report files of some folders (or single files), and which of them publish at a URL another one already
 * has: the one walk the reports loader and `npm run check` share, so both refuse the same files.
 */
export function scanReportFolder(dirs: string | string[], contentDir: string): ReportFolderScan {
  const files = (typeof dirs === 'string' ? [dirs] : dirs).flatMap((d) => listReportFiles(d));
  const owner = new Map<string, string>();
  const scan: ReportFolderScan = { files, reports: [], duplicates: [] };
  for (const abs of files) {
    const slug = slugOf(abs);
    const other = owner.get(slug);
    if (other === undefined) {
      owner.set(slug, abs);
      scan.reports.push({ abs, slug });
    } else {
      scan.duplicates.push({ abs, slug, problem: duplicateSlugProblem(displayPath(abs, contentDir), displayPath(other, contentDir), slug) });
    }
  }
  return scan;
}

export async function checkContent(opts: CheckOptions): Promise<CheckResult> {
  const config = readContentConfig(opts);
  const scan = scanReportFolder(
    opts.paths && opts.paths.length > 0 ? opts.paths.map((p) => path.resolve(p)) : reportsDir(config.contentDir),
    config.contentDir,
  );
  const files = scan.files;
  const ctx = { ...config, contentDir: config.contentDir, now: opts.now, missingGlyphs: await cardFontGlyphs() };
  const checked: CheckedReport[] = [];
  const problems: Problem[] = scan.duplicates.map((d) => d.problem);
  for (const { abs } of scan.reports) {
    const c = await checkReportFile(abs, ctx);
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
